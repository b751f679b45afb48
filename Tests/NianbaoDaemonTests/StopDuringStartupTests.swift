import Foundation
import Glibc
import Testing

/// SIGTERM during a long start-up scan stops between batches, commits what was judged, and
/// loses nothing: the rest is judged at the next start, each file exactly once in all.
@Suite("nianbao watch: stopping during start-up")
struct StopDuringStartupTests {
    /// Lets the stopped daemon `pid` run in 10 ms slices until the ledger holds a committed row;
    /// returns how many, with the daemon stopped (0 after 60 s).
    static func firstCommit(pid: Int32, ledger: LedgerFile) async throws -> Int {
        let path = ledger.path
        return await withCheckedContinuation { (found: CheckedContinuation<Int, Never>) in
            Thread {
                let ledger = LedgerFile(path: path)
                for _ in 0..<6000 {
                    Glibc.kill(pid, SIGCONT)
                    usleep(10_000)
                    Glibc.kill(pid, SIGSTOP)
                    let committed = (try? ledger.currentCounts().count) ?? 0  // no ledger file yet: nothing committed
                    if committed > 0 { found.resume(returning: committed); return }
                }
                found.resume(returning: 0)
            }.start()
        }
    }

    @Test("a stop during the start-up scan commits the judged batch; the next start judges the rest once")
    func stopDuringStartupScan() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        // Enough files that judging them all takes the debug build many seconds: the stop must
        // land while the scan is still under way even when journalctl answers slowly.
        let count = 8000
        // Old files (mtime an hour ago), as if they had arrived while the daemon was down.
        for index in 0..<count {
            let path = sandbox.path("agency-a/r\(index).txt")
            try sandbox.write("agency-a/r\(index).txt", Reports.seed(variant: index))
            var times = [timespec(tv_sec: time(nil) - 3600, tv_nsec: 0), timespec(tv_sec: time(nil) - 3600, tv_nsec: 0)]
            #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        }
        let first = try await sandbox.startDaemon(waitForReady: false)
        first.signal(SIGSTOP)
        let ledger = LedgerFile(path: sandbox.ledgerPath)
        // Stop as soon as the first batch is committed, while the scan is under way. The daemon
        // runs only in 10 ms slices between SIGSTOPs while the ledger is read, and the slices are
        // timed by a thread of its own: a task's sleep can come seconds late while the suite's
        // parallel tests hold the cooperative threads, long enough for the daemon to finish the
        // whole scan unseen (as it once did; earlier, waiting for a first verdict in the journal
        // did the same). Found, it is left stopped: `stop` continues it with the SIGTERM.
        let seen = try await Self.firstCommit(pid: first.pid, ledger: ledger)
        #expect(seen > 0, "nothing committed within 60 s; the daemon's stderr ends: \(first.stderr.suffix(600))")
        let asked = ContinuousClock.now
        #expect(await first.stop(grace: .seconds(15)) == 0)
        let stopped = try #require(first.exitedAt)
        #expect(stopped - asked < .seconds(10), "the stop waited for the whole start-up scan")
        let committed = try ledger.currentCounts().count
        #expect(committed > 0 && committed < count, "committed \(committed) of \(count) before stopping")
        let firstCounts = try await first.judgementCounts()
        #expect(firstCounts.count == committed, "journaled \(firstCounts.count), committed \(committed)")

        let second = try await sandbox.startDaemon(waitForReady: false)
        try await second.waitForEntry("the second start's ready entry", within: .seconds(120)) { $0.messageID == MessageID.ready }
        let secondCounts = try await second.judgementCounts()
        var total = firstCounts
        for (file, times) in secondCounts { total[file, default: 0] += times }
        #expect(total.count == count)
        #expect(total.values.allSatisfy { $0 == 1 }, "a file was judged twice: \(total.filter { $0.value != 1 }.prefix(5))")
        #expect(try ledger.currentCounts().count == count)
        #expect(await second.stop() == 0)
    }
}
