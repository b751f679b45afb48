import Glibc
import NianbaoCore
import NianbaoFiles
import NianbaoLedger
import NianbaoSystemd

/// What a re-check did.
public struct RecheckSummary: Sendable, Equatable {
    /// Current file versions judged again from their bytes under the current rules.
    public var rechecked = 0
    /// Of those, how many got another verdict (each journaled as `verdictChanged`).
    public var changed = 0
    /// Files whose bytes changed since their judgement: judged as new versions, with new receipts.
    public var newVersions = 0
    /// Files gone from the drop folder: no longer counted.
    public var gone = 0
    /// Files busy (being written) at the time: judged later, as any file that arrives.
    public var postponed: [RelativePath] = []
}

/// Judges again, from their bytes, the current version of every file judged under an older
/// rules version (`RulesVersion.current`), a page of `batchSize` at a time: one read
/// transaction per page, one receipt allocation and one ledger commit per page, as a batch of
/// new files costs. Only changed verdicts are journaled; every re-judged file's record (and
/// results-folder text) is replaced, so the status counts follow.
struct Rechecker {
    let ledger: Ledger
    let judge: Judge
    let journal: DaemonJournal
    let results: ResultsFolder?
    let batchSize: Int

    /// `tick` runs after every file (the daemon feeds the watchdog there); `shouldStop` is
    /// asked between pages. A ledger failure stops the re-check: the rest is done at the next one.
    func run(shouldStop: () -> Bool = { false }, tick: () -> Void = {}) throws(LedgerError) -> RecheckSummary {
        var summary = RecheckSummary()
        var afterID: Int64 = 0
        while !shouldStop() {
            let page = try ledger.judgements(belowRulesVersion: RulesVersion.current, afterID: afterID, limit: max(1, batchSize))
            guard let lastID = page.last?.id else { break }
            afterID = lastID
            try recheck(page.map(\.record), into: &summary, tick: tick)
        }
        return summary
    }

    private func recheck(_ page: [JudgementRecord], into summary: inout RecheckSummary, tick: () -> Void) throws(LedgerError) {
        var judged: [(old: JudgementRecord, new: Judgement)] = []
        var gone: [String] = []
        var content = Judge.BatchContent()
        let ledger = self.ledger
        try ledger.reading { lookups throws(LedgerError) in
            for old in page {
                defer { tick() }
                guard let path = RelativePath(display: old.path) else { continue }
                // Unconfirmed: a file whose bytes changed may still be open for writing.
                // The same bytes keep their arrival (Judge); changed bytes arrived now.
                switch try judge.judge(path, arrivedAtMs: judge.clock.wallMilliseconds(), unconfirmed: true, rejudging: old,
                                       ledger: ledger, lookups: lookups, batch: &content) {
                case .judged(let judgement): judged.append((old, judgement))
                case .vanished: gone.append(old.path)
                case .retryLater(let path), .notQuietYet(let path, _), .dropFolderUnavailable(let path, _): summary.postponed.append(path)
                case .unchanged: break
                }
            }
        }
        if !gone.isEmpty { summary.gone += try ledger.markRemoved(paths: gone) }
        guard !judged.isEmpty else { return }
        // New versions (bytes changed since) get receipts; the same version keeps its own.
        let needing = judged.indices.filter { judged[$0].new.record.receipt == nil }
        let receipts = try ledger.allocateReceipts(years: needing.map { judged[$0].new.record.arrivalYear ?? 0 })
        for (index, receipt) in zip(needing, receipts) { judged[index].new.record.receipt = receipt }
        for (old, new) in judged {
            if new.record.sha256 != old.sha256 {
                summary.newVersions += 1
                journal.judged(new)
                continue
            }
            summary.rechecked += 1
            if new.record.verdict != old.verdict {
                summary.changed += 1
                journal.verdictChanged(from: old, to: new)
            }
        }
        try ledger.record(judged.map(\.new.record))
        if let results {
            for (_, new) in judged { try? results.write(new) }
        }
    }
}

extension DaemonJournal {
    /// A re-check gave a file another verdict: the old and the new one, with the same fields as
    /// a judgement plus NIANBAO_OLD_VERDICT and the rules versions.
    @discardableResult
    func verdictChanged(from old: JudgementRecord, to new: Judgement) -> JournalDelivery {
        let outcome = new.outcome
        var fields: [(name: String, value: String)] = [("NIANBAO_FILE", new.file)]
        if let agency = new.agency { fields.append(("NIANBAO_AGENCY", agency)) }
        fields.append(("NIANBAO_VERDICT", outcome.verdict.rawValue))
        fields.append(("NIANBAO_OLD_VERDICT", old.verdict))
        fields.append(("NIANBAO_CODES", outcome.codes.joined(separator: " ")))
        fields.append(("NIANBAO_ERRORS", String(outcome.errorCount)))
        fields.append(("NIANBAO_WARNINGS", String(outcome.warningCount)))
        if let year = outcome.report?.year.year { fields.append(("NIANBAO_YEAR", String(year))) }
        if let digest = new.contentDigest { fields.append(("NIANBAO_SHA256", digest)) }
        if let receipt = new.record.receipt { fields.append(("NIANBAO_RECEIPT", receipt)) }
        fields.append(("NIANBAO_RULES_VERSION", String(RulesVersion.current)))
        fields.append(("NIANBAO_OLD_RULES_VERSION", String(old.rulesVersion)))
        let oldVerdict = Verdict(rawValue: old.verdict)
        let file = TextEscaping.escapeControlCharacters(new.file)
        let message = "规则更新后复查（规则版本\(old.rulesVersion)→\(RulesVersion.current)）：“\(file)”的结论由\(oldVerdict?.chinese ?? old.verdict)改为\(outcome.verdict.chinese)"
            + " / re-checked under rules version \(RulesVersion.current) (was \(old.rulesVersion)): \(file) was \(old.verdict), now \(outcome.verdict.rawValue)"
            + (outcome.codes.isEmpty ? "" : " [\(outcome.codes.joined(separator: " "))]")
        // At least notice: a changed verdict is news even when the new one is `accepted`.
        let priority = JournalPriority(rawValue: Int32(min(outcome.verdict.syslogPriority, 5)))!
        return event(.verdictChanged, message, priority: priority, fields: fields)
    }
}

/// The start-up hook and the rules-version guard.
extension LoopState {
    /// Before READY: judges again what older rules judged, feeding the watchdog; busy files are
    /// retried as any file is.
    mutating func recheckOlderJudgements(shouldStop: () -> Bool) {
        let notifier = self.notifier
        let clock = self.clock
        let pingEvery = (watchdogIntervalNs ?? 0) / 4
        var lastPing = clock.monotonicNanoseconds()
        let rechecker = Rechecker(
            ledger: ledger, judge: judge, journal: journal,
            results: configuration.resultsDirectory.map { ResultsFolder(root: $0, utcOffsetHours: configuration.utcOffsetHours) },
            batchSize: configuration.batchSize)
        do {
            let summary = try rechecker.run(shouldStop: shouldStop) {
                guard pingEvery > 0, clock.monotonicNanoseconds() - lastPing >= pingEvery else { return }
                _ = try? notifier.watchdogPing()
                lastPing = clock.monotonicNanoseconds()
            }
            for path in summary.postponed { retries[path] = clock.monotonicNanoseconds() + Self.retryDelayNs }
            if summary.rechecked + summary.newVersions + summary.gone > 0 {
                journal.event(.recheckDone, "规则版本\(RulesVersion.current)复查完成：复查\(summary.rechecked)个文件，\(summary.changed)个结论改变 / re-check under rules version \(RulesVersion.current) done: \(summary.rechecked) files judged again, \(summary.changed) verdicts changed, \(summary.newVersions) new versions, \(summary.gone) gone",
                              priority: .info, fields: [("NIANBAO_RECHECKED", String(summary.rechecked)), ("NIANBAO_CHANGED", String(summary.changed))])
            }
        } catch {
            ledgerFailed(error)
        }
        refreshCounts()
    }

    /// Refuses a ledger holding verdicts of rules this binary does not know (a newer nianbao's).
    static func checkRulesVersion(of ledger: Ledger) throws(DaemonStartFailure) {
        let highest: Int?
        do { highest = try ledger.highestRulesVersion() } catch { throw DaemonStartFailure(message: error.description) }
        if let highest, !RulesVersion.isKnown(highest) {
            throw DaemonStartFailure(message: RulesVersionProblem(ledgerPath: ledger.path, found: highest).description)
        }
    }
}

/// The ledger holds verdicts made under a rules version this binary does not know.
public struct RulesVersionProblem: Error, Sendable, CustomStringConvertible {
    public var ledgerPath: String
    public var found: Int

    public var description: String {
        "账本\(ledgerPath)中的结论使用规则版本\(found)，比本程序的规则版本\(RulesVersion.current)新：请升级nianbao，或用 --state-dir 指定另一个文件夹 / "
            + "the ledger \(ledgerPath) holds verdicts made with rules version \(found), newer than this nianbao's rules version \(RulesVersion.current): "
            + "upgrade nianbao, or point --state-dir at another folder to start a fresh ledger"
    }
}
