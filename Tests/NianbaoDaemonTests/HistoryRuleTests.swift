import Foundation
import Testing

/// The rules that need the ledger's history: NB507 (same content elsewhere), NB502/NB503 (last year's report).
@Suite("nianbao watch: rules that need history")
struct HistoryRuleTests {
    @Test("NB507: the same bytes under a second agency, or the same tables under a third")
    func duplicateContent() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let daemon = try await sandbox.startDaemon()
        try sandbox.write("agency-a/2023.txt", Reports.seed)
        let first = try await daemon.waitForJudgements(of: ["agency-a/2023.txt"])
        expectJudgement(first["agency-a/2023.txt"]!, Reports.expectSeed("agency-a/2023.txt", Reports.seed))

        try sandbox.renameIntoPlace("agency-b/report.txt", Reports.seed)
        let second = try await daemon.waitForJudgements(of: ["agency-b/report.txt"])
        expectJudgement(second["agency-b/report.txt"]!, Reports.expectSeed("agency-b/report.txt", Reports.seed, extraCodes: ["NB507"]))

        // Other bytes (a prose figure no rule reads), the very same tables.
        let sameTables = Data(Reports.seedText.replacingOccurrences(of: "概况类信息150条", with: "概况类信息151条").utf8)
        #expect(sameTables != Reports.seed)
        try sandbox.write("agency-c/2023.txt", sameTables)
        let third = try await daemon.waitForJudgements(of: ["agency-c/2023.txt"])
        // One NB507 finding per earlier file with those tables: agency-a's and agency-b's.
        expectJudgement(third["agency-c/2023.txt"]!, Reports.expectSeed("agency-c/2023.txt", sameTables, extraCodes: ["NB507", "NB507"]))

        // Different tables: no NB507.
        let other = Reports.seed(variant: 9)
        try sandbox.write("agency-d/2023.txt", other)
        let fourth = try await daemon.waitForJudgements(of: ["agency-d/2023.txt"])
        expectJudgement(fourth["agency-d/2023.txt"]!, Reports.expectSeed("agency-d/2023.txt", other))

        let rows = try LedgerFile(path: sandbox.ledgerPath).rows()
        #expect(rows.first { $0.path == "agency-b/report.txt" }?.codes == "NB501 NB506 NB507")
        #expect(await daemon.stop() == 0)
    }

    @Test("NB502 and NB503: a 2023 report that does not continue the same agency's 2022 report")
    func previousYear() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let daemon = try await sandbox.startDaemon()
        // 2022: carried_forward total 1 (the seed's), rules in force 5.
        let lastYear = Reports.report2022(rulesInForce: 5)
        try sandbox.write("agency-x/2022.txt", lastYear)
        let judged2022 = try await daemon.waitForJudgements(of: ["agency-x/2022.txt"])
        expectJudgement(judged2022["agency-x/2022.txt"]!, ExpectedJudgement(
            file: "agency-x/2022.txt", agency: "agency-x", verdict: "accepted_with_warnings", codes: ["NB501", "NB506"],
            errors: 0, warnings: 2, year: 2022, sha256: Harness.sha256(lastYear)))

        // 2023 (the seed): carried_over total 0 ≠ 1 → NB502; rules in force 0 ≠ 5 + 0 − 0 → NB503.
        try sandbox.write("agency-x/2023.txt", Reports.seed)
        let judged2023 = try await daemon.waitForJudgements(of: ["agency-x/2023.txt"])
        expectJudgement(judged2023["agency-x/2023.txt"]!, Reports.expectSeed("agency-x/2023.txt", Reports.seed, extraCodes: ["NB502", "NB503"]))

        // Another agency's 2023 report has no 2022 report to continue: neither code.
        let otherAgency = Reports.seed(variant: 3)
        try sandbox.write("agency-y/2023.txt", otherAgency)
        let judgedOther = try await daemon.waitForJudgements(of: ["agency-y/2023.txt"])
        expectJudgement(judgedOther["agency-y/2023.txt"]!, Reports.expectSeed("agency-y/2023.txt", otherAgency))
        #expect(await daemon.stop() == 0)
    }
}
