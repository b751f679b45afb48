import ArgumentParser
import Foundation
import NianbaoDaemon

struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Run the daemon: watch the drop folder, judge every report, log verdicts to the journal.",
        discussion: "With no arguments it watches ./drop and keeps its state under ./.nianbao/. Flags win over the configuration file.")

    @Option(name: .long, help: "The drop folder (one sub-folder per agency). Default ./drop.")
    var drop: String?

    @Option(name: .long, help: "Where the ledger lives. Default ./.nianbao.")
    var stateDir: String?

    @Option(name: .long, help: "The status file. Default $RUNTIME_DIRECTORY/status.json under systemd, else <state-dir>/status.json.")
    var statusFile: String?

    @Option(name: .long, help: "Also write the figures for node_exporter's textfile collector (*.prom).")
    var prometheusFile: String?

    @Option(name: .long, help: "Mirror each judged file's explanation (text and JSON) into this folder.")
    var resultsDir: String?

    @Option(name: .long, help: "TOML configuration. Default /etc/nianbao/nianbao.toml when it exists.")
    var config: String?

    @Option(name: .long, help: "The roster of agencies expected to report (CSV with id,name,…).")
    var agenciesFile: String?

    func run() throws {
        let flags = (drop, stateDir, statusFile, prometheusFile, resultsDir, agenciesFile)
        let engine = WatchEngine(configurationFile: config, environment: ProcessInfo.processInfo.environment) { configuration in
            if let drop = flags.0 { configuration.drop = drop }
            if let stateDir = flags.1 { configuration.stateDirectory = stateDir }
            if let statusFile = flags.2 { configuration.statusFile = statusFile }
            if let prometheusFile = flags.3 { configuration.prometheusFile = prometheusFile }
            if let resultsDir = flags.4 { configuration.resultsDirectory = resultsDir }
            if let agenciesFile = flags.5 { configuration.agenciesFile = agenciesFile }
        }
        // The loop runs on this thread, with no Swift concurrency (see WatchEngine): SIGTERM and
        // SIGINT stop it after the current batch, SIGHUP reloads the configuration.
        engine.handleSignals()
        do {
            try engine.run()
        } catch let failure {
            StandardOutput.write("nianbao: 无法启动 cannot start: \(failure.message)\n", to: 2)
            throw ExitCode(1)
        }
    }
}
