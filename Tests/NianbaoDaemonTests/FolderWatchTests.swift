import Foundation
import Glibc
import Testing
import TestTools

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

    /// The watch limit of the daemon's own user namespace (so that no other inotify user on the
    /// machine is starved): root plus two folders.
    static func limitedWatches(_ limit: Int) -> [String] {
        ["/usr/bin/unshare", "--user", "--map-root-user", "/bin/sh", "-c",
         #"echo "$1" > /proc/sys/user/max_inotify_watches && shift && exec "$@""#, "sh", String(limit)]
    }

    @Test("folders left unwatched by the watch limit are watched after the limit is raised and the service reloaded; a deleted one stops being reported")
    func watchLimitRaisedThenReload() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let agencies = (1...6).map { "agency-\($0)" }
        for agency in agencies { try FileManager.default.createDirectory(atPath: sandbox.path(agency), withIntermediateDirectories: true) }
        let daemon = try await sandbox.startDaemon(wrapper: Self.limitedWatches(3))
        let limited = try await waitForStatus(sandbox, "warning: folders not watched") { $0["state"] as? String == "warning" }
        let reported = (limited["problems"] as? [String] ?? []).filter { $0.hasSuffix("not watched") }
        try #require(!reported.isEmpty, "\(limited)")
        // Delete one of the folders reported: its problem must go with it.
        let deleted = try #require(agencies.first { agency in reported.contains { $0.contains(agency) } })
        try FileManager.default.removeItem(atPath: sandbox.path(deleted))

        // What the daemon advises: raise the limit, then reload.
        let raise = try await Tool.run("/usr/bin/nsenter", ["--user", "--target", String(daemon.pid), "/bin/sh", "-c",
                                                             "echo 1000 > /proc/sys/user/max_inotify_watches"])
        try #require(raise.status == 0, "\(raise)")
        daemon.signal(SIGHUP)
        let status = try await waitForStatus(sandbox, "ok once reloaded") { $0["state"] as? String == "ok" }
        #expect((status["problems"] as? [String]) == [], "\(status)")

        var files: [String: Data] = [:]
        for (index, agency) in agencies.enumerated() where agency != deleted {
            let file = agency + "/2023.txt"
            files[file] = Reports.seed(variant: index + 1)
            try sandbox.write(file, files[file]!)
        }
        // The safety rescan is 10 minutes away: only watches see these.
        let found = try await daemon.waitForJudgements(of: Array(files.keys), within: .seconds(15))
        for (file, data) in files { expectJudgement(found[file]!, Reports.expectSeed(file, data)) }
        #expect(await daemon.stop() == 0)
    }
}
