import Foundation
import Glibc
import Testing
import TestTools

/// Issue 7, part 3: faults of the machine, produced for real. journald stopped and started
/// again, the state folder's file system full, a damaged ledger at start-up, the drop folder
/// deleted or moved away while watched. (The inotify queue overflowing under SIGSTOP is
/// OverflowTests.)
@Suite("nianbao watch: faults of the machine", .serialized)
struct MachineFaultTests {
    @Test("journald stopped and started again while files arrive: stderr meanwhile, status warning, back to the journal, no verdict lost",
          .timeLimit(.minutes(2)))
    func journaldRestart() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let journald = try await OwnJournald(sandbox)
        let daemon = try journald.startDaemon()
        try await journald.waitForEntries("the ready entry", pid: daemon.pid) { entries in
            entries.contains { $0.messageID == MessageID.ready } ? true : nil
        }
        var files: [String: ExpectedJudgement] = [:]
        func drop(_ file: String, _ variant: Int) throws {
            let data = Reports.seed(variant: variant)
            try sandbox.write(file, data)
            files[file] = Reports.expectSeed(file, data)
        }
        try drop("agency-j/before.txt", 1)
        try await journald.waitForEntries("the first verdict in the journal", pid: daemon.pid) { entries in
            entries.contains { $0.isJudgement && $0.file == "agency-j/before.txt" } ? true : nil
        }

        try await journald.stop()
        for index in 1...5 { try drop("agency-j/while-down-\(index).txt", 10 + index) }
        let down: [JournalRecord] = try await eventually("five verdicts on stderr") {
            let lines = FallbackLines.parse(daemon.stderr).filter(\.isJudgement)
            return lines.count == 5 ? .done(lines) : .notYet(daemon.stderr.suffix(800).description)
        }
        for line in down { expectJudgement(line, files[line.file ?? ""] ?? Reports.expectSeed("?", Data()), fromJournal: false) }
        #expect(FallbackLines.parse(daemon.stderr).contains { $0.messageID == MessageID.journalUnavailable })
        let warned = try await waitForStatus(sandbox, "state warning, the six verdicts counted") {
            $0["state"] as? String == "warning" && ($0["reports"] as? [String: Int])?["accepted_with_warnings"] == 6
        }
        #expect((warned["summary"] as? String)?.contains("journal") == true, "\(warned)")

        try await journald.start()
        for index in 1...3 { try drop("agency-j/after-\(index).txt", 20 + index) }
        let back = try await journald.waitForEntries("the journal back, with the three new verdicts", pid: daemon.pid) { entries in
            entries.filter { $0.isJudgement && $0.file?.contains("after-") == true }.count == 3 ? entries : nil
        }
        #expect(back.contains { $0.messageID == MessageID.journalRestored }, "no journal-restored entry")
        try await waitForStatus(sandbox, "state ok again") { $0["state"] as? String == "ok" }

        // No verdict lost, none twice: the journal and stderr together hold each file once.
        let journaled = back.filter(\.isJudgement)
        let all = journaled + FallbackLines.parse(daemon.stderr).filter(\.isJudgement)
        var counts: [String: Int] = [:]
        for entry in all { counts[entry.file ?? "?", default: 0] += 1 }
        #expect(counts == files.mapValues { _ in 1 })
        for entry in journaled { expectJudgement(entry, files[entry.file ?? ""] ?? Reports.expectSeed("?", Data())) }
        #expect(try LedgerFile(path: sandbox.ledgerPath).currentCounts() == files.mapValues { _ in 1 })
        #expect(await daemon.stop() == 0)
    }

    @Test("the state folder's file system full: critical, the journal says why, verdicts kept; space freed: all recorded, ledger sound",
          .timeLimit(.minutes(2)))
    func stateFolderFull() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        // A small tmpfs of its own for the state folder (the status file stays elsewhere).
        try FileManager.default.createDirectory(atPath: sandbox.state, withIntermediateDirectories: true)
        let mounted = try await Tool.run("/bin/mount", ["-t", "tmpfs", "-o", "size=4m,mode=755", "tmpfs", sandbox.state])
        try #require(mounted.status == 0, "\(mounted)")
        defer { _ = umount2(sandbox.state, Int32(MNT_DETACH)) }

        let daemon = try await sandbox.startDaemon()
        let first = Reports.seed(variant: 1)
        try sandbox.write("agency-f/first.txt", first)
        try await daemon.waitForJudgements(of: ["agency-f/first.txt"])

        // Fill what is left, to the last block.
        let filler = sandbox.state + "/filler"
        let fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        try #require(fd >= 0)
        let block = [UInt8](repeating: 0xAB, count: 4096)
        while block.withUnsafeBytes({ write(fd, $0.baseAddress!, $0.count) }) > 0 {}
        #expect(errno == ENOSPC)
        close(fd)

        // A burst whose judgements cannot fit.
        var files: [String: Data] = ["agency-f/first.txt": first]
        for index in 0..<300 {
            let data = Reports.seed(variant: 100 + index)
            try sandbox.write("agency-f/full-\(index).txt", data)
            files["agency-f/full-\(index).txt"] = data
        }
        let critical = try await waitForStatus(sandbox, "state critical, naming the ledger", within: .seconds(60)) { $0["state"] as? String == "critical" }
        #expect((critical["summary"] as? String)?.contains("ledger") == true, "\(critical)")
        let problem = try await daemon.waitForEntry("the ledger error entry") { $0.messageID == MessageID.ledgerError }
            .first { $0.messageID == MessageID.ledgerError }!
        #expect(problem["PRIORITY"] == "2", "\(problem)")
        #expect(problem["MESSAGE"]?.contains("no space left") == true, "\(problem)")
        // Judged and journaled meanwhile, each once.
        try await daemon.waitForJudgements(of: Array(files.keys), within: .seconds(60))
        let nianbaoStillUp = daemon.isRunning
        #expect(nianbaoStillUp)

        try FileManager.default.removeItem(atPath: filler)
        try await daemon.waitForEntry("the ledger recovered entry", within: .seconds(20)) { $0.messageID == MessageID.ledgerRecovered }
        try await waitForStatus(sandbox, "state ok, every file counted") { status in
            status["state"] as? String == "ok" && (status["reports"] as? [String: Int])?["accepted_with_warnings"] == files.count
        }
        // Still working after it.
        let later = Reports.seed(variant: 999)
        try sandbox.write("agency-f/later.txt", later)
        try await daemon.waitForJudgements(of: ["agency-f/later.txt"])
        files["agency-f/later.txt"] = later
        try await settle(sandbox, daemon)
        #expect(await daemon.stop() == 0)

        var expected = files.mapValues { _ in 1 }
        expected[settleFile] = 1
        #expect(try await daemon.judgementCounts() == expected)
        let ledger = LedgerFile(path: sandbox.ledgerPath)
        #expect(try ledger.integrityCheck() == ["ok"])
        #expect(try ledger.currentCounts() == expected)
        let digests = Dictionary(try ledger.rows().map { ($0.path, $0.sha256) }, uniquingKeysWith: { $1 })
        for (file, data) in files { #expect(digests[file] == Harness.sha256(data), "\(file)") }
    }

    @Test("a damaged ledger at start-up is set aside, said so, and rebuilt by judging the drop folder again",
          arguments: ["garbage", "truncated"])
    func damagedLedger(damage: String) async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        var files: [String: Data] = [:]
        for index in 0..<200 {
            let file = "agency-\(index % 3)/r\(index).txt"
            files[file] = index % 2 == 0 ? Reports.seed(variant: index + 1) : Reports.note("ledger \(index)")
            try sandbox.write(file, files[file]!)
        }
        let first = try await sandbox.startDaemon()
        #expect(try await first.judgementCounts().count == files.count)
        #expect(await first.stop() == 0)

        let ledgerURL = URL(fileURLWithPath: sandbox.ledgerPath)
        let intact = try Data(contentsOf: ledgerURL)
        let damaged = damage == "garbage" ? HostileFiles.junk(count: intact.count) : intact.prefix(intact.count / 2)
        try damaged.write(to: ledgerURL)

        let second = try await sandbox.startDaemon(waitForReady: false)
        try await second.waitForEntry("the ready entry after the rebuild", within: .seconds(60)) { $0.messageID == MessageID.ready }
        let entries = try await second.journal()
        let setAside = try #require(entries.first { $0.messageID == MessageID.ledgerSetAside }, "no set-aside entry: \(entries.prefix(5))")
        #expect(setAside["PRIORITY"] == "3", "\(setAside)")
        let aside = try FileManager.default.contentsOfDirectory(atPath: sandbox.state).filter { $0.hasPrefix("ledger.sqlite.corrupt-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }
        #expect(aside.count == 1, "\(aside)")
        if let name = aside.first {
            #expect(setAside["MESSAGE"]?.contains(name) == true, "\(setAside)")
            // Kept as it was, for analysis.
            #expect(try Data(contentsOf: URL(fileURLWithPath: sandbox.state + "/" + name)) == damaged)
        }
        // Rebuilt: every file judged once more, before READY, with its verdict.
        var counts: [String: Int] = [:]
        for entry in entries where entry.isJudgement { counts[entry.file ?? "?", default: 0] += 1 }
        #expect(counts == files.mapValues { _ in 1 })
        let ledger = LedgerFile(path: sandbox.ledgerPath)
        #expect(try ledger.currentCounts() == files.mapValues { _ in 1 })
        let status = try #require(try sandbox.status())
        #expect((status["reports"] as? [String: Int])?.values.reduce(0, +) == files.count, "\(status)")
        #expect(status["state"] as? String == "ok", "\(status)")
        #expect(await second.stop() == 0)
        #expect(try ledger.integrityCheck() == ["ok"])
    }

    @Test("the drop folder deleted, or moved away, while watched: critical, then watched again once it is back",
          arguments: ["deleted and recreated", "moved away and back"])
    func dropFolderGone(how: String) async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let daemon = try await sandbox.startDaemon()
        let kept = Reports.seed(variant: 1)
        try sandbox.write("agency-d/kept.txt", kept)
        try await daemon.waitForJudgements(of: ["agency-d/kept.txt"])

        let away = sandbox.root + "/drop-away"
        if how == "deleted and recreated" {
            try FileManager.default.removeItem(atPath: sandbox.drop)
        } else {
            try Sandbox.rename(sandbox.drop, away)
        }
        let gone = try await daemon.waitForEntry("the drop-folder-gone entry") { $0.messageID == MessageID.dropFolderGone }
            .first { $0.messageID == MessageID.dropFolderGone }!
        #expect(gone["PRIORITY"] == "2", "\(gone)")
        try await waitForStatus(sandbox, "state critical") { $0["state"] as? String == "critical" }
        #expect(daemon.isRunning)

        let back = Reports.seed(variant: 2)
        if how == "deleted and recreated" {
            try sandbox.write("agency-d/back.txt", back)
        } else {
            try Sandbox.writeFile(away + "/agency-d/back.txt", back)
            try Sandbox.rename(away, sandbox.drop)
        }
        try await daemon.waitForEntry("the drop-folder-back entry", within: .seconds(20)) {
            $0.messageID == MessageID.dropFolderGone && $0["PRIORITY"] == "5"
        }
        try await daemon.waitForJudgements(of: ["agency-d/back.txt"])
        try await waitForStatus(sandbox, "state ok") { $0["state"] as? String == "ok" }
        // Watched again: a file written now is judged from its event.
        let later = Reports.seed(variant: 3)
        try sandbox.write("agency-d/later.txt", later)
        let found = try await daemon.waitForJudgements(of: ["agency-d/later.txt"])
        expectJudgement(found["agency-d/later.txt"]!, Reports.expectSeed("agency-d/later.txt", later))
        try await settle(sandbox, daemon)
        // The file that came back unchanged with its folder is not judged again.
        #expect(try await daemon.judgementCounts() == ["agency-d/kept.txt": 1, "agency-d/back.txt": 1, "agency-d/later.txt": 1, settleFile: 1])
        #expect(await daemon.stop() == 0)
    }
}
