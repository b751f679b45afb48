import NianbaoCore
import NianbaoDocuments
import NianbaoFiles
import NianbaoLedger

/// When a file found by the start-up scan arrived: at some moment between the daemon's last
/// known moment (its last judgement or status update) and the start. Its mtime is no witness:
/// Samba, Explorer, `cp -p`, `rsync -t` and unzip keep the original's, and a client sets any.
struct ArrivalWindow: Sendable, Equatable {
    var fromMs: Int64
    var toMs: Int64

    /// The mtime, when it lies in the window (an honest one is the best guess there is), else
    /// the nearest end of the window.
    func arrival(mtimeMs: Int64) -> Int64 { min(max(mtimeMs, fromMs), toMs) }

    var noteZH: String {
        "（该文件在本程序停止期间送达，送达时间只知在\(WallClock.iso8601(milliseconds: fromMs))与\(WallClock.iso8601(milliseconds: toMs))之间）"
    }

    var noteEN: String {
        " (it arrived while nianbao was stopped, at a moment between \(WallClock.iso8601(milliseconds: fromMs)) and \(WallClock.iso8601(milliseconds: toMs)))"
    }
}

/// One file judged: the outcome and everything the ledger, the journal and the results
/// folder need to remember it.
struct Judgement: Sendable {
    var path: RelativePath
    var file: String
    var agency: String?
    var outcome: CheckOutcome
    /// The hex SHA-256 of the bytes, or `unreadable:<reason>` when the file was not read.
    var sha256: String
    var record: JudgementRecord

    /// The hex SHA-256 of the file's bytes; nil when the file was never read.
    var contentDigest: String? { sha256.hasPrefix(Judge.unreadPrefix) ? nil : sha256 }
}

/// What became of a file that was asked to be judged.
enum JudgeResult: Sendable {
    case judged(Judgement)
    /// The ledger already holds a judgement of these very bytes.
    case unchanged
    /// Gone between its event and its opening: nothing left to judge.
    case vanished(RelativePath)
    /// Still being written or locked by a writer: try again shortly.
    case retryLater(RelativePath)
    /// Found by a scan (no close or rename event vouches that the writer is done) and modified
    /// less than `Judge.quietMilliseconds` ago: it may still be open for writing. Try again
    /// after this many milliseconds.
    case notQuietYet(RelativePath, retryInMs: Int64)
    /// The drop folder's path does not lead to a folder now (its parent renamed, a mount gone):
    /// the daemon's problem, not the file's. Hold the file until the path is back.
    case dropFolderUnavailable(RelativePath, errno: Int32)
}

/// Reads a file of the drop folder, runs every rule (with the ledger's history) and prepares
/// the ledger record. Does no journal, status or results I/O itself.
struct Judge: Sendable {
    var reader: SafeFileReader
    var configuration: DaemonConfiguration
    /// A PDF that crashed the reader is judged NB105 after the restart, not read again.
    var crashGuard: ReaderCrashGuard
    /// Its wall clock: when a file is judged, and whether a scanned file is quiet yet.
    var clock: LoopClock

    init(reader: SafeFileReader, configuration: DaemonConfiguration, clock: LoopClock = .system) {
        self.reader = reader
        self.configuration = configuration
        self.clock = clock
        crashGuard = ReaderCrashGuard(stateDirectory: configuration.stateDirectory)
    }

    /// Paths already judged in the batch being assembled, for NB507 before they are committed.
    typealias BatchContent = [String: (file: String, agency: String?)]

    /// How long a file found by a scan must have been left alone before it is judged. A file
    /// noticed by its IN_CLOSE_WRITE or IN_MOVED_TO is complete and judged at once; one found by a
    /// scan (a new folder, the start-up scan, a rescan) may still be open for writing (an agency
    /// creating its folder and uploading into it), and judging it then logs a wrong verdict on a
    /// partial file and judges it again at its close.
    static let quietMilliseconds: Int64 = 2000

    /// The ledger's sha256 of a file that could not be read: this prefix and the reason.
    static let unreadPrefix = "unreadable:"

    /// `unconfirmed`: the file was found by a scan, not by an event: judged only once its mtime
    /// is `quietMilliseconds` old. `lookups` answers the ledger questions (the batch's read transaction);
    /// `ledger` takes the rare write (the same bytes with a new stat).
    ///
    /// `rejudging`: the current judgement of this path, made under older rules (a re-check): the
    /// same bytes are judged again instead of being `unchanged`, keeping their receipt and arrival.
    /// `arrivalWindow`: the file was found by the start-up scan, so it arrived at an unknown moment
    /// in this window (the daemon's last known moment, the start); NB506 then says so.
    func judge(_ path: RelativePath, arrivedAtMs: Int64, arrivalWindow: ArrivalWindow? = nil, unconfirmed: Bool = false,
               rejudging: JudgementRecord? = nil, ledger: Ledger, lookups: LedgerReader, batch: inout BatchContent) throws(LedgerError) -> JudgeResult {
        let file = path.display
        let agency = Self.agency(of: path)
        let now = clock.wallMilliseconds()
        let snapshot: FileSnapshot
        do {
            snapshot = try reader.read(path)
        } catch {
            switch error.reason {
            case .missing: return .vanished(path)
            case .busy, .changedWhileReading: return .retryLater(path)
            case .dropFolderUnavailable(let code): return .dropFolderUnavailable(path, errno: code)
            default:
                let outcome = CheckOutcome.unreadable(Self.readingFailure(error))
                let sha = Self.unreadPrefix + error.code
                let again = rejudging?.sha256 == sha
                if !again, try lookups.hasJudged(path: file, fingerprint: FileFingerprint(size: -1, mtimeNanoseconds: 0, sha256: sha)) {
                    return .unchanged
                }
                return .judged(makeJudgement(path, file, agency, outcome, sha: sha, size: -1, mtimeNs: 0, arrivedAtMs: arrivedAtMs, judgedAtMs: now,
                                             tablesDigest: nil, sameVersionAs: again ? rejudging : nil))
            }
        }
        let mtimeNs = snapshot.mtime.nanosecondsSinceEpoch
        // The same bytes as the judgement being re-checked: complete, whatever their age.
        let again = rejudging?.sha256 == snapshot.sha256Hex
        if unconfirmed, !again {
            // |now - mtime|: an mtime in the future (a skewed clock, `touch -d`) must not hold the file back forever.
            let age = now - mtimeNs / 1_000_000
            if age > -Self.quietMilliseconds, age < Self.quietMilliseconds {
                return .notQuietYet(path, retryInMs: max(50, Self.quietMilliseconds - max(age, 0)))
            }
        }
        let fingerprint = FileFingerprint(size: snapshot.size, mtimeNanoseconds: mtimeNs, sha256: snapshot.sha256Hex)
        // Current, or gone and back (its folder moved away and back, renamed away and back):
        // the same bytes are never judged twice, unless a re-check asks for it.
        var known = try lookups.current(path: file)
        if known == nil { known = try lookups.removed(path: file) }
        if !again, let current = known, current.sha256 == snapshot.sha256Hex {
            // Same bytes (touched, or copied again): never judged twice; remember the new stat.
            if current.fingerprint != fingerprint || !current.isCurrent {
                var refreshed = current
                refreshed.isCurrent = true
                refreshed.size = snapshot.size
                refreshed.mtimeNanoseconds = mtimeNs
                try ledger.record([refreshed])
            }
            return .unchanged
        }
        // Unchanged since it was found unreadable (larger than the limit of then, not readable by
        // the daemon): these bytes arrived then, not now, and are late or on time by that moment.
        // Its ctime says so (no client can set it, and a new upload or a chmod renews it).
        var arrivedAtMs = arrivedAtMs, arrivalWindow = arrivalWindow
        if !again, let unread = known, unread.sha256.hasPrefix(Self.unreadPrefix), snapshot.ctime.millisecondsSinceEpoch <= unread.arrivedAtUnixMs {
            arrivedAtMs = unread.arrivedAtUnixMs
            arrivalWindow = nil
        }

        var outcome = crashGuard.check(snapshot.bytes, sha256: snapshot.sha256Hex, DocumentReader.check)
        var tablesDigest: String?
        // Serialized once, for the digest and the ledger (it was a tenth of a burst's time).
        let figures = (outcome.report?.figuresJSON ?? .object([])).serialized()
        // Identical tables mean a copied report only when they say something: the all-zero
        // tables of every agency that had no applications are alike by nature.
        if let report = outcome.report, Self.hasNonZeroFigure(report) {
            tablesDigest = FileSnapshot.sha256Hex(of: Array(figures.utf8))
        }
        if outcome.verdict != .unreadable {
            // A re-check of the same version: late or not by its first arrival.
            let arrival = again ? rejudging?.arrivedAtUnixMs ?? arrivedAtMs : arrivedAtMs
            outcome = outcome.addingHistory(try history(for: outcome, file: file, agency: agency, sha: snapshot.sha256Hex,
                                                        tablesDigest: tablesDigest, arrivedAtMs: arrival, ledger: lookups, batch: batch))
            if let arrivalWindow {
                for index in outcome.findings.indices where outcome.findings[index].code == .nb506 {
                    outcome.findings[index].message += arrivalWindow.noteZH
                    outcome.findings[index].messageEnglish += arrivalWindow.noteEN
                }
            }
        }
        batch[snapshot.sha256Hex] = (file, agency)
        if let tablesDigest { batch["tables:" + tablesDigest] = (file, agency) }
        return .judged(makeJudgement(path, file, agency, outcome, sha: snapshot.sha256Hex, size: snapshot.size, mtimeNs: mtimeNs,
                                     arrivedAtMs: arrivedAtMs, judgedAtMs: now, tablesDigest: tablesDigest, figures: figures,
                                     sameVersionAs: again ? rejudging : nil))
    }

    private func history(for outcome: CheckOutcome, file: String, agency: String?, sha: String, tablesDigest: String?,
                         arrivedAtMs: Int64, ledger: LedgerReader, batch: BatchContent) throws(LedgerError) -> SubmissionHistory {
        var history = SubmissionHistory(
            arrival: WallClock.civilDate(milliseconds: arrivedAtMs, utcOffsetHours: configuration.utcOffsetHours),
            deadline: configuration.deadline)
        if let agency, let year = outcome.report?.year.year, let previous = try ledger.previousYearReport(agency: agency, year: year) {
            history.previousYear = .init(file: previous.path, carriedForward: previous.carriedForwardTotal,
                                         rulesInForce: previous.rulesInForce, normativeInForce: previous.normativeInForce)
        }
        var seen = Set<String>()
        for duplicate in try ledger.duplicates(sha256: sha, tablesDigest: tablesDigest, excludingPath: file) where seen.insert(duplicate.path).inserted {
            history.duplicates.append(.init(file: duplicate.path, agency: duplicate.agency, identicalBytes: duplicate.sha256 == sha))
        }
        for (key, identical) in [(sha, true), (tablesDigest.map { "tables:" + $0 }, false)] {
            guard let key, let earlier = batch[key], earlier.file != file, seen.insert(earlier.file).inserted else { continue }
            history.duplicates.append(.init(file: earlier.file, agency: earlier.agency, identicalBytes: identical))
        }
        return history
    }

    private func makeJudgement(_ path: RelativePath, _ file: String, _ agency: String?, _ outcome: CheckOutcome, sha: String, size: Int64,
                               mtimeNs: Int64, arrivedAtMs: Int64, judgedAtMs: Int64, tablesDigest: String?, figures: String? = nil,
                               sameVersionAs earlier: JudgementRecord? = nil) -> Judgement {
        // A re-check judges the same file version again: same receipt, same arrival.
        let arrivedAtMs = earlier?.arrivedAtUnixMs ?? arrivedAtMs
        let report = outcome.report
        func count(_ value: CellValue?) -> Int? { if case .count(let number)? = value { number } else { nil } }
        let record = JudgementRecord(
            path: file, agency: agency, size: size, mtimeNanoseconds: mtimeNs, sha256: sha,
            verdict: outcome.verdict.rawValue, codes: outcome.codes, errors: outcome.errorCount, warnings: outcome.warningCount,
            year: report?.year.year,
            findingsJSON: JSONValue.array(outcome.findings.map(\.json)).serialized(),
            figuresJSON: figures ?? (report?.figuresJSON ?? .object([])).serialized(),
            tablesDigest: tablesDigest,
            carriedForwardTotal: count(report?.applications?.value(.carriedForward, .total)),
            rulesInForce: count(report?.disclosure?.rows[.rules]?.values?[2]),
            normativeInForce: count(report?.disclosure?.rows[.normativeDocuments]?.values?[2]),
            arrivedAtUnixMs: arrivedAtMs, judgedAtUnixMs: judgedAtMs, isCurrent: true,
            receipt: earlier?.receipt, rulesVersion: RulesVersion.current,
            arrivalYear: WallClock.civilDate(milliseconds: arrivedAtMs, utcOffsetHours: configuration.utcOffsetHours).year)
        return Judgement(path: path, file: file, agency: agency, outcome: outcome, sha256: sha, record: record)
    }

    static func hasNonZeroFigure(_ report: Report) -> Bool {
        let rows = (report.applications?.rows.values.compactMap(\.values) ?? [])
            + (report.disclosure?.rows.values.compactMap(\.values) ?? []) + [report.review?.data?.values ?? []]
        return rows.joined().contains { ($0.number ?? 0) != 0 }
    }

    /// The agency is the first-level sub-folder; files in the drop root have none.
    static func agency(of path: RelativePath) -> String? {
        guard path.depth > 1, let first = path.firstComponent else { return nil }
        return RelativePath.escape(first)
    }

    static func readingFailure(_ failure: FileReadFailure) -> ReadingFailure {
        if case .tooLarge = failure.reason {
            return ReadingFailure(code: .nb102, message: failure.messageZH, messageEnglish: failure.messageEN)
        }
        return ReadingFailure(code: .nb101, message: failure.messageZH, messageEnglish: failure.messageEN)
    }
}
