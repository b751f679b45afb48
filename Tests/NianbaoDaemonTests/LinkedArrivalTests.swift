import Foundation
import Glibc
import Testing
import TestTools

/// Files that arrive by a link rather than by a write: a hard link (`ln`, `cp --link`) or an
/// unnamed file written and then linked in (O_TMPFILE + linkat, how several tools write
/// atomically). Only IN_CREATE shows them; no close event follows.
@Suite("nianbao watch: files linked into place")
struct LinkedArrivalTests {
    /// O_TMPFILE (not exported by Swift's Glibc module): __O_TMPFILE | O_DIRECTORY.
    static let temporaryFile: Int32 = 0o20000000 | O_DIRECTORY

    @Test("a hard link, cp --link and O_TMPFILE + linkat into the drop folder are judged from their creation, with the quiet period")
    func linkedIntoPlace() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        try FileManager.default.createDirectory(atPath: sandbox.path("agency-a"), withIntermediateDirectories: true)
        let daemon = try await sandbox.startDaemon()
        let staging = sandbox.root + "/staging"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)

        let hard = Reports.seed(variant: 1), copied = Reports.seed(variant: 2), unnamed = Reports.seed(variant: 3)
        try Sandbox.writeFile(staging + "/hard.txt", hard)
        try #require(link(staging + "/hard.txt", sandbox.path("agency-a/hard.txt")) == 0)
        try Sandbox.writeFile(staging + "/copied.txt", copied)
        let cp = try await Tool.run("/bin/cp", ["--link", staging + "/copied.txt", sandbox.path("agency-a/copied.txt")])
        try #require(cp.status == 0, "\(cp)")
        // Written unnamed in the folder, checked (fstat, as such tools do), then given its name.
        let fd = open(sandbox.path("agency-a"), Self.temporaryFile | O_WRONLY, 0o644)
        try #require(fd >= 0, "O_TMPFILE: errno \(errno)")
        try Sandbox.writeAll(fd, unnamed, "O_TMPFILE")
        var info = stat()
        try #require(fstat(fd, &info) == 0 && info.st_size == unnamed.count)
        // Linked a clock tick after its last write (README: a file linked within the same tick,
        // with nothing reading its times, looks like a file still being written).
        try await Task.sleep(for: .milliseconds(20))
        try #require(linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, sandbox.path("agency-a/unnamed.txt"), AT_SYMLINK_FOLLOW) == 0,
                     "linkat: errno \(errno)")
        close(fd)

        // The safety rescan is 10 minutes away; the quiet period is 2 s.
        let files = ["agency-a/hard.txt": hard, "agency-a/copied.txt": copied, "agency-a/unnamed.txt": unnamed]
        let found = try await daemon.waitForJudgements(of: Array(files.keys), within: .seconds(15))
        for (file, data) in files { expectJudgement(found[file]!, Reports.expectSeed(file, data)) }
        try await settle(sandbox, daemon)
        #expect(try await daemon.judgementCounts() == files.mapValues { _ in 1 }.merging([settleFile: 1]) { $1 })
        #expect(await daemon.stop() == 0)
    }
}
