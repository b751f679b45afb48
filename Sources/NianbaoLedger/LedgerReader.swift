import GRDB

/// The ledger's lookups inside one read transaction (`Ledger.reading`): a consistent view for a
/// whole batch. Only valid inside the `reading` call that made it.
public struct LedgerReader {
    let db: Database
    let ledgerPath: String

    /// The current judgement of `path`, `nil` if none (never judged, or removed).
    public func current(path: String) throws(LedgerError) -> JudgementRecord? {
        try lookup { db in
            try Row.fetchOne(db.cachedStatement(sql: Ledger.SQL.currentByPath), arguments: [path]).map(Ledger.decode)
        }
    }

    /// The judgement that was current when `path` went away from the drop folder (deleted,
    /// renamed away, its folder moved away), nil if it is not gone or was never judged.
    public func removed(path: String) throws(LedgerError) -> JudgementRecord? {
        try lookup { db in
            try Row.fetchOne(db.cachedStatement(sql: Ledger.SQL.removedByPath), arguments: [path]).map(Ledger.decode)
        }
    }

    /// Whether the current judgement of `path` is of exactly this file version (same size,
    /// mtime and SHA-256), i.e. there is nothing new to judge. A file that went away
    /// (`markRemoved`) and came back is judged again.
    public func hasJudged(path: String, fingerprint: FileFingerprint) throws(LedgerError) -> Bool {
        try lookup { db in
            try Bool.fetchOne(
                db.cachedStatement(sql: Ledger.SQL.hasJudged),
                arguments: [path, fingerprint.size, fingerprint.mtimeNanoseconds, fingerprint.sha256]
            ) ?? false
        }
    }

    /// The current judgement of `agency` whose report year is `year - 1` (the latest judged if
    /// several files claim that year), for NB502/NB503.
    public func previousYearReport(agency: String, year: Int) throws(LedgerError) -> JudgementRecord? {
        try lookup { db in
            try Row.fetchOne(db.cachedStatement(sql: Ledger.SQL.previousYear), arguments: [agency, year - 1])
                .map(Ledger.decode)
        }
    }

    /// Current judgements of *other* paths with the same bytes (`sha256`) or the same tables
    /// (`tablesDigest`, when not nil), earliest judged first, at most `limit` of them (NB507).
    public func duplicates(
        sha256: String, tablesDigest: String?, excludingPath: String, limit: Int = 20
    ) throws(LedgerError) -> [JudgementRecord] {
        try lookup { db in
            // Two index range reads, each stopped at `limit`, merged here: a UNION would have
            // to collect and sort every match first.
            var found: [Int64: JudgementRecord] = [:]
            let bySHA = try db.cachedStatement(sql: Ledger.SQL.duplicatesBySHA)
            for row in try Row.fetchAll(bySHA, arguments: [sha256, excludingPath, limit]) {
                found[row[Ledger.SQL.idColumn]] = Ledger.decode(row)
            }
            if let tablesDigest {
                let byDigest = try db.cachedStatement(sql: Ledger.SQL.duplicatesByTablesDigest)
                for row in try Row.fetchAll(byDigest, arguments: [tablesDigest, excludingPath, limit]) {
                    found[row[Ledger.SQL.idColumn]] = Ledger.decode(row)
                }
            }
            return found
                .sorted { ($0.value.judgedAtUnixMs, $0.key) < ($1.value.judgedAtUnixMs, $1.key) }
                .prefix(max(limit, 0))
                .map(\.value)
        }
    }

    private func lookup<T>(_ body: (Database) throws -> T) throws(LedgerError) -> T {
        do { return try body(db) } catch { throw LedgerError(error, path: ledgerPath) }
    }
}
