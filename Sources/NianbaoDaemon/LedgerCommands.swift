import NianbaoCore
import NianbaoFiles
import NianbaoLedger
import NianbaoSystemd

/// `nianbao recheck` and `nianbao receipt`: the ledger's re-check and receipts, outside the daemon.
public enum LedgerCommands {
    /// Why a command could not use the ledger; the message says how to fix it.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Judges again, from their bytes, the files judged under an older rules version, as the
    /// daemon does at start-up; the changed verdicts go to the journal, the results to the
    /// results folder. Safe while the daemon runs (SQLite serialises the writers).
    public static func recheck(configuration: DaemonConfiguration, journalWriter: JournalWriter = JournalWriter()) throws(Failure) -> RecheckSummary {
        let ledger: Ledger
        do { ledger = try Ledger(path: configuration.ledgerPath) } catch { throw Failure(description: error.description) }
        defer { try? ledger.close() }
        do { try LoopState.checkRulesVersion(of: ledger) } catch { throw Failure(description: error.message) }
        let rechecker = Rechecker(
            ledger: ledger,
            judge: Judge(reader: SafeFileReader(dropRoot: configuration.drop, sizeLimit: configuration.maxFileBytes), configuration: configuration),
            journal: DaemonJournal(writer: journalWriter),
            results: configuration.resultsDirectory.map { ResultsFolder(root: $0, utcOffsetHours: configuration.utcOffsetHours) },
            batchSize: configuration.batchSize)
        do { return try rechecker.run() } catch { throw Failure(description: error.description) }
    }

    /// The receipt of `id` as the results folder shows it, read from the ledger without
    /// changing it; `nil` when the ledger has no such receipt.
    public static func receipt(_ id: String, configuration: DaemonConfiguration) throws(Failure) -> String? {
        let record: JudgementRecord?
        do { record = try Ledger.judgement(receipt: id, ledgerPath: configuration.ledgerPath) } catch { throw Failure(description: error.description) }
        guard let record else { return nil }
        var text = Receipt.text(of: record, utcOffsetHours: configuration.utcOffsetHours)
        if !record.isCurrent {
            text += "注意 Note: 该文件此后已被替换或移除 / this file has since been replaced or removed\n"
        }
        return text
    }
}
