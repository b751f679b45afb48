import ArgumentParser
import Foundation
import NianbaoDaemon

/// A monitoring-plugin check: one line, exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Summarise the daemon's status file in one line (exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).")

    @Option(name: .long, help: "The status file. Default as for `watch`.")
    var statusFile: String?

    @Option(name: .long, help: "TOML configuration, to find the status file.")
    var config: String?

    @Option(name: .long, help: "Older than this many seconds means the daemon is not running: CRITICAL.")
    var maxAge: Int = 180

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let configuration: DaemonConfiguration
        do {
            configuration = try DaemonConfiguration.load(path: config)
        } catch {
            // A configuration that cannot be read must say so, not send the check to the default
            // path. With --status-file alone it only gives the warning days, whose default serves.
            guard statusFile != nil, config == nil else {
                StandardOutput.write("NIANBAO UNKNOWN - \(error.description)\n")
                throw ExitCode(3)
            }
            configuration = DaemonConfiguration()
        }
        let path = statusFile ?? configuration.resolvedStatusFile(environment: environment)
        let check = StatusCheck.evaluate(path: path, now: Date().timeIntervalSince1970, maxAgeSeconds: maxAge,
                                         warnDaysBeforeDeadline: configuration.warnDaysBeforeDeadline)
        StandardOutput.write(check.line + "\n")
        throw ExitCode(check.exitCode)
    }
}
