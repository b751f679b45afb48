import Foundation
import GRDB
import Testing
@testable import NianbaoLedger

/// The same questions on a ledger of 10,000 rows and one of 1,000,000 rows (900,000 current
/// files, 100,000 older versions): still answered, in about the same time. Timings are
/// printed, not asserted.
@Suite struct LedgerScaleTests {
    @Test func lookupsOnTenThousandAndOnOneMillionRows() throws {
        try Synthetic(current: 9_000, history: 1_000).exercise()
        try Synthetic(current: 900_000, history: 100_000).exercise()
    }
}

/// A ledger filled with generated rows: file `p` is `agency-<p % 10000>/<p>.docx`, reports
/// year `year(p)`, has SHA `sha(p)`; one in ten has a tables digest shared with the files of
/// the same `p % 1000`; the first `history` files also have an older, not current, version.
private struct Synthetic {
    let current: Int
    let history: Int
    let verdicts = ["accepted", "accepted_with_warnings", "rejected", "unreadable"]

    func path(_ p: Int) -> String { "agency-\(p % 10_000)/\(p).docx" }
    func year(_ p: Int) -> Int { 2014 + (p / 10_000) % 10 }
    func digest(_ p: Int) -> String? { p % 10 == 0 ? sha(p % 1000, salt: 2) : nil }

    func exercise() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let ledger = try Ledger(path: folder.ledgerPath)
        let clock = ContinuousClock()
        let label = "[ledger \(current + history) rows]"

        let build = try clock.measure { () throws in try fill(ledger) }
        #expect(try ledger.rowCount() == current + history)
        #expect(try ledger.current(path: path(10))?.sha256 == sha(10))
        #expect(try ledger.current(path: path(10))?.tablesDigest == digest(10))
        print("\(label) built in one transaction: \(Int(milliseconds(build))) ms "
            + "(\(Int(Double(current + history) / milliseconds(build) * 1000)) rows/s)")

        var generator = SystemRandomNumberGenerator()
        let probes = (0..<1000).map { _ in Int.random(in: 0..<current, using: &generator) }

        let counts = try clock.measure { () throws in
            #expect(try ledger.verdictCounts() == Dictionary(uniqueKeysWithValues: verdicts.map { ($0, current / 4) }))
        }
        let byPath = try clock.measure { () throws in
            for p in probes {
                #expect(try ledger.current(path: path(p))?.sha256 == sha(p))
            }
        }
        let judged = try clock.measure { () throws in
            for p in probes {
                let fingerprint = FileFingerprint(
                    size: Int64(1000 + p), mtimeNanoseconds: Int64(p) * 1_000_000_000, sha256: sha(p))
                #expect(try ledger.hasJudged(path: path(p), fingerprint: fingerprint))
            }
        }
        let previous = try clock.measure { () throws in
            for p in probes {
                let found = try ledger.previousYearReport(agency: "agency-\(p % 10_000)", year: year(p) + 1)
                #expect(found?.agency == "agency-\(p % 10_000)" && found?.year == year(p))
            }
        }
        let duplicates = try clock.measure { () throws in
            for p in probes {
                let found = try ledger.duplicates(sha256: sha(p), tablesDigest: digest(p), excludingPath: "new/x.docx")
                #expect(found.count == (digest(p) == nil ? 1 : min(20, current / 1000)))
            }
        }

        // The daemon's way of writing: batches of 100 new versions of known files.
        var records: [String] = []
        for round in 0..<3 {
            let changed = probes[(round * 100)..<(round * 100 + 100)]
            let batch = changed.map { p in sample(path(p), sha256: sha(p, salt: 3), verdict: "rejected", year: year(p)) }
            records.append(String(format: "%.1f", milliseconds(try clock.measure { try ledger.record(batch) })))
        }
        #expect(try ledger.verdictCounts() == ledger.verdictCountsByScan())

        var fingerprints: [String: FileFingerprint] = [:]
        let scan = try clock.measure { fingerprints = try ledger.currentFingerprints() }
        #expect(fingerprints.count == current)

        func each(_ d: Duration) -> String { String(format: "%.1f µs", milliseconds(d) * 1000 / Double(probes.count)) }
        print("""
            \(label) mean per lookup over \(probes.count) random files: current(path:) \(each(byPath)), \
            hasJudged \(each(judged)), previousYearReport \(each(previous)), duplicates \(each(duplicates)); \
            verdictCounts \(String(format: "%.2f ms", milliseconds(counts))); \
            record(100 new versions) × 3: \(records.joined(separator: ", ")) ms; \
            currentFingerprints (\(current) rows) \(Int(milliseconds(scan))) ms
            """)
    }

    /// One transaction, one prepared statement that generates the rows in SQL: the fast way to
    /// get a big ledger, not the daemon's (that is `record`, timed above). Indexes and
    /// triggers are dropped for the load and created again from their own definitions (an
    /// index built at once is sorted, not grown row by row); the verdict counts are computed
    /// once.
    func fill(_ ledger: Ledger) throws {
        try ledger.pool.write { db in
            let definitions = try Row.fetchAll(db, sql: """
                SELECT type, name, sql FROM sqlite_master
                WHERE tbl_name = 'judgement' AND type IN ('index', 'trigger') AND sql IS NOT NULL
                """)
            for definition in definitions {
                try db.execute(sql: "DROP \(definition["type"] as String) \(definition["name"] as String)")
            }
            let load = try db.makeStatement(sql: """
                WITH RECURSIVE
                    i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < :total - 1),
                    version(p, current) AS (
                        SELECT CASE WHEN n < :history THEN n ELSE n - :history END, n >= :history FROM i)
                INSERT INTO judgement (path, is_current, size, mtime_ns, sha256, agency, year, verdict, codes,
                    errors, warnings, tables_digest, carried_forward_total, rules_in_force, normative_in_force,
                    arrived_at, judged_at, findings_json, figures_json)
                SELECT 'agency-' || (p % 10000) || '/' || p || '.docx', current, 1000 + p, p * 1000000000,
                    printf('%032x%032x', 1 - current, p), 'agency-' || (p % 10000), 2014 + (p / 10000) % 10,
                    CASE p % 4 WHEN 0 THEN 'accepted' WHEN 1 THEN 'accepted_with_warnings'
                        WHEN 2 THEN 'rejected' ELSE 'unreadable' END,
                    '', 0, 0,
                    CASE WHEN current AND p % 10 = 0 THEN printf('%032x%032x', 2, p % 1000) END,
                    p % 50, NULL, NULL, p, p + 1, '[]', '{}'
                FROM version
                """)
            try load.execute(arguments: ["total": current + history, "history": history])
            for definition in definitions {
                try db.execute(sql: definition["sql"])
            }
            try db.execute(sql: """
                INSERT INTO verdict_count (verdict, n)
                SELECT verdict, COUNT(*) FROM judgement WHERE is_current = 1 GROUP BY verdict
                """)
        }
    }
}
