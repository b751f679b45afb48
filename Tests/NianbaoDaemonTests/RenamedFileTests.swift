import Foundation
import Glibc
import Testing

/// Files renamed or deleted after their upload stop counting at once, and NB507 compares only
/// with files still there.
@Suite("nianbao watch: files renamed and deleted")
struct RenamedFileTests {
    @Test("a file renamed after the upload: the new name has no NB507 against the old; renamed away or deleted, it stops counting")
    func renamedThenDeleted() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let daemon = try await sandbox.startDaemon()
        let data = Reports.seed
        try sandbox.write("agency-a/报告.txt", data)
        try await daemon.waitForJudgements(of: ["agency-a/报告.txt"])

        try Sandbox.rename(sandbox.path("agency-a/报告.txt"), sandbox.path("agency-a/2023年报.txt"))
        let renamed = try await daemon.waitForJudgements(of: ["agency-a/2023年报.txt"])
        // The same bytes as a file that no longer exists: no NB507.
        expectJudgement(renamed["agency-a/2023年报.txt"]!, Reports.expectSeed("agency-a/2023年报.txt", data))
        try await waitForStatus(sandbox, "one report for one file") { ($0["reports"] as? [String: Int])?.values.reduce(0, +) == 1 }
        #expect(try LedgerFile(path: sandbox.ledgerPath).currentCounts() == ["agency-a/2023年报.txt": 1])

        // Renamed away to a temporary name (ignored), then deleted: nothing counts any more.
        try Sandbox.rename(sandbox.path("agency-a/2023年报.txt"), sandbox.path("agency-a/2023年报.txt.tmp"))
        try await waitForStatus(sandbox, "no report once renamed away") { ($0["reports"] as? [String: Int])?.values.reduce(0, +) == 0 }
        try sandbox.write("agency-b/other.txt", Reports.seed(variant: 1))
        try await daemon.waitForJudgements(of: ["agency-b/other.txt"])
        try await waitForStatus(sandbox, "one report") { ($0["reports"] as? [String: Int])?.values.reduce(0, +) == 1 }
        try FileManager.default.removeItem(atPath: sandbox.path("agency-b/other.txt"))
        try await waitForStatus(sandbox, "no report once deleted") { ($0["reports"] as? [String: Int])?.values.reduce(0, +) == 0 }
        #expect(try LedgerFile(path: sandbox.ledgerPath).currentCounts() == [:])
        #expect(await daemon.stop() == 0)
    }
}
