import Foundation
import GRDB

/// Receipts (`NB-<year of arrival>-<number>`) and the rules version of each verdict.
extension Ledger {
    /// Gives out one receipt id per year given, in order, in ONE transaction. A number is never
    /// given out twice, even when the judgement it was meant for is never recorded.
    public func allocateReceipts(years: [Int]) throws(LedgerError) -> [String] {
        if years.isEmpty { return [] }
        return try write { db in try Self.nextReceipts(db, years: years) }
    }

    static func nextReceipts(_ db: Database, years: [Int]) throws -> [String] {
        let next = try db.cachedStatement(sql: """
            INSERT INTO receipt_counter(year, last) VALUES (?, 1)
            ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last
            """)
        return try years.map { year in
            let number = try Int.fetchOne(next, arguments: [year]) ?? 0
            return receiptID(year: year, number: number)
        }
    }

    /// Sets aside `count` consecutive numbers of `year` in one transaction, for a caller that
    /// gives receipts out one by one inside a read transaction (the daemon's batch: a write per
    /// judged file would cost a transaction each). `returnUnused` gives back what was not used.
    public func reserveReceipts(year: Int, count: Int) throws(LedgerError) -> ReceiptReservation {
        let count = max(1, count)
        let last = try write { db in
            try Int.fetchOne(db, sql: """
                INSERT INTO receipt_counter(year, last) VALUES (?, ?)
                ON CONFLICT(year) DO UPDATE SET last = last + excluded.last RETURNING last
                """, arguments: [year, count]) ?? count
        }
        return ReceiptReservation(year: year, next: last - count + 1, last: last)
    }

    /// Gives back the numbers of `reservation` not taken, when no number of its year was given
    /// out after it (the daemon is the ledger's only writer but for `nianbao recheck`); otherwise
    /// they stay unused: a number is never given out twice.
    public func returnUnused(_ reservation: ReceiptReservation) throws(LedgerError) {
        guard reservation.next <= reservation.last else { return }
        try write { db in
            try db.execute(sql: "UPDATE receipt_counter SET last = ? WHERE year = ? AND last = ?",
                           arguments: [reservation.next - 1, reservation.year, reservation.last])
        }
    }

    /// `NB-2026-000042`: six digits at least, so ids sort by number within a year.
    public static func receiptID(year: Int, number: Int) -> String {
        let digits = String(number)
        return "NB-\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Whether `text` has the shape of a receipt id (`NB-2026-000042`).
    public static func isReceiptID(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0] == "NB" && parts[1].count == 4 && parts[2].count >= 6
            && parts[1].allSatisfy(\.isASCII) && parts[1].allSatisfy(\.isNumber)
            && parts[2].allSatisfy(\.isASCII) && parts[2].allSatisfy(\.isNumber)
    }

    /// Throws `.newerSchema` when a newer nianbao migrated the ledger; reads only.
    static func refuseNewerSchema(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        try queue.read { db in try refuseNewerSchema(db, path: path) }
    }

    static func refuseNewerSchema(_ db: Database, path: String) throws {
        if try LedgerSchema.migrator.hasBeenSuperseded(db) {
            let applied = try LedgerSchema.migrator.appliedIdentifiers(db)
            throw LedgerError(kind: .newerSchema, path: path, detail: "applied migrations \(applied.sorted().joined(separator: ", "))")
        }
    }

    /// The current rows judged under a rules version below `rulesVersion`, in judging order,
    /// after row `afterID`, at most `limit`: one page of a re-check.
    public func judgements(belowRulesVersion rulesVersion: Int, afterID: Int64, limit: Int) throws(LedgerError)
        -> [(id: Int64, record: JudgementRecord)]
    {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(SQL.columns), id FROM judgement
                WHERE is_current = 1 AND rules_version < ? AND id > ?
                ORDER BY id LIMIT ?
                """, arguments: [rulesVersion, afterID, limit])
            .map { (id: $0[SQL.idColumn], record: Ledger.decode($0)) }
        }
    }

    /// The highest rules version of any current judgement, `nil` for an empty ledger.
    public func highestRulesVersion() throws(LedgerError) -> Int? {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT MAX(rules_version) FROM judgement WHERE is_current = 1")
        }
    }

    /// The latest judgement that carries `receipt` (a re-check keeps the receipt of the file
    /// version), `nil` when there is none. Opens the ledger read-only and never migrates it:
    /// safe while the daemon runs.
    public static func judgement(receipt: String, ledgerPath: String) throws(LedgerError) -> JudgementRecord? {
        guard FileManager.default.fileExists(atPath: ledgerPath) else {
            throw LedgerError(kind: .notWritable, path: ledgerPath, detail: "no ledger at this path (wrong --state-dir?)")
        }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(5)
            let queue = try DatabaseQueue(path: ledgerPath, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in
                try refuseNewerSchema(db, path: ledgerPath)
                // A ledger from before receipts existed has none to find.
                guard try LedgerSchema.migrator.appliedIdentifiers(db).contains(LedgerSchema.receiptsMigration) else { return nil }
                return try Row.fetchOne(db, sql: """
                    SELECT \(SQL.columns) FROM judgement WHERE receipt = ? ORDER BY id DESC LIMIT 1
                    """, arguments: [receipt]).map(Ledger.decode)
            }
        } catch {
            throw LedgerError(error, path: ledgerPath)
        }
    }
}

/// Receipt numbers of one year set aside by `Ledger.reserveReceipts`, taken in order.
public struct ReceiptReservation: Sendable, Equatable {
    public let year: Int
    /// The next number to give out; past `last` when all are taken.
    public private(set) var next: Int
    public let last: Int

    init(year: Int, next: Int, last: Int) {
        self.year = year
        self.next = next
        self.last = last
    }

    /// The next receipt id, `nil` when the reservation is used up.
    public mutating func take() -> String? {
        guard next <= last else { return nil }
        defer { next += 1 }
        return Ledger.receiptID(year: year, number: next)
    }
}
