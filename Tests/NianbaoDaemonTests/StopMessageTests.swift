import Foundation
import Glibc
import Testing

/// The stop message tells how many files are really left for the next start.
@Suite("nianbao watch: the stop message")
struct StopMessageTests {
    @Test("stopped while files are held for a retry (the drop folder's path away), the stop message counts them all")
    func countsFilesHeld() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let share = sandbox.root + "/share", away = sandbox.root + "/share-away"
        try FileManager.default.createDirectory(atPath: share + "/drop/agency-a", withIntermediateDirectories: true)
        let daemon = try await sandbox.startDaemon(["--drop", share + "/drop"])
        // Held for a retry each second, not queued, until the path is back: it never is here.
        try Sandbox.rename(share, away)
        let count = 40
        for index in 0..<count { try Sandbox.writeFile(away + "/drop/agency-a/r\(index).txt", Reports.seed(variant: index + 1)) }
        try await waitForStatus(sandbox, "all \(count) held") { $0["pending"] as? Int == count }
        #expect(await daemon.stop() == 0)
        let entries = try await daemon.journal()
        #expect(entries.filter(\.isJudgement).isEmpty)
        let stopping = try #require(entries.first { $0.messageID == MessageID.stopping }, "no stopping entry")
        #expect(stopping["MESSAGE"]?.contains("nianbao stopping: \(count) files not yet judged") == true, "\(stopping)")
    }
}
