import Foundation
import GRDB
@testable import NianbaoLedger

/// A fresh folder under the system temp folder, removed by `remove()`.
struct TempFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("nianbao-ledger-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// A ledger path one level below a folder that does not exist yet (init must create it).
    var ledgerPath: String { path + "/state/ledger.sqlite" }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A 64-hex-digit stand-in for a SHA-256.
func sha(_ n: Int, salt: Int = 0) -> String {
    String(format: "%032llx%032llx", Int64(salt), Int64(n))
}

func sample(
    _ path: String,
    agency: String? = nil,
    sha256: String? = nil,
    size: Int64 = 1234,
    mtime: Int64 = 1_700_000_000_123_456_789,
    verdict: String = "accepted",
    year: Int? = 2023,
    tablesDigest: String? = nil,
    carriedForward: Int? = nil,
    judgedAt: Int64 = 1_768_896_902_000
) -> JudgementRecord {
    JudgementRecord(
        path: path,
        agency: agency ?? path.split(separator: "/").dropLast().first.map(String.init),
        size: size,
        mtimeNanoseconds: mtime,
        sha256: sha256 ?? sha(path.hashValue & 0xffff_ffff, salt: Int(size)),
        verdict: verdict,
        codes: verdict == "accepted" ? [] : ["NB303", "NB501"],
        errors: verdict == "rejected" ? 1 : 0,
        warnings: verdict == "accepted" ? 0 : 2,
        year: year,
        findingsJSON: "[]",
        figuresJSON: "{}",
        tablesDigest: tablesDigest,
        carriedForwardTotal: carriedForward,
        rulesInForce: nil,
        normativeInForce: nil,
        arrivedAtUnixMs: judgedAt - 500,
        judgedAtUnixMs: judgedAt
    )
}

extension Ledger {
    /// All rows of a path, current or not, oldest first (tests only: no index on history).
    func allRows(path: String) throws -> [JudgementRecord] {
        try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(SQL.columns) FROM judgement WHERE path = ? ORDER BY id", arguments: [path]
            ).map(Ledger.decode)
        }
    }

    func rowCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM judgement") ?? 0 }
    }

    /// Verdict counts computed the slow way, to check the trigger-maintained table.
    func verdictCountsByScan() throws -> [String: Int] {
        try pool.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT verdict, COUNT(*) FROM judgement WHERE is_current = 1 GROUP BY verdict")
            {
                counts[row[0]] = row[1]
            }
            return counts
        }
    }
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}
