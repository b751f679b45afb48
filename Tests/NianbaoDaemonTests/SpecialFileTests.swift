import Foundation
import Glibc
import Testing

/// Symlinks, FIFOs, sockets and devices: reported as NB101, never followed or read; the daemon
/// keeps working. And the safety rescan, for changes inotify cannot see.
@Suite("nianbao watch: special files and the safety rescan")
struct SpecialFileTests {
    /// Makes every kind of non-regular entry in `folder`; returns their names. `outside` holds a
    /// valid report and is what some links point to: were a link followed, that report would be judged.
    static func makeSpecialFiles(in folder: String, outside: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var names: [String] = []
        func link(_ target: String, _ name: String) throws {
            guard symlink(target, folder + "/" + name) == 0 else { throw HarnessFailure("symlink \(name): errno \(errno)") }
            names.append(name)
        }
        try link("/etc/shadow", "shadow.txt")
        try link("loop.txt", "loop.txt")                     // points at itself: ELOOP if followed
        try link(outside, "folder-link")                      // a folder outside the drop folder
        try link(outside + "/report.txt", "report-link.txt")  // a valid report outside
        try link("../../../../../../../../etc/passwd", "relative.txt")
        guard mkfifo(folder + "/pipe.txt", 0o644) == 0 else { throw HarnessFailure("mkfifo: errno \(errno)") }
        names.append("pipe.txt")
        try bindSocket(folder + "/socket.txt")
        names.append("socket.txt")
        if mknod(folder + "/null-device.txt", S_IFCHR | 0o644, dev_t((1 << 8) | 3)) == 0 { names.append("null-device.txt") }
        return names
    }

    static func bindSocket(_ path: String) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HarnessFailure("socket: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw HarnessFailure("socket path too long: \(path)") }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else { throw HarnessFailure("bind \(path): errno \(errno)") }
    }

    static func expectNB101(_ file: String) -> ExpectedJudgement {
        ExpectedJudgement(file: file, agency: Reports.agencyOf(file), verdict: "unreadable", codes: ["NB101"], errors: 1, warnings: 0,
                          year: nil, sha256: nil)
    }

    @Test("symlinks, FIFOs, sockets and devices: NB101 at once, never followed, created in place or renamed in",
          arguments: ["in place", "renamed in"])
    func specialFiles(how: String) async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let outside = sandbox.root + "/outside"
        try Sandbox.writeFile(outside + "/report.txt", Reports.seed)
        try FileManager.default.createDirectory(atPath: sandbox.path("agency-s"), withIntermediateDirectories: true)
        let daemon = try await sandbox.startDaemon()

        let names: [String]
        if how == "in place" {
            names = try Self.makeSpecialFiles(in: sandbox.path("agency-s"), outside: outside)
        } else {
            let staging = sandbox.root + "/staging"
            names = try Self.makeSpecialFiles(in: staging, outside: outside)
            for name in names { try Sandbox.rename(staging + "/" + name, sandbox.path("agency-s/" + name)) }
        }
        let files = names.map { "agency-s/" + $0 }
        let found = try await daemon.waitForJudgements(of: files)
        for file in files { expectJudgement(found[file]!, Self.expectNB101(file)) }

        // Still working, and nothing was judged twice or through a link.
        let data = Reports.seed(variant: 1)
        try sandbox.write("agency-s/after.txt", data)
        let after = try await daemon.waitForJudgements(of: ["agency-s/after.txt"])
        expectJudgement(after["agency-s/after.txt"]!, Reports.expectSeed("agency-s/after.txt", data))
        try await settle(sandbox, daemon)
        var expected = Dictionary(uniqueKeysWithValues: files.map { ($0, 1) })
        expected["agency-s/after.txt"] = 1
        expected[settleFile] = 1
        #expect(try await daemon.judgementCounts() == expected)
        #expect(try LedgerFile(path: sandbox.ledgerPath).currentCounts() == expected)
        #expect(daemon.isRunning)
        // A restart judges none of them again.
        #expect(await daemon.stop() == 0)
        let again = try await sandbox.startDaemon()
        #expect(try await again.judgements().isEmpty)
        #expect(await again.stop() == 0)
    }

    @Test("the safety rescan finds a change inotify cannot see (a write through a hard link outside the drop folder)")
    func safetyRescan() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        try sandbox.writeConfig("safety_rescan_seconds = 1\n")
        let daemon = try await sandbox.startDaemon()
        let file = "agency-h/report.txt"
        try sandbox.write(file, Reports.seed)
        try await daemon.waitForJudgements(of: [file])

        // The drop folder's watch only sees changes made through its own folder entries.
        let link = sandbox.root + "/elsewhere"
        guard Glibc.link(sandbox.path(file), link) == 0 else { throw HarnessFailure("link: errno \(errno)") }
        let changed = Reports.seed(variant: 1)
        try Sandbox.writeFile(link, changed)

        let judged = try await daemon.waitForJournal("the changed file judged again") { entries in
            let versions = entries.filter { $0.isJudgement && $0.file == file }
            return versions.count >= 2 ? versions : nil
        }
        #expect(judged.count == 2)
        expectJudgement(judged[1], Reports.expectSeed(file, changed))
        // Found once: the rescans while it waits for its quiet period do not find it again.
        let entries = try await daemon.journal()
        let judgedAgain = try #require(entries.lastIndex { $0.isJudgement && $0.file == file })
        let found = entries[..<judgedAgain].filter { $0.messageID == MessageID.safetyRescanFound }
        #expect(found.map { $0.fields["MESSAGE"]?.hasPrefix("定期复查发现1个") } == [true], "\(found)")
        // Further rescans judge nothing again: two more files, each judged only once its 2 s quiet
        // period is over, so that several rescans pass meanwhile.
        for round in 1...2 {
            let marker = "agency-h/marker-\(round).txt"
            let data = Reports.seed(variant: 10 + round)
            try Sandbox.writeFile(sandbox.root + "/marker-\(round)", data)
            // A hard link made into the drop folder: only IN_CREATE, which for a regular file does
            // not mean it is complete, so it waits for its quiet period.
            guard Glibc.link(sandbox.root + "/marker-\(round)", sandbox.path(marker)) == 0 else { throw HarnessFailure("link: errno \(errno)") }
            let found = try await daemon.waitForJudgements(of: [marker])
            expectJudgement(found[marker]!, Reports.expectSeed(marker, data))
        }
        #expect(try await daemon.judgementCounts() == [file: 2, "agency-h/marker-1.txt": 1, "agency-h/marker-2.txt": 1])
        #expect(await daemon.stop() == 0)
    }
}
