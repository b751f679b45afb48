import Foundation
import Glibc
import Testing

/// One daemon per state folder: a second `nianbao watch` started by hand while the service runs
/// would journal files twice, or retire every row of the first with its own start-up scan.
@Suite("nianbao watch: one daemon per state folder")
struct StateLockTests {
    @Test("a second daemon on the same state folder refuses to start, naming the first; the first carries on",
          arguments: ["same drop folder", "another drop folder"])
    func secondDaemonRefused(how: String) async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let first = try await sandbox.startDaemon()
        let data = Reports.seed
        try sandbox.write("agency-a/2023.txt", data)
        try await first.waitForJudgements(of: ["agency-a/2023.txt"])

        let otherDrop = sandbox.root + "/other-drop"
        try FileManager.default.createDirectory(atPath: otherDrop, withIntermediateDirectories: true)
        let second = try await sandbox.startDaemon(how == "same drop folder" ? [] : ["--drop", otherDrop], waitForReady: false)
        let exit = try await eventually("the second daemon refuses to start") { second.exitStatus.map { Probe.done($0) } ?? .notYet("still running") }
        #expect(exit == 1)
        #expect(second.stderr.contains("pid \(first.pid)"), "\(second.stderr)")
        #expect(second.stderr.contains("state folder"), "\(second.stderr)")
        #expect(try await second.journal().filter(\.isJudgement).isEmpty)

        // The first still watches, and its ledger is whole.
        #expect(first.isRunning)
        let later = Reports.seed(variant: 1)
        try sandbox.write("agency-a/later.txt", later)
        try await first.waitForJudgements(of: ["agency-a/later.txt"])
        try await settle(sandbox, first)
        #expect(try await first.judgementCounts() == ["agency-a/2023.txt": 1, "agency-a/later.txt": 1, settleFile: 1])
        #expect(try LedgerFile(path: sandbox.ledgerPath).currentCounts() == ["agency-a/2023.txt": 1, "agency-a/later.txt": 1, settleFile: 1])
        #expect(await first.stop() == 0)

        // Once the first has stopped, a daemon starts on that state folder again.
        let third = try await sandbox.startDaemon()
        #expect(await third.stop() == 0)
    }
}
