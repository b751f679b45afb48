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
