import Foundation
import Glibc
import Testing

/// How files arrive in the drop folder, and that each version is judged exactly once, when complete.
@Suite("nianbao watch: arrivals")
struct ArrivalTests {
    @Test("a file renamed into place is judged once, with every journal field")
    func renameIntoPlace() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let daemon = try await sandbox.startDaemon()
        try sandbox.renameIntoPlace("agency-a/2023.txt", Reports.seed)

        let found = try await daemon.waitForJudgements(of: ["agency-a/2023.txt"])
        expectJudgement(found["agency-a/2023.txt"]!, Reports.expectSeed("agency-a/2023.txt", Reports.seed))
        try await settle(sandbox, daemon)
        #expect(try await daemon.judgementCounts() == ["agency-a/2023.txt": 1, settleFile: 1])
        #expect(try LedgerFile(path: sandbox.ledgerPath).currentCounts() == ["agency-a/2023.txt": 1, settleFile: 1])
        #expect(await daemon.stop() == 0)
    }

    @Test("a slow writer's file is judged once, after it is closed, with all its bytes",
          arguments: [false, true])
    func slowWriter(inNewFolder: Bool) async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        try FileManager.default.createDirectory(atPath: sandbox.path("agency-old"), withIntermediateDirectories: true)
        let daemon = try await sandbox.startDaemon()
        let data = Reports.seed
        // In a new folder, the daemon's scan of that folder finds the file while it is still open.
        let file = inNewFolder ? "agency-new/slow.txt" : "agency-old/slow.txt"
        try FileManager.default.createDirectory(atPath: (sandbox.path(file) as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        let fd = open(sandbox.path(file), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        try #require(fd >= 0)
        // Five chunks with pauses, cutting through multi-byte characters: a partial read would not even decode.
        try await Self.writeSlowly(fd, data, file)
        close(fd)

        let found = try await daemon.waitForJudgements(of: [file])
        // Judged with all its bytes: any judgement before the close would show a partial digest.
        expectJudgement(found[file]!, Reports.expectSeed(file, data))
        try await settle(sandbox, daemon)
        #expect(try await daemon.judgementCounts() == [file: 1, settleFile: 1])
        #expect(try LedgerFile(path: sandbox.ledgerPath).versionCounts()[file] == 1)
        #expect(await daemon.stop() == 0)
    }

    /// Writes `data` in five chunks 200 ms apart, from a thread of its own: a task's sleep can
    /// be late by seconds while the suite's parallel tests hold the few cooperative threads, and
    /// a pause longer than the daemon's 2 s quiet period makes a half-written file found by a
    /// scan look finished (it is then rightly judged, and judged again when complete).
    static func writeSlowly(_ fd: Int32, _ data: Data, _ file: String) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            Thread {
                do {
                    let chunk = data.count / 5 + 1
                    for start in stride(from: 0, to: data.count, by: chunk) {
                        try Sandbox.writeAll(fd, data[start..<min(start + chunk, data.count)], file)
                        usleep(200_000)
                    }
                    done.resume()
                } catch {
                    done.resume(throwing: error)
                }
            }.start()
        }
    }

    @Test("a file rewritten in place with new bytes is judged again; with the same bytes, not")
    func rewrittenInPlace() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let daemon = try await sandbox.startDaemon()
        let file = "agency-a/report.txt"
        let first = Reports.seed, second = Reports.seed(variant: 5)

        try sandbox.write(file, first)
        try await daemon.waitForJournal("the first version judged") { entries in
            entries.contains { $0.isJudgement && $0.file == file } ? true : nil
        }
        try sandbox.write(file, second)  // same path, O_TRUNC, new bytes
        let versions = try await daemon.waitForJournal("the second version judged") { entries in
            let judged = entries.filter { $0.isJudgement && $0.file == file }
            return judged.count >= 2 ? judged : nil
        }
        expectJudgement(versions[0], Reports.expectSeed(file, first))
        expectJudgement(versions[1], Reports.expectSeed(file, second))

        try sandbox.write(file, second)  // rewritten with the very same bytes (new mtime)
        try await settle(sandbox, daemon)
        #expect(try await daemon.judgementCounts()[file] == 2, "the same bytes were judged again")

        let ledger = LedgerFile(path: sandbox.ledgerPath)
        #expect(try ledger.currentCounts()[file] == 1)
        #expect(try ledger.versionCounts()[file] == 2)
        #expect(try ledger.rows().last { $0.path == file && $0.isCurrent }?.sha256 == Harness.sha256(second))
        #expect(await daemon.stop() == 0)
    }

    @Test("temporary and hidden names are never judged; renamed to real names they are, once")
    func temporaryNames() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let daemon = try await sandbox.startDaemon()
        let renames = [
            ("agency-a/report.part", "agency-a/report.txt", Reports.seed(variant: 1)),
            ("agency-a/~$report.docx", "agency-a/report.docx", Reports.seed(variant: 2)),
            ("agency-a/.hidden.txt", "agency-a/visible.txt", Reports.seed(variant: 3)),
            ("agency-a/upload.tmp", "agency-a/upload.html", Reports.seed(variant: 4)),
        ]
        for (temporary, _, data) in renames {
            try sandbox.write(temporary, data)
        }
        try await settle(sandbox, daemon)
        #expect(try await daemon.judgementCounts() == [settleFile: 1], "a temporary name was judged")

        for (temporary, final, _) in renames {
            try Sandbox.rename(sandbox.path(temporary), sandbox.path(final))
        }
        let found = try await daemon.waitForJudgements(of: renames.map(\.1))
        for (_, final, data) in renames {
            expectJudgement(found[final]!, Reports.expectSeed(final, data))
        }
        try await settle(sandbox, daemon)
        var expected = Dictionary(uniqueKeysWithValues: renames.map { ($0.1, 1) })
        expected[settleFile] = 2
        #expect(try await daemon.judgementCounts() == expected)
        #expect(try LedgerFile(path: sandbox.ledgerPath).currentCounts() == expected.mapValues { _ in 1 })
        #expect(await daemon.stop() == 0)
    }

    @Test("a new agency folder with files already inside: mkdir and write at once")
    func newFolderWrittenAtOnce() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let daemon = try await sandbox.startDaemon()
        var files: [String: Data] = [:]
        // No pause anywhere: most files exist before the daemon has a watch on the new folders.
        for index in 1...6 {
            let file = index <= 3 ? "agency-new/r\(index).txt" : "agency-new/sub/deeper/r\(index).txt"
            files[file] = Reports.seed(variant: index)
            try sandbox.write(file, files[file]!)
        }
        let found = try await daemon.waitForJudgements(of: Array(files.keys))
        for (file, data) in files {
            expectJudgement(found[file]!, Reports.expectSeed(file, data, agency: "agency-new"))
        }
        try await settle(sandbox, daemon)
        var expected = files.mapValues { _ in 1 }
        expected[settleFile] = 1
        #expect(try await daemon.judgementCounts() == expected)
        #expect(try LedgerFile(path: sandbox.ledgerPath).currentCounts() == expected)
        #expect(await daemon.stop() == 0)
    }

    @Test("a prepared agency folder moved in from outside the drop folder; later files in it too")
    func folderMovedIn() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let daemon = try await sandbox.startDaemon()
        let outside = sandbox.root + "/prepared/agency-moved"
        var files: [String: Data] = [:]
        for (index, name) in ["2023.txt", "copy.txt", "sub/annex.txt"].enumerated() {
            let data = Reports.seed(variant: 10 + index)
            try Sandbox.writeFile(outside + "/" + name, data)
            files["agency-moved/" + name] = data
        }
        try Sandbox.rename(outside, sandbox.path("agency-moved"))

        let found = try await daemon.waitForJudgements(of: Array(files.keys))
        for (file, data) in files {
            expectJudgement(found[file]!, Reports.expectSeed(file, data, agency: "agency-moved"))
        }
        // The moved folders are watched now.
        let later = Reports.seed(variant: 20)
        try sandbox.write("agency-moved/sub/later.txt", later)
        let laterFound = try await daemon.waitForJudgements(of: ["agency-moved/sub/later.txt"])
        expectJudgement(laterFound["agency-moved/sub/later.txt"]!, Reports.expectSeed("agency-moved/sub/later.txt", later))

        try await settle(sandbox, daemon)
        var expected = files.mapValues { _ in 1 }
        expected["agency-moved/sub/later.txt"] = 1
        expected[settleFile] = 1
        #expect(try await daemon.judgementCounts() == expected)
        #expect(try LedgerFile(path: sandbox.ledgerPath).currentCounts() == expected)
        #expect(await daemon.stop() == 0)
    }
}

/// The sentinel `settle` drops, in the drop root (no agency).
let settleFile = "zz-settle.txt"

/// Makes sure everything the daemon was told before now has been handled: inotify delivers events
/// in order and the daemon judges in order, so once a file written now is judged, every earlier
/// event has been. Call it before asserting that something was NOT judged (again).
func settle(_ sandbox: Sandbox, _ daemon: Daemon, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let before = try await daemon.judgements().filter { $0.file == settleFile }.count
    let data = Reports.note("settle \(UUID().uuidString)")
    try sandbox.write(settleFile, data)
    let entry = try await daemon.waitForJournal("the settle file judged (\(before + 1) times)", sourceLocation: sourceLocation) { entries in
        let judged = entries.filter { $0.isJudgement && $0.file == settleFile }
        return judged.count > before ? judged.last : nil
    }
    expectJudgement(entry, Reports.expectNote(settleFile, data), sourceLocation: sourceLocation)
}
