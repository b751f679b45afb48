import Foundation
import GRDB
import Testing
@testable import NianbaoLedger

/// Receipts and rules versions in the ledger, and the upgrade of a ledger made before them.
@Suite("Ledger: receipts and rules versions")
struct ReceiptLedgerTests {
    /// A ledger as the previous nianbao made it: the v1 schema alone (the very migration code
    /// that nianbao ran), rows written with its INSERT.
    static func makeV1Ledger(at path: String, rows: [(path: String, verdict: String, arrivedAt: Int64)]) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let pool = try DatabasePool(path: path)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: LedgerSchema.createV1)
        try migrator.migrate(pool)
        try pool.write { db in
            for (index, row) in rows.enumerated() {
                try db.execute(sql: "UPDATE judgement SET is_current = 0 WHERE path = ? AND is_current = 1", arguments: [row.path])
                try db.execute(sql: """
                    INSERT INTO judgement (path, is_current, size, mtime_ns, sha256, agency, year, verdict, codes, errors, warnings,
                    arrived_at, judged_at, findings_json, figures_json)
                    VALUES (?, 1, 10, 1, ?, 'agency-a', 2023, ?, '', 0, 0, ?, ?, '[]', '{}')
                    """, arguments: [row.path, sha(index), row.verdict, row.arrivedAt, row.arrivedAt + 100])
            }
        }
        try pool.close()
    }

    // 2025-12-31 15:59:59 UTC is 23:59:59 in Beijing (2025); one second later it is 2026 there.
    static let lastSecondOf2025 = Int64(1_767_196_799_000)

    @Test("an older ledger is upgraded: every row gets a receipt by year of arrival (UTC+8), rules version 1, counts kept")
    func upgradeFromV1() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let t = Self.lastSecondOf2025
        try Self.makeV1Ledger(at: folder.ledgerPath, rows: [
            ("agency-a/a.txt", "accepted", t - 5000), ("agency-a/b.txt", "rejected", t),
            ("agency-a/c.txt", "accepted", t + 1000), ("agency-a/a.txt", "rejected", t + 2000),
        ])
        let ledger = try Ledger(path: folder.ledgerPath)
        defer { try? ledger.close() }
        let a = try ledger.allRows(path: "agency-a/a.txt")
        #expect(a.map(\.receipt) == ["NB-2025-000001", "NB-2026-000002"])
        #expect(try ledger.allRows(path: "agency-a/b.txt").map(\.receipt) == ["NB-2025-000002"])
        #expect(try ledger.allRows(path: "agency-a/c.txt").map(\.receipt) == ["NB-2026-000001"])
        #expect(a.map(\.rulesVersion) == [1, 1])
        #expect(try ledger.verdictCounts() == ["accepted": 1, "rejected": 2])
        // Numbering goes on after the rows the upgrade numbered.
        let next = try ledger.allocateReceipts(years: [2025, 2026, 2027])
        #expect(next == ["NB-2025-000003", "NB-2026-000003", "NB-2027-000001"])
        let integrity = try ledger.pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        #expect(integrity == ["ok"])
    }

    @Test("a batch's reservation: numbers in order, the unused tail given back, kept when another writer came between")
    func reservationsGiveBackOnlyWhatNobodyFollowed() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let ledger = try Ledger(path: folder.ledgerPath)
        defer { try? ledger.close() }
        #expect(try ledger.allocateReceipts(years: [2026]) == ["NB-2026-000001"])

        // The daemon sets aside 5 for a batch, uses 2, gives 3 back: the next number follows on.
        var reservation = try ledger.reserveReceipts(year: 2026, count: 5)
        #expect(reservation.take() == "NB-2026-000002")
        #expect(reservation.take() == "NB-2026-000003")
        try ledger.returnUnused(reservation)
        #expect(try ledger.allocateReceipts(years: [2026]) == ["NB-2026-000004"])

        // All used: nothing to give back, and taking more says so.
        var small = try ledger.reserveReceipts(year: 2026, count: 1)
        #expect(small.take() == "NB-2026-000005")
        #expect(small.take() == nil)
        try ledger.returnUnused(small)
        #expect(try ledger.allocateReceipts(years: [2026]) == ["NB-2026-000006"])

        // `nianbao recheck` took a number after the reservation: the tail stays unused, never reused.
        var held = try ledger.reserveReceipts(year: 2026, count: 3)
        #expect(held.take() == "NB-2026-000007")
        #expect(try ledger.allocateReceipts(years: [2026]) == ["NB-2026-000010"])
        try ledger.returnUnused(held)
        #expect(try ledger.allocateReceipts(years: [2026]) == ["NB-2026-000011"])

        // A year with no number yet starts at 1.
        var fresh = try ledger.reserveReceipts(year: 2027, count: 4)
        #expect(fresh.take() == "NB-2027-000001")
        try ledger.returnUnused(fresh)
        #expect(try ledger.allocateReceipts(years: [2027]) == ["NB-2027-000002"])
    }

    @Test("receipt numbers are given out per year, in order, and never twice (not even after rows go)")
    func receiptsAreNeverReused() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let ledger = try Ledger(path: folder.ledgerPath)
        #expect(try ledger.allocateReceipts(years: [2026, 2026, 2027]) == ["NB-2026-000001", "NB-2026-000002", "NB-2027-000001"])
        var record = sample("agency-a/x.txt")
        record.arrivalYear = 2026
        try ledger.record([record])  // no receipt given: record() allocates one
        #expect(try ledger.current(path: "agency-a/x.txt")?.receipt == "NB-2026-000003")
        try ledger.markRemoved(paths: ["agency-a/x.txt"])
        try ledger.pool.write { db in try db.execute(sql: "DELETE FROM judgement") }
        try ledger.close()
        let reopened = try Ledger(path: folder.ledgerPath)
        defer { try? reopened.close() }
        #expect(try reopened.allocateReceipts(years: [2026]) == ["NB-2026-000004"])
        // A record that carries its receipt (a re-check of the same version) keeps it.
        var again = sample("agency-a/y.txt")
        again.receipt = "NB-2026-000002"
        again.arrivalYear = 2026
        again.rulesVersion = 7
        try reopened.record([again])
        let stored = try reopened.current(path: "agency-a/y.txt")
        #expect(stored?.receipt == "NB-2026-000002")
        #expect(stored?.rulesVersion == 7)
        #expect(Ledger.receiptID(year: 2026, number: 1_234_567) == "NB-2026-1234567")
    }

    @Test("a receipt is found read-only, with the latest judgement of that file version; an unknown one is nil")
    func receiptLookup() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let ledger = try Ledger(path: folder.ledgerPath)
        var first = sample("agency-a/2023.txt", verdict: "rejected")
        first.receipt = "NB-2026-000001"
        try ledger.record([first])
        var rechecked = first
        rechecked.verdict = "accepted"
        rechecked.rulesVersion = 2
        try ledger.record([rechecked])
        try ledger.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: folder.ledgerPath))
        let found = try Ledger.judgement(receipt: "NB-2026-000001", ledgerPath: folder.ledgerPath)
        #expect(found?.verdict == "accepted")
        #expect(found?.rulesVersion == 2)
        #expect(found?.isCurrent == true)
        #expect(try Ledger.judgement(receipt: "NB-2026-000002", ledgerPath: folder.ledgerPath) == nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.ledgerPath)) == before)
        #expect(throws: LedgerError.self) { try Ledger.judgement(receipt: "NB-2026-000001", ledgerPath: folder.path + "/none.sqlite") }
    }

    @Test("a receipt lookup in a ledger from a newer nianbao is refused, and the file is left as it was")
    func receiptLookupInNewerLedger() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let ledger = try Ledger(path: folder.ledgerPath)
        try ledger.pool.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        try ledger.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: folder.ledgerPath))
        #expect {
            _ = try Ledger.judgement(receipt: "NB-2026-000001", ledgerPath: folder.ledgerPath)
        } throws: { error in
            (error as? LedgerError)?.kind == .newerSchema && "\(error)".contains("upgrade nianbao")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.ledgerPath)) == before)
    }

    @Test("the current rows judged under older rules come page by page, in judging order; the highest version is known")
    func olderRulesPages() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let ledger = try Ledger(path: folder.ledgerPath)
        defer { try? ledger.close() }
        #expect(try ledger.highestRulesVersion() == nil)
        var records: [JudgementRecord] = []
        for index in 0..<5 {
            var record = sample("agency-a/\(index).txt")
            record.rulesVersion = index == 2 ? 3 : 1
            records.append(record)
        }
        try ledger.record(records)
        var old = records[0]
        old.rulesVersion = 0
        try ledger.record([old])  // a newer row of the same path: only the current row counts
        #expect(try ledger.highestRulesVersion() == 3)
        let firstPage = try ledger.judgements(belowRulesVersion: 2, afterID: 0, limit: 2)
        #expect(firstPage.map(\.record.path) == ["agency-a/1.txt", "agency-a/3.txt"])
        let secondPage = try ledger.judgements(belowRulesVersion: 2, afterID: firstPage.last!.id, limit: 2)
        #expect(secondPage.map(\.record.path) == ["agency-a/4.txt", "agency-a/0.txt"])
        #expect(try ledger.judgements(belowRulesVersion: 2, afterID: secondPage.last!.id, limit: 2).isEmpty)
        #expect(try ledger.judgements(belowRulesVersion: 1, afterID: 0, limit: 10).map(\.record.path) == ["agency-a/0.txt"])
    }
}
