import Foundation
import Glibc
import Testing

/// Every folder of the drop folder is watched, checked by inode, whatever clerks do to folders
/// while the daemon is a little behind (Explorer's "New folder" renamed at once, and so on).
@Suite("nianbao watch: every folder watched")
struct FolderWatchTests {
    /// Explorer makes "New folder" and the clerk renames it at once, then makes the next one. When
    /// the daemon handles the first creation after all of that, the path "New folder" already names
    /// the second folder: a watch added by path lands on the wrong inode.
    @Test("new folders renamed at once while the daemon is behind are all watched: their files are judged from their events")
    func newFolderRenamedAtOnce() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let daemon = try await sandbox.startDaemon()
        // SIGSTOP: the daemon is behind, and meets all the events at once.
        daemon.signal(SIGSTOP)
        let agencies = (1...5).map { "agency-\($0)" }
        for agency in agencies {
            try #require(mkdir(sandbox.path("New folder"), 0o755) == 0)
            try Sandbox.rename(sandbox.path("New folder"), sandbox.path(agency))
        }
        try #require(mkdir(sandbox.path("New folder"), 0o755) == 0)
        daemon.signal(SIGCONT)
        // Every folder event handled (they come before the settle file's).
        try await settle(sandbox, daemon)

        var files: [String: Data] = [:]
        for (index, folder) in (agencies + ["New folder"]).enumerated() {
            let file = folder + "/2023.txt"
            files[file] = Reports.seed(variant: index + 1)
            try sandbox.write(file, files[file]!)
        }
        // The safety rescan is 10 minutes away: only a watch on each folder's real inode sees these.
        let found = try await daemon.waitForJudgements(of: Array(files.keys), within: .seconds(15))
        for (file, data) in files { expectJudgement(found[file]!, Reports.expectSeed(file, data)) }
        let status = try await waitForStatus(sandbox, "nothing pending") { $0["pending"] as? Int == 0 }
        #expect(status["state"] as? String == "ok", "\(status)")
        #expect((status["problems"] as? [String]) == [], "\(status)")
        #expect(await daemon.stop() == 0)
    }

}
