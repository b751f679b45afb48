import Foundation
import Glibc
import Testing

/// The drop folder's path stops resolving while its watch lives on: that is the daemon's problem,
/// never the file's verdict.
@Suite("nianbao watch: the drop folder's path gone for a while")
struct DropPathTests {
    @Test("a report arriving while the drop folder's parent is renamed is held (critical), then judged once the path is back")
    func parentRenamed() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let share = sandbox.root + "/share", away = sandbox.root + "/share-away"
        let drop = share + "/drop"
        try FileManager.default.createDirectory(atPath: drop + "/agency-a", withIntermediateDirectories: true)
        let daemon = try await sandbox.startDaemon(["--drop", drop])
        #expect(try sandbox.status()?["drop"] as? String == drop)

        // The watch is on the folder, so it lives on; the path no longer leads there.
        try Sandbox.rename(share, away)
        let data = Reports.seed
        // A folder made meanwhile cannot be watched through the path: it must be once it is back.
        try FileManager.default.createDirectory(atPath: away + "/drop/agency-b", withIntermediateDirectories: true)
        try Sandbox.writeFile(away + "/drop/agency-a/2023.txt", data)
        let held = try await waitForStatus(sandbox, "critical, the file pending") {
            $0["state"] as? String == "critical" && $0["pending"] as? Int == 1
        }
        #expect((held["problems"] as? [String])?.contains { $0.contains("drop folder") } == true, "\(held)")
        #expect(try await daemon.judgements().isEmpty, "a daemon problem recorded as the file's verdict")

        try Sandbox.rename(away, share)
        let found = try await daemon.waitForJudgements(of: ["agency-a/2023.txt"], within: .seconds(10))
        expectJudgement(found["agency-a/2023.txt"]!, Reports.expectSeed("agency-a/2023.txt", data))
        try await waitForStatus(sandbox, "ok again, nothing pending") { $0["state"] as? String == "ok" && $0["pending"] as? Int == 0 }
        let later = Reports.seed(variant: 1)
        try Sandbox.writeFile(drop + "/agency-b/later.txt", later)
        let laterFound = try await daemon.waitForJudgements(of: ["agency-b/later.txt"], within: .seconds(10))
        expectJudgement(laterFound["agency-b/later.txt"]!, Reports.expectSeed("agency-b/later.txt", later))
        #expect(try await daemon.judgementCounts() == ["agency-a/2023.txt": 1, "agency-b/later.txt": 1])
        #expect(try LedgerFile(path: sandbox.ledgerPath).currentCounts() == ["agency-a/2023.txt": 1, "agency-b/later.txt": 1])
        #expect(await daemon.stop() == 0)
    }
}
