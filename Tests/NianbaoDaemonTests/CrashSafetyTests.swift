import Foundation
import Glibc
import Testing

/// Issue 7, part 2: kill -9 at random moments during a burst. Per batch the daemon judges,
/// journals, then commits to the ledger, so a crash between the journal and the commit journals
/// that batch again at the next start (at-least-once): at most `batch_size` repeated entries per
/// crash, and a committed judgement is never repeated or lost.
@Suite("nianbao watch: crash safety", .serialized)
struct CrashSafetyTests {
    /// A small xorshift generator: the kill moments are random, yet a failing run can be replayed
    /// with NIANBAO_CRASH_SEED.
    struct Moments: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
    }

    @Test("5,000 files, 20 kill -9 in a row: every file judged, one current judgement each, at most batch_size repeats per crash",
          .timeLimit(.minutes(5)))
    func killNineDuringABurst() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        // A batch smaller than what arrives per round, so that the bound is tighter than the burst.
        let batchSize = 64
        try sandbox.writeConfig("batch_size = \(batchSize)\n")
        let seed = ProcessInfo.processInfo.environment["NIANBAO_CRASH_SEED"].flatMap { UInt64($0) } ?? UInt64(Date().timeIntervalSince1970 * 1000)
        var moments = Moments(state: seed | 1)
        print("crash safety: NIANBAO_CRASH_SEED=\(seed)")

        let kills = 20, count = 5000, perRound = count / kills
        // Most files are one line of text (rejected, quick to judge), every tenth a report with
        // warnings, every 50th empty: three verdicts, each file's bytes its own.
        var written: [String: (data: Data, expected: ExpectedJudgement)] = [:]
        func make(_ index: Int) -> (String, Data, ExpectedJudgement) {
            let file = "agency-\(index % 7)/r\(index).txt"
            if index % 50 == 0 {
                return (file, Data(), ExpectedJudgement(file: file, agency: "agency-\(index % 7)", verdict: "unreadable", codes: ["NB103"],
                                                        errors: 1, warnings: 0, year: nil, sha256: Harness.sha256(Data())))
            }
            if index % 10 == 0 {
                let data = Reports.seed(variant: index)
                return (file, data, Reports.expectSeed(file, data))
            }
            let data = Reports.note("crash \(index)")
            return (file, data, Reports.expectNote(file, data))
        }

        var daemons: [Daemon] = []
        var committedAfterKill: [Set<String>] = []
        for round in 0..<kills {
            // Even rounds: killed during the start-up scan; odd rounds: after READY, while the
            // burst's events are being judged.
            let daemon = try await sandbox.startDaemon(waitForReady: round % 2 == 1)
            daemons.append(daemon)
            for index in (round * perRound)..<((round + 1) * perRound) {
                let (file, data, expected) = make(index)
                try sandbox.write(file, data)
                written[file] = (data, expected)
            }
            // Anywhere from the start-up scan to the middle of judging the burst.
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...(round % 2 == 1 ? 800 : 2500), using: &moments)))
            #expect(daemon.isRunning, "round \(round): the daemon ended by itself: \(daemon.stderr.suffix(1000))")
            daemon.signal(SIGKILL)
            try await eventually("the killed daemon reaped", within: .seconds(10), every: .milliseconds(10)) {
                daemon.isRunning ? .notYet("still running") : .done(())
            }
            let ledger = LedgerFile(path: sandbox.ledgerPath)
            if FileManager.default.fileExists(atPath: sandbox.ledgerPath) {
                #expect(try ledger.integrityCheck() == ["ok"], "round \(round)")
                committedAfterKill.append(Set(try ledger.currentCounts().keys))
            } else {
                committedAfterKill.append([])
            }
        }

        // A last start judges whatever is left; a clean stop.
        let last = try await sandbox.startDaemon(waitForReady: false)
        daemons.append(last)
        // Its own READY first: the status file may still be a killed daemon's, saying all is done.
        try await last.waitForEntry("the last start's ready entry", within: .seconds(120)) { $0.messageID == MessageID.ready }
        try await waitForStatus(sandbox, "\(count) reports and nothing pending", within: .seconds(120)) { status in
            let reports = status["reports"] as? [String: Int] ?? [:]
            return reports.values.reduce(0, +) == count && status["pending"] as? Int == 0
        }
        let lastExit = await last.stop()
        #expect(lastExit == 0, "the last start ended with \(lastExit.map(String.init) ?? "?"): \(last.stderr.suffix(2000))")

        // The ledger: sound, one current judgement per file, with the right verdict and digest.
        let ledger = LedgerFile(path: sandbox.ledgerPath)
        #expect(try ledger.integrityCheck() == ["ok"])
        let rows = try ledger.rows()
        #expect(rows.count == count, "\(rows.count) rows for \(count) files")
        #expect(rows.allSatisfy { $0.isCurrent })
        var wrong: [String] = []
        for row in rows {
            guard let file = written[row.path] else { wrong.append("unknown \(row.path)"); continue }
            let expected = file.expected
            if row.verdict != expected.verdict || row.codes.split(separator: " ").map(String.init) != expected.codes
                || row.sha256 != Harness.sha256(file.data) {
                wrong.append("\(row)")
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) wrong rows, e.g. \(wrong.prefix(5))")
        #expect(Set(rows.map(\.path)) == Set(written.keys))

        // The drop folder, byte for byte, is what was written.
        let inventory = try Sandbox.inventory(sandbox.drop).filter { $0.value != "folder" }
        #expect(inventory == written.mapValues { Harness.sha256($0.data) })

        // The journal: every file at least once; a repeat only for what a killed daemon had
        // journaled but not committed, at most batch_size per crash; a committed file never again.
        var perDaemon: [[String]] = []
        var killedAfterReady = 0
        for (index, daemon) in daemons.enumerated() {
            let entries = try await Journal.entries(pid: daemon.pid, fields: ["MESSAGE_ID", "NIANBAO_FILE", "NIANBAO_VERDICT"])
            if index < kills, entries.contains(where: { $0.messageID == MessageID.ready }) { killedAfterReady += 1 }
            var files: [String] = []
            for entry in entries where entry.isJudgement {
                guard let file = entry.file else { continue }
                files.append(file)
                #expect(entry["NIANBAO_VERDICT"] == written[file]?.expected.verdict, "\(entry)")
            }
            perDaemon.append(files)
        }
        var total: [String: Int] = [:]
        for files in perDaemon { for file in files { total[file, default: 0] += 1 } }
        #expect(Set(total.keys) == Set(written.keys), "\(Set(written.keys).subtracting(total.keys).count) files never journaled")
        var repeatsPerCrash: [Int] = []
        var expectedTotal: [String: Int] = written.mapValues { _ in 1 }
        for round in 0..<kills {
            let journaled = Set(perDaemon[round])
            #expect(journaled.count == perDaemon[round].count, "round \(round): a daemon journaled a file twice")
            let repeated = journaled.subtracting(committedAfterKill[round])
            repeatsPerCrash.append(repeated.count)
            for file in repeated { expectedTotal[file, default: 0] += 1 }
            // What was committed is never judged again by a later start.
            let committedHere = journaled.intersection(committedAfterKill[round])
            for later in perDaemon[(round + 1)...] {
                let again = committedHere.intersection(later)
                #expect(again.isEmpty, "round \(round): committed files judged again later: \(again.prefix(5))")
            }
        }
        #expect(total == expectedTotal, "journal entries per file differ from 1 + the crashes that caught them uncommitted")
        #expect(repeatsPerCrash.allSatisfy { $0 <= batchSize }, "repeats per crash: \(repeatsPerCrash)")
        let judgedBeforeKill = perDaemon.prefix(kills).map(\.count)
        print("crash safety: \(count) files, \(kills) kill -9; verdicts journaled per killed daemon \(judgedBeforeKill); "
              + "repeated entries per crash \(repeatsPerCrash) (max \(repeatsPerCrash.max() ?? 0), bound \(batchSize)); "
              + "\(total.values.reduce(0, +) - count) repeats in all; \(killedAfterReady) kills after READY")
        // The kills must have landed while work was under way, or the test proves little.
        #expect(judgedBeforeKill.filter { $0 > 0 }.count >= kills / 2, "most kills came before any verdict: \(judgedBeforeKill)")
    }
}
