import Foundation
import GRDB
import Testing
@testable import NianbaoLedger

/// The office's questions on a real SQLite ledger: each agency's latest report of a year.
@Suite struct AgencyQueryTests {
    static let year2026 = YearQuery(year: 2026, unknownYearArrivalFromMs: 1_782_835_200_000 - 8 * 3_600_000,  // 2026-07-01 CST
                                    unknownYearArrivalToMs: 1_814_371_200_000 - 8 * 3_600_000, withDetails: true)  // 2027-07-01 CST
    static let inWindow: Int64 = 1_800_000_000_000  // 2027-01-15
    static let beforeWindow: Int64 = 1_770_000_000_000  // 2026-02-02

    func record(_ path: String, verdict: String, year: Int?, judgedAt: Int64, findings: String = "[]", figures: String = "{}") -> JudgementRecord {
        var record = sample(path, verdict: verdict, year: year, judgedAt: judgedAt)
        record.findingsJSON = findings
        record.figuresJSON = figures
        return record
    }

    @Test func theLatestReportOfTheYearWinsAndOtherYearsDoNotCount() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let ledger = try Ledger(path: folder.ledgerPath)
        let t = Self.inWindow
        try ledger.record([
            // a: returned, then a resubmission under another name: the resubmission counts.
            record("a/first.docx", verdict: "rejected", year: 2026, judgedAt: t),
            record("a/second.docx", verdict: "accepted", year: 2026, judgedAt: t + 1000, findings: "[{\"code\":\"NB501\"}]", figures: "{\"table2\":{}}"),
            // b: only last year's report: missing for 2026.
            record("b/2025.docx", verdict: "accepted", year: 2025, judgedAt: t),
            // c: an unreadable file (no year) in the window, after an accepted report: it is the latest.
            record("c/2026.docx", verdict: "accepted", year: 2026, judgedAt: t),
            record("c/broken.docx", verdict: "unreadable", year: nil, judgedAt: t + 5000),
            // d: an unreadable file from before the window does not count.
            record("d/old.docx", verdict: "unreadable", year: nil, judgedAt: Self.beforeWindow + 500),
            // e: the same path judged twice: only the current version counts.
            record("e/r.docx", verdict: "rejected", year: 2026, judgedAt: t),
            record("e/r.docx", verdict: "accepted_with_warnings", year: 2026, judgedAt: t + 10),
            // f: a rejected report later removed from the drop folder: missing.
            record("f/r.docx", verdict: "rejected", year: 2026, judgedAt: t),
            // In the drop root: no agency.
            record("loose.docx", verdict: "accepted", year: 2026, judgedAt: t),
        ])
        try ledger.markRemoved(paths: ["f/r.docx"])

        #expect(try ledger.agenciesWithReports() == ["a", "b", "c", "d", "e"])
        let found = try ledger.agencyReports(extraAgencies: ["zz-roster-only", "a"], query: Self.year2026)
        #expect(found.seen == ["a", "b", "c", "d", "e"])
        #expect(found.reports.mapValues(\.verdict) == ["a": "accepted", "c": "unreadable", "e": "accepted_with_warnings"])
        let a = try #require(found.reports["a"])
        #expect(a.path == "a/second.docx" && a.year == 2026 && a.codes == [] && a.judgedAtUnixMs == t + 1000 && a.arrivedAtUnixMs == t + 500)
        #expect(a.findingsJSON == "[{\"code\":\"NB501\"}]" && a.figuresJSON == "{\"table2\":{}}")
        #expect(found.reports["c"]?.path == "c/broken.docx" && found.reports["c"]?.year == nil)
        #expect(found.reports["e"]?.codes == ["NB303", "NB501"])

        // Without details the JSON columns are not read.
        var summary = Self.year2026
        summary.withDetails = false
        let brief = try ledger.latestReports(agencies: ["a"], query: summary)
        #expect(brief["a"]?.findingsJSON == "" && brief["a"]?.figuresJSON == "" && brief["a"]?.path == "a/second.docx")

        // The read-only snapshot gives the same answers, while the ledger is open for writing.
        let snapshot = try LedgerSnapshot(path: folder.ledgerPath)
        let again = try snapshot.agencyReports(extraAgencies: ["zz-roster-only"], query: Self.year2026)
        #expect(again.seen == found.seen && again.reports == found.reports)
        // It cannot write.
        #expect(throws: (any Error).self) { try snapshot.queue.write { db in try db.execute(sql: "DELETE FROM judgement") } }
        try ledger.record([record("b/2026.docx", verdict: "rejected", year: 2026, judgedAt: t + 20_000)])
        #expect(try snapshot.agencyReports(extraAgencies: [], query: Self.year2026).reports["b"]?.verdict == "rejected")
    }

    @Test func everyQueryIsAnIndexSearchNeverAScan() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let ledger = try Ledger(path: folder.ledgerPath)
        try ledger.record([record("a/r.docx", verdict: "accepted", year: 2026, judgedAt: 1)])
        func plan(_ sql: String, _ arguments: StatementArguments) throws -> [String] {
            try ledger.pool.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] }
            }
        }
        let queries: [(String, StatementArguments)] = [
            (AgencyQueries.SQL.firstAgency, []), (AgencyQueries.SQL.nextAgency, ["a"]),
            (AgencyQueries.SQL.latestOfYear, ["a", 2026]), (AgencyQueries.SQL.latestOfYearDetailed, ["a", 2026]),
            (AgencyQueries.SQL.latestUnknownYear, ["a", 0, 1]), (AgencyQueries.SQL.latestUnknownYearDetailed, ["a", 0, 1]),
        ]
        for (sql, arguments) in queries {
            let details = try plan(sql, arguments)
            #expect(details.contains { $0.contains("SEARCH judgement USING INDEX judgement_current_agency_year") }, "\(sql): \(details)")
            #expect(!details.contains { $0.contains("SCAN") || $0.contains("TEMP B-TREE") }, "\(sql): \(details)")
        }
    }

    /// 100,000 rows, 10,000 agencies: the whole question for one year, timed (printed, not asserted;
    /// `scripts/office-bench` measures 1,000,000 rows on the release build).
    @Test func tenThousandAgencies() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let ledger = try Ledger(path: folder.ledgerPath)
        var batch: [JudgementRecord] = []
        batch.reserveCapacity(100_000)
        for p in 0..<100_000 {
            let agency = "agency-\(p % 10_000)"
            // Ten years, one file per agency and year; the last of 2026 is "rejected" for agencies ending in 7.
            let year = 2017 + (p / 10_000) % 10
            let verdict = year == 2026 && p % 10 == 7 ? "rejected" : "accepted"
            batch.append(record("\(agency)/\(p).docx", verdict: verdict, year: year, judgedAt: Int64(1_700_000_000_000 + p)))
            if batch.count == 100_000 {
                try ledger.record(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        let clock = ContinuousClock()
        var result: (seen: [String], reports: [String: AgencyReport]) = ([], [:])
        let took = try clock.measure { result = try ledger.agencyReports(extraAgencies: [], query: Self.year2026) }
        #expect(result.seen.count == 10_000)
        #expect(result.reports.count == 10_000)
        #expect(result.reports["agency-7"]?.verdict == "rejected")
        #expect(result.reports["agency-8"]?.verdict == "accepted")
        #expect(result.reports["agency-8"]?.path == "agency-8/90008.docx")
        print("[agencies] 10,000 agencies on 100,000 rows, with details: \(Int(milliseconds(took))) ms")
    }
}
