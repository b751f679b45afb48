import ArgumentParser
import Foundation
import NianbaoCore
import NianbaoDaemon

/// Judges again what older rules judged, as the daemon does at start-up.
struct RecheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recheck",
        abstract: "Judge again, from their bytes, the files judged under older rules; journal the verdicts that changed.",
        discussion: """
            The daemon does this at every start; this command does it now, with the daemon running or not. \
            Exit 0 when done, 1 when the ledger cannot be used (written by a newer nianbao, rules unknown to this one, not writable).
            """)

    @Option(name: .long, help: "The drop folder. Default as for `watch`.")
    var drop: String?

    @Option(name: .long, help: "Where the ledger lives. Default as for `watch`.")
    var stateDir: String?

    @Option(name: .long, help: "Rewrite each re-judged file's explanation in this folder. Default as for `watch`.")
    var resultsDir: String?

    @Option(name: .long, help: "TOML configuration. Default /etc/nianbao/nianbao.toml when it exists.")
    var config: String?

    func run() throws {
        var configuration = loadConfiguration(config)
        if let drop { configuration.drop = drop }
        if let stateDir { configuration.stateDirectory = stateDir }
        if let resultsDir { configuration.resultsDirectory = resultsDir }
        do {
            let summary = try LedgerCommands.recheck(configuration: configuration)
            StandardOutput.write(
                "规则版本\(RulesVersion.current)：复查\(summary.rechecked)个文件，\(summary.changed)个结论改变 / rules version \(RulesVersion.current): "
                    + "\(summary.rechecked) files judged again, \(summary.changed) verdicts changed, \(summary.newVersions) new versions, "
                    + "\(summary.gone) gone, \(summary.postponed.count) busy (judged by the daemon later)\n")
        } catch {
            fail(error.description)
        }
    }
}

/// Prints a receipt again from the ledger.
struct ReceiptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipt",
        abstract: "Print the receipt of a judged file version again (id, file, arrival, size, SHA-256, verdict) from the ledger.",
        discussion: "Reads the ledger without changing it: safe while the daemon runs. Exit 0 when found, 1 for an unknown receipt, 2 when the ledger cannot be read.")

    @Argument(help: "The receipt id, as in the results folder: NB-<year>-<number>, e.g. NB-2026-000042.")
    var id: String

    @Option(name: .long, help: "Where the ledger lives. Default as for `watch`.")
    var stateDir: String?

    @Option(name: .long, help: "TOML configuration (state_dir, utc_offset_hours). Default /etc/nianbao/nianbao.toml when it exists.")
    var config: String?

    func run() throws {
        var configuration = loadConfiguration(config, exitCode: 2)
        if let stateDir { configuration.stateDirectory = stateDir }
        let text: String?
        do {
            text = try LedgerCommands.receipt(id, configuration: configuration)
        } catch {
            fail(error.description, exitCode: 2)
        }
        guard let text else {
            let shown = TextEscaping.escapeControlCharacters(id)
            fail("账本\(configuration.ledgerPath)中没有回执“\(shown)”；回执编号形如 NB-2026-000042，见结果文件夹中 .nianbao.txt 的第一行 / "
                    + "no receipt \(shown) in the ledger \(configuration.ledgerPath); a receipt id looks like NB-2026-000042, "
                    + "as on the first line of the file's .nianbao.txt in the results folder")
        }
        StandardOutput.write(text)
    }
}
