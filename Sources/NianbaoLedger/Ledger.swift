import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// Every file version the daemon has judged, in an SQLite database (WAL mode) that survives
/// restarts and crashes.
///
/// One row per judged file version; the latest version of each path is its *current* row.
/// Every question the daemon asks per file is answered by one index search (O(log n)), so
/// judging does not slow down as the ledger grows; `currentFingerprints()` is the one full
/// read, meant for the start-up scan.
///
/// Thread-safe: any number of reads run in parallel with one writer (GRDB `DatabasePool`).
/// All calls are synchronous and short (one transaction); call them from the daemon's
/// processing loop, not from a latency-sensitive actor.
public final class Ledger: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool

    /// Opens the ledger at `path`, creating it (and its parent folder) if missing and
    /// upgrading its schema if it was written by an older nianbao.
    ///
    /// Throws `.corrupt` when the file is not a readable nianbao ledger: the caller should then
    /// `setAsideCorrupt(path:)` and open a fresh ledger.
    public init(path: String) throws(LedgerError) {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw LedgerError(kind: .notWritable, path: path, detail: "cannot create folder \(folder): \(error)")
            }
        }

        var configuration = Configuration()
        configuration.label = "nianbao.ledger"
        // A second process writing the same ledger waits this long before `.locked`.
        configuration.busyMode = .timeout(5)
        configuration.maximumReaderCount = 4
        // releaseMemory() empties the readers' caches but keeps the connections: closing one
        // frees its Dispatch queue, and freeing a queue starts a Dispatch worker thread, after
        // which libdispatch wakes the whole process every second for good.
        configuration.persistentReadOnlyConnections = true
        configuration.prepareDatabase { db in
            // Durability: in WAL mode with synchronous=NORMAL a commit is appended to the WAL
            // without fsync; the WAL is fsynced at each checkpoint. A crash of the *process*
            // (kill -9, OOM, panic) loses nothing: committed frames are in the kernel's page
            // cache and are replayed on the next open. A *power loss or kernel crash* may lose
            // the last transactions committed since the last checkpoint, but never corrupts the
            // database (WAL frames are checksummed; an incomplete tail is ignored). Losing a
            // recent judgement only means that file is judged again after the reboot, which is
            // cheap and harmless, so FULL (an fsync per judgement) is not worth its cost.
            // (GRDB also sets NORMAL when it enables WAL; stated here so it is not left implicit.)
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // Room for a big batch's index pages (paths and digests land on random
                // B-tree pages): a small cache spills and re-reads them (measured 2x slower).
                try db.execute(sql: "PRAGMA cache_size = -16384")  // KiB: 16 MiB
                // After a checkpoint, shrink a WAL that a big batch has grown past 64 MiB.
                try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
            }
            // Statement journals (every INSERT here runs a trigger, so SQLite keeps one per
            // statement) and sorts stay in memory: as temp files they cost ~20 pwrite calls
            // per recorded row (measured: half the time of a batch).
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }

        do {
            // Read-only first: opening the pool writes to the file (GRDB creates and drops a table
            // to make sure the WAL exists), and a newer nianbao's ledger must be left untouched.
            if FileManager.default.fileExists(atPath: path) { try Self.refuseNewerSchema(path: path) }
            pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB opens SQLite lazily; a garbage file shows up as SQLITE_NOTADB here at the
            // latest, since reading the schema reads page 1.
            let superseded = try pool.read { db in try LedgerSchema.migrator.hasBeenSuperseded(db) }
            if superseded {
                let applied = try pool.read { db in try LedgerSchema.migrator.appliedIdentifiers(db) }
                throw LedgerError(
                    kind: .newerSchema, path: path,
                    detail: "applied migrations \(applied.sorted().joined(separator: ", "))")
            }
            try LedgerSchema.migrator.migrate(pool)
        } catch {
            throw LedgerError(error, path: path)
        }
    }

    /// Checkpoints the WAL into the main file and closes the database connections; for a
    /// clean shutdown. The ledger cannot be used afterwards. (GRDB closes the writer before
    /// the readers, so SQLite's own checkpoint-on-last-close never happens: hence the
    /// explicit one. It is best effort: a WAL left behind is replayed on the next open.)
    public func close() throws(LedgerError) {
        do {
            _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            try pool.close()
        } catch {
            throw LedgerError(error, path: path)
        }
    }

    /// Writes a copy of the whole ledger to `target` (`VACUUM INTO`: one consistent snapshot, a
    /// fresh file). For a ledger file removed while the daemon holds it open: the open
    /// connections still see every row, and the copy puts them back on disk.
    public func copy(to target: String) throws(LedgerError) {
        do {
            try pool.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [target]) }
        } catch {
            throw LedgerError(error, path: target)
        }
    }

    /// Frees SQLite's page caches and statement caches of every connection: for when a burst
    /// is over, so that an idle daemon does not keep a burst's memory.
    public func releaseMemory() {
        pool.releaseMemory()
    }

    // MARK: - Writing

    /// Records judged file versions in ONE transaction: for each record, in order, the path's
    /// previous current row (if any) becomes not current and the record is inserted as the
    /// current row. A batch may hold several versions of the same path: the last one wins.
    /// On error nothing of the batch is recorded.
    public func record(_ batch: [JudgementRecord]) throws(LedgerError) {
        if batch.isEmpty { return }
        try write { db in
            let retire = try db.cachedStatement(sql: SQL.retireCurrent)
            let insert = try db.cachedStatement(sql: SQL.insert)
            let back = try db.cachedStatement(sql: SQL.forgetRemoved)
            for var record in batch {
                if record.receipt == nil, let year = record.arrivalYear {
                    record.receipt = try Self.nextReceipts(db, years: [year])[0]
                }
                try retire.execute(arguments: [record.path])
                try back.execute(arguments: [record.path])
                let arguments: StatementArguments = [
                    record.path, record.size, record.mtimeNanoseconds, record.sha256,
                    record.agency, record.year, record.verdict, record.codes.joined(separator: " "),
                    record.errors, record.warnings, record.tablesDigest,
                    record.carriedForwardTotal, record.rulesInForce, record.normativeInForce,
                    record.arrivedAtUnixMs, record.judgedAtUnixMs,
                    record.findingsJSON, record.figuresJSON, record.receipt, record.rulesVersion,
                ]
                try insert.execute(arguments: arguments)
            }
        }
    }

    /// The files are gone from the drop folder: their current rows become not current, so the
    /// verdict counts follow the folder. History is kept. Returns how many rows changed.
    @discardableResult
    public func markRemoved(paths: some Sequence<String>) throws(LedgerError) -> Int {
        try write { db in
            let retire = try db.cachedStatement(sql: SQL.retireCurrent)
            let remember = try db.cachedStatement(sql: SQL.rememberRemoved)
            var changed = 0
            for path in paths {
                try remember.execute(arguments: [path])
                try retire.execute(arguments: [path])
                changed += db.changesCount
            }
            return changed
        }
    }

    /// A folder is gone from the drop folder (e.g. `agency-a` moved away): every current row
    /// under it becomes not current. Returns how many rows changed.
    @discardableResult
    public func markRemoved(folder: String) throws(LedgerError) -> Int {
        let prefix = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        // Every path under `prefix/` sorts in [prefix + "/", prefix + "0"): "0" follows "/" in
        // ASCII and SQLite compares TEXT byte-wise, so this is an index range, not a LIKE scan.
        return try write { db in
            try db.execute(sql: SQL.rememberRemovedRange, arguments: [prefix + "/", prefix + "0"])
            try db.execute(sql: SQL.retireRange, arguments: [prefix + "/", prefix + "0"])
            return db.changesCount
        }
    }

    // MARK: - Reading

    /// Fingerprints of all current rows, by path: what the start-up scan compares the drop
    /// folder with. Reads only the covering index, one reused row per step.
    public func currentFingerprints() throws(LedgerError) -> [String: FileFingerprint] {
        try read { db in
            let expected = try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(n), 0) FROM verdict_count") ?? 0
            var result: [String: FileFingerprint] = [:]
            result.reserveCapacity(expected)
            let rows = try Row.fetchCursor(db, sql: SQL.fingerprints)
            while let row = try rows.next() {
                result[row[0]] = FileFingerprint(size: row[1], mtimeNanoseconds: row[2], sha256: row[3])
            }
            return result
        }
    }

    /// When the last judgement was made (the newest row, by rowid: no scan), nil for an empty
    /// ledger: the daemon was running then, so a file found at the next start-up arrived after it.
    public func lastJudgedAtMs() throws(LedgerError) -> Int64? {
        try read { db in try Int64.fetchOne(db, sql: "SELECT judged_at FROM judgement ORDER BY id DESC LIMIT 1") }
    }

    /// Runs `body` in ONE read transaction: a batch's questions (current version, last year's
    /// report, duplicates) then cost one connection checkout and one BEGIN…COMMIT in all
    /// instead of one each, a third of the daemon's time per report outside the core (measured
    /// in a 10,000-report burst). Writing from inside `body` is allowed (another connection).
    public func reading<T>(_ body: (LedgerReader) throws(LedgerError) -> T) throws(LedgerError) -> T {
        try read { db in try body(LedgerReader(db: db, ledgerPath: path)) }
    }

    /// The current judgement of `path`, `nil` if none (never judged, or removed).
    public func current(path: String) throws(LedgerError) -> JudgementRecord? {
        try reading { reader throws(LedgerError) in try reader.current(path: path) }
    }

    /// Whether the current judgement of `path` is of exactly this file version (same size,
    /// mtime and SHA-256), i.e. there is nothing new to judge. A file that went away
    /// (`markRemoved`) and came back is judged again.
    public func hasJudged(path: String, fingerprint: FileFingerprint) throws(LedgerError) -> Bool {
        try reading { reader throws(LedgerError) in try reader.hasJudged(path: path, fingerprint: fingerprint) }
    }

    /// The current judgement of `agency` whose report year is `year - 1` (the latest judged if
    /// several files claim that year), for NB502/NB503.
    public func previousYearReport(agency: String, year: Int) throws(LedgerError) -> JudgementRecord? {
        try reading { reader throws(LedgerError) in try reader.previousYearReport(agency: agency, year: year) }
    }

    /// Current judgements of *other* paths with the same bytes (`sha256`) or the same tables
    /// (`tablesDigest`, when not nil), earliest judged first, at most `limit` of them (NB507).
    public func duplicates(
        sha256: String, tablesDigest: String?, excludingPath: String, limit: Int = 20
    ) throws(LedgerError) -> [JudgementRecord] {
        try reading { reader throws(LedgerError) in
            try reader.duplicates(sha256: sha256, tablesDigest: tablesDigest, excludingPath: excludingPath, limit: limit)
        }
    }

    /// Current rows by verdict (verdicts with no current row are absent). O(1): the counts are
    /// kept by triggers as rows are recorded.
    public func verdictCounts() throws(LedgerError) -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT verdict, n FROM verdict_count WHERE n > 0") {
                counts[row[0]] = row[1]
            }
            return counts
        }
    }

    /// `PRAGMA integrity_check` answers "ok". Reads the whole file (seconds for a million rows):
    /// for start-up or an operator's command, not for every judgement. Damage bad enough to
    /// stop the check itself also answers `false`; other errors (I/O, …) throw.
    public func integrityCheck() throws(LedgerError) -> Bool {
        do {
            let lines = try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            return lines == ["ok"]
        } catch {
            let error = LedgerError(error, path: path)
            if error.kind == .corrupt { return false }
            throw error
        }
    }

    // MARK: - Setting a corrupt ledger aside

    /// Renames a damaged ledger and its `-wal`, `-shm` and `-journal` companions to
    /// `<path>.corrupt-<UTC timestamp>` (+ the same suffixes, so SQLite still pairs them if
    /// someone opens the set-aside file), so that a fresh ledger can be created at `path`.
    /// Close every `Ledger` on `path` first. Returns the new path of the main file (`nil` if
    /// there was no main file). The companions are moved first: a stale `-wal` left next to a
    /// new empty database would be replayed into it.
    @discardableResult
    public static func setAsideCorrupt(path: String, now: Date = Date()) throws(LedgerError) -> String? {
        let fileManager = FileManager.default
        let companions = ["-wal", "-shm", "-journal"]
        guard ([""] + companions).contains(where: { fileManager.fileExists(atPath: path + $0) }) else {
            return nil
        }

        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now)
        func two(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        let stamp = "\(c.year ?? 0)\(two(c.month))\(two(c.day))T\(two(c.hour))\(two(c.minute))\(two(c.second))Z"

        // Never overwrite an earlier set-aside file (two failures within the same second).
        var target = "\(path).corrupt-\(stamp)"
        var attempt = 1
        while ([""] + companions).contains(where: { fileManager.fileExists(atPath: target + $0) }) {
            attempt += 1
            target = "\(path).corrupt-\(stamp)-\(attempt)"
        }

        for suffix in companions + [""] where fileManager.fileExists(atPath: path + suffix) {
            if rename(path + suffix, target + suffix) != 0 {
                let reason = String(cString: strerror(errno))
                throw LedgerError(
                    kind: .notWritable, path: path,
                    detail: "cannot rename \(path + suffix) to \(target + suffix): \(reason)")
            }
        }
        syncFolder(of: path)
        return fileManager.fileExists(atPath: target) ? target : nil
    }

    /// Makes renames in the folder durable (best effort).
    private static func syncFolder(of path: String) {
        var folder = (path as NSString).deletingLastPathComponent
        if folder.isEmpty { folder = "." }
        let fd = open(folder, O_RDONLY | O_DIRECTORY)
        if fd >= 0 {
            _ = fsync(fd)
            _ = Glibc.close(fd)
        }
    }

    // MARK: - Plumbing

    func read<T>(_ body: (Database) throws -> T) throws(LedgerError) -> T {
        do { return try pool.read(body) } catch { throw LedgerError(error, path: path) }
    }

    func write<T>(_ body: (Database) throws -> T) throws(LedgerError) -> T {
        do { return try pool.write(body) } catch { throw LedgerError(error, path: path) }
    }

    /// Decodes a row selected with `SQL.columns`, by position.
    static func decode(_ row: Row) -> JudgementRecord {
        let codes: String = row[6]
        return JudgementRecord(
            path: row[0],
            agency: row[1],
            size: row[2],
            mtimeNanoseconds: row[3],
            sha256: row[4],
            verdict: row[5],
            codes: codes.isEmpty ? [] : codes.split(separator: " ").map(String.init),
            errors: row[7],
            warnings: row[8],
            year: row[9],
            findingsJSON: row[10],
            figuresJSON: row[11],
            tablesDigest: row[12],
            carriedForwardTotal: row[13],
            rulesInForce: row[14],
            normativeInForce: row[15],
            arrivedAtUnixMs: row[16],
            judgedAtUnixMs: row[17],
            isCurrent: row[18],
            receipt: row[19],
            rulesVersion: row[20]
        )
    }

    /// The statements, kept together so the tests can check their query plans. Every
    /// `is_current = 1` is a literal, not a parameter: SQLite only uses a partial index when
    /// the query's WHERE visibly implies the index's WHERE.
    enum SQL {
        static let columns = """
            path, agency, size, mtime_ns, sha256, verdict, codes, errors, warnings, year, \
            findings_json, figures_json, tables_digest, carried_forward_total, rules_in_force, \
            normative_in_force, arrived_at, judged_at, is_current, receipt, rules_version
            """

        static let insert = """
            INSERT INTO judgement (path, is_current, size, mtime_ns, sha256, agency, year, verdict, codes, \
            errors, warnings, tables_digest, carried_forward_total, rules_in_force, normative_in_force, \
            arrived_at, judged_at, findings_json, figures_json, receipt, rules_version)
            VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """

        static let retireCurrent = "UPDATE judgement SET is_current = 0 WHERE path = ? AND is_current = 1"

        /// Before a removal retires the current row: remember it under `removed`.
        static let rememberRemoved =
            "INSERT OR REPLACE INTO removed (path, judgement_id) SELECT path, id FROM judgement WHERE path = ? AND is_current = 1"
        static let rememberRemovedRange = """
            INSERT OR REPLACE INTO removed (path, judgement_id)
            SELECT path, id FROM judgement WHERE path >= ? AND path < ? AND is_current = 1
            """
        /// A new version recorded: the path is back.
        static let forgetRemoved = "DELETE FROM removed WHERE path = ?"
        static let removedByPath = """
            SELECT \(columns) FROM judgement WHERE id = (SELECT judgement_id FROM removed WHERE path = ?)
            """

        static let retireRange =
            "UPDATE judgement SET is_current = 0 WHERE path >= ? AND path < ? AND is_current = 1"

        static let fingerprints = """
            SELECT path, size, mtime_ns, sha256 FROM judgement INDEXED BY judgement_current_fingerprint
            WHERE is_current = 1
            """

        static let currentByPath = "SELECT \(columns) FROM judgement WHERE path = ? AND is_current = 1"

        static let hasJudged = """
            SELECT 1 FROM judgement
            WHERE path = ? AND is_current = 1 AND size = ? AND mtime_ns = ? AND sha256 = ?
            """

        static let previousYear = """
            SELECT \(columns) FROM judgement
            WHERE agency = ? AND year = ? AND is_current = 1
            ORDER BY judged_at DESC, id DESC LIMIT 1
            """

        /// Position of `id` in rows selected with `columns` + ", id".
        static let idColumn = 21

        static let duplicatesBySHA = """
            SELECT \(columns), id FROM judgement
            WHERE sha256 = ? AND path <> ? AND is_current = 1
            ORDER BY judged_at, id LIMIT ?
            """

        static let duplicatesByTablesDigest = """
            SELECT \(columns), id FROM judgement
            WHERE tables_digest = ? AND path <> ? AND is_current = 1
            ORDER BY judged_at, id LIMIT ?
            """
    }
}
