import Foundation
import Glibc
import Testing

/// The README tells operators the status file is 0640 and to add their monitoring user to the
/// group: the file must be so.
@Suite("nianbao watch: the status file's mode")
struct StatusFileModeTests {
    @Test("the status file is 0640, at start and after a verdict")
    func mode0640() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let daemon = try await sandbox.startDaemon()
        var info = stat()
        try #require(stat(sandbox.statusFile, &info) == 0)
        #expect(info.st_mode & 0o7777 == 0o640, "mode \(String(info.st_mode & 0o7777, radix: 8))")
        try sandbox.write("agency-a/2023.txt", Reports.seed)
        try await daemon.waitForJudgements(of: ["agency-a/2023.txt"])
        try await waitForStatus(sandbox, "the verdict counted") { ($0["reports"] as? [String: Int])?.values.reduce(0, +) == 1 }
        try #require(stat(sandbox.statusFile, &info) == 0)
        #expect(info.st_mode & 0o7777 == 0o640, "mode \(String(info.st_mode & 0o7777, radix: 8))")
        #expect(await daemon.stop() == 0)
    }
}

/// The stop message tells how many files are really left for the next start.
@Suite("nianbao watch: the stop message")
struct StopMessageTests {
    @Test("stopped while files wait for their quiet period, the stop message counts them all")
    func countsFilesWaiting() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        // Written just now, before the start: the start-up scan finds them still within the
        // 2 s quiet period, so they wait for a retry rather than in the queue.
        let count = 40
        for index in 0..<count { try sandbox.write("agency-a/r\(index).txt", Reports.seed(variant: index + 1)) }
        let daemon = try await sandbox.startDaemon(waitForReady: false)
        try await daemon.waitForEntry("the started entry") { $0.messageID == MessageID.started }
        #expect(await daemon.stop() == 0)
        let entries = try await daemon.journal()
        let judged = entries.filter(\.isJudgement).count
        let stopping = try #require(entries.first { $0.messageID == MessageID.stopping }, "no stopping entry")
        #expect(stopping["MESSAGE"]?.contains("nianbao stopping: \(count - judged) files not yet judged") == true,
                "judged \(judged) of \(count): \(stopping)")
        #expect(judged < count, "all judged before the stop: the test proves nothing")
    }
}
