import Foundation
import Glibc
import Testing

/// The daemon's own outputs (status file, Prometheus file, results folder, state folder) inside
/// the drop folder would be judged, rewritten, judged again, forever: such a configuration is
/// refused, at start and on reload, and nothing is ever written into the drop folder.
@Suite("nianbao watch: outputs inside the drop folder")
struct OutputsInDropTests {
    @Test("an output inside the drop folder is refused at start, with a message naming it",
          arguments: ["--status-file", "--prometheus-file", "--results-dir", "--state-dir"])
    func refusedAtStart(flag: String) async throws {
        let sandbox = try Sandbox()
        // Reached through "..", as a careless relative path would: still inside.
        let inside = flag.hasSuffix("-dir") ? sandbox.drop + "/agency-a/../results" : sandbox.drop + "/../drop/out/status.file"
        let daemon = try await sandbox.startDaemon([flag, inside], waitForReady: false)
        let exit = try await eventually("the daemon refuses to start") { daemon.exitStatus.map { Probe.done($0) } ?? .notYet("still running") }
        #expect(exit == 1)
        #expect(daemon.stderr.contains("inside the drop folder"), "\(daemon.stderr)")
        #expect(daemon.stderr.contains(flag.dropFirst(2).replacingOccurrences(of: "-", with: "_")), "\(daemon.stderr)")
        #expect(try Sandbox.inventory(sandbox.drop).isEmpty, "written into the drop folder")
    }

    @Test("a reload that would put the results folder inside the drop folder is refused; the old configuration stays")
    func refusedOnReload() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let daemon = try await sandbox.startDaemon()
        try sandbox.writeConfig("results_dir = \"\(sandbox.drop)/results\"\n")
        daemon.signal(SIGHUP)
        let refused = try await daemon.waitForEntry("the reload refused") { $0.messageID == MessageID.reloadRefused }
            .first { $0.messageID == MessageID.reloadRefused }!
        #expect(refused["MESSAGE"]?.contains("results_dir") == true, "\(refused)")
        #expect(refused["MESSAGE"]?.contains("inside the drop folder") == true, "\(refused)")
        let data = Reports.seed
        try sandbox.write("agency-a/2023.txt", data)
        try await daemon.waitForJudgements(of: ["agency-a/2023.txt"])
        try await settle(sandbox, daemon)
        #expect(try await daemon.judgementCounts() == ["agency-a/2023.txt": 1, settleFile: 1])
        #expect(try Set(Sandbox.inventory(sandbox.drop).keys) == ["agency-a", "agency-a/2023.txt", settleFile])
        #expect(await daemon.stop() == 0)
    }
}
