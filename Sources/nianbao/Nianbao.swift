import ArgumentParser
import Foundation
import NianbaoCore

@main
// Synchronous on purpose: an async main starts Dispatch worker threads, and libdispatch then
// wakes the process every second, which an idle daemon must not (see WatchEngine).
struct Nianbao: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "nianbao",
        abstract: "政府信息公开工作年度报告校验 — validates Government Information Disclosure Annual Reports.",
        version: version,
        subcommands: [CheckCommand.self, WatchCommand.self, StatusCommand.self, RulesCommand.self, AgenciesCommand.self, ExportCommand.self,
                      ReceiptCommand.self, RecheckCommand.self])

    /// As ArgumentParser's, except that `nianbao status` is a monitoring plugin: its usage errors
    /// exit 3 (UNKNOWN) with a plugin line, not 64, or Nagios would take them for CRITICAL.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            if arguments.first == "status", exitCode(for: error) == .validationFailure {
                let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "usage error"
                StandardOutput.write("NIANBAO UNKNOWN - \(message) (usage: nianbao status [--status-file FILE] [--config FILE] [--max-age SECONDS])\n")
                Foundation.exit(3)
            }
            exit(withError: error)
        }
    }
}
