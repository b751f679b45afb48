import Foundation
import GRDB

/// The daemon's SQLite ledger, opened read-only with GRDB to check what it remembers.
struct LedgerFile {
    let path: String

    struct Row: Equatable, CustomStringConvertible {
        var path: String
        var isCurrent: Bool
        var sha256: String
        var verdict: String
        var codes: String
        var agency: String?
        var year: Int?

        var description: String { "\(path) \(isCurrent ? "current" : "old") \(verdict) [\(codes)] \(sha256.prefix(12))" }
    }

    func rows() throws -> [Row] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            try GRDB.Row.fetchAll(db, sql: "SELECT path, is_current, sha256, verdict, codes, agency, year FROM judgement ORDER BY id").map {
                Row(path: $0[0], isCurrent: $0[1], sha256: $0[2], verdict: $0[3], codes: $0[4], agency: $0[5], year: $0[6])
            }
        }
    }

    /// `PRAGMA integrity_check`: ["ok"] for a sound file, else the problems SQLite found.
    func integrityCheck() throws -> [String] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// Current rows per path (must be at most 1 each).
    func currentCounts() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try rows() where row.isCurrent { counts[row.path, default: 0] += 1 }
        return counts
    }

    /// How many different contents (SHA-256) the ledger has judged per path.
    func versionCounts() throws -> [String: Int] {
        var versions: [String: Set<String>] = [:]
        for row in try rows() { versions[row.path, default: []].insert(row.sha256) }
        return versions.mapValues(\.count)
    }
}
