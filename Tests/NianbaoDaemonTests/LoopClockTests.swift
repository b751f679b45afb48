import Foundation
import Glibc
import NianbaoFiles
import NianbaoSystemd
import Testing
@testable import NianbaoDaemon

/// The processing loop's timers in-process, with its clock (`LoopClock`) moved by hand as
/// swift-nio's EmbeddedEventLoop does: each step moves the time, then runs one turn of the loop
/// (`runDueWork`, what the loop does after each wake-up). Nothing here sleeps.
@Suite("the loop's timers, with its clock moved by hand")
struct LoopClockTests {
    /// A started loop on a real drop folder, ledger and status file, with a manual clock.
    struct Loop {
        let root: String
        let clock: ManualLoopClock
        var state: LoopState
        let journalSink: Int32

        init(batchSize: Int? = nil) throws {
            var template = Array("/tmp/nbl-XXXXXX".utf8CString)
            root = String(cString: try #require(mkdtemp(&template)))
            var configuration = DaemonConfiguration()
            configuration.drop = root + "/drop"
            configuration.stateDirectory = root + "/state"
            configuration.statusFile = root + "/status.json"
            configuration.safetyRescanSeconds = 0
            if let batchSize { configuration.batchSize = batchSize }
            try FileManager.default.createDirectory(atPath: configuration.drop + "/water", withIntermediateDirectories: true)
            journalSink = open("/dev/null", O_WRONLY)
            let journal = DaemonJournal(writer: JournalWriter(socketPath: root + "/no-journal", fallbackFD: journalSink))
            // A whole second of wall time, so that `updated_at` (whole seconds) tells writes apart.
            clock = ManualLoopClock(wallMilliseconds: Int64(Date().timeIntervalSince1970) * 1000)
            state = try LoopState.start(configuration: configuration, environment: [:], journal: journal, notifier: SystemdNotifier(),
                                        clock: clock.loopClock)
        }

        mutating func finish() {
            state.shutDown()
            close(journalSink)
            try? FileManager.default.removeItem(atPath: root)
        }

        mutating func turn() { state.runDueWork(shouldStop: { false }) }

        /// Writes a report with the given mtime (Unix milliseconds).
        func drop(_ name: String, _ data: Data, mtimeMs: Int64? = nil) throws -> RelativePath {
            let path = root + "/drop/" + name
            try data.write(to: URL(fileURLWithPath: path))
            if let mtimeMs {
                var times = [timespec(tv_sec: Int(mtimeMs / 1000), tv_nsec: Int(mtimeMs % 1000) * 1_000_000),
                             timespec(tv_sec: Int(mtimeMs / 1000), tv_nsec: Int(mtimeMs % 1000) * 1_000_000)]
                #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
            }
            return try #require(RelativePath(name))
        }

        func status() throws -> [String: Any] {
            try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: root + "/status.json"))) as? [String: Any])
        }
    }

    @Test func aFileFoundByAScanIsJudgedRightAfterTheQuietPeriodAndNotBefore() throws {
        var loop = try Loop()
        defer { loop.finish() }
        let startNs = loop.clock.monotonicNanoseconds
        let startMs = loop.clock.wallMilliseconds
        // Written just now, and found by a scan (no close event vouches that it is complete).
        let path = try loop.drop("water/report.txt", Reports.accepted(variant: 1), mtimeMs: startMs)
        loop.state.fullScan(.safety)
        loop.turn()
        #expect(try loop.state.ledger.current(path: "water/report.txt") == nil)
        #expect(loop.state.retries[path] == startNs + Judge.quietMilliseconds * 1_000_000)
        #expect(loop.state.queue.isEmpty && loop.state.retries.count == 1)

        // 1 ms short of the quiet period: still waiting, not even read again.
        loop.clock.advance(milliseconds: Judge.quietMilliseconds - 1)
        loop.turn()
        #expect(try loop.state.ledger.current(path: "water/report.txt") == nil)
        #expect(loop.state.retries[path] == startNs + Judge.quietMilliseconds * 1_000_000)
        #expect(loop.state.millisecondsUntilNextTimer() == 1)

        // The quiet period is over: judged at this turn, at this moment of the wall clock.
        loop.clock.advance(milliseconds: 1)
        loop.turn()
        let record = try #require(try loop.state.ledger.current(path: "water/report.txt"))
        #expect(record.verdict == "accepted")
        #expect(record.judgedAtUnixMs == startMs + Judge.quietMilliseconds)
        #expect(loop.state.retries[path] == nil && loop.state.queue.isEmpty)
    }

    @Test func aFileWrittenToDuringTheQuietPeriodWaitsAQuietPeriodFromItsLastWrite() throws {
        var loop = try Loop()
        defer { loop.finish() }
        let startMs = loop.clock.wallMilliseconds
        let path = try loop.drop("water/report.txt", Reports.accepted(variant: 1), mtimeMs: startMs)
        loop.state.fullScan(.safety)
        loop.turn()
        // Written to again 1.5 s later: at the end of the first quiet period it is 0.5 s old.
        _ = try loop.drop("water/report.txt", Reports.accepted(variant: 2), mtimeMs: startMs + 1500)
        loop.clock.advance(milliseconds: Judge.quietMilliseconds)
        loop.turn()
        #expect(try loop.state.ledger.current(path: "water/report.txt") == nil)
        #expect(loop.state.retries[path] == loop.clock.monotonicNanoseconds + 1_500_000_000)
        loop.clock.advance(milliseconds: 1499)
        loop.turn()
        #expect(try loop.state.ledger.current(path: "water/report.txt") == nil)
        loop.clock.advance(milliseconds: 1)
        loop.turn()
        #expect(try loop.state.ledger.current(path: "water/report.txt")?.sha256 == Harness.sha256(Reports.accepted(variant: 2)))
        #expect(loop.state.retries[path] == nil)
    }

    @Test func theStatusFileIsRewrittenAtTheRefreshIntervalWithoutArrivals() throws {
        var loop = try Loop()
        defer { loop.finish() }
        let startMs = loop.clock.wallMilliseconds
        let written = try loop.status()["updated_at_unix"] as? Int
        #expect(written == Int(startMs / 1000))
        let refreshMs = LoopState.statusRefreshNs / 1_000_000

        // Nothing arrives; 1 ms before the minute is up the file is as written at the start
        // (rewritten, it would say a second 59 s later).
        loop.clock.advance(milliseconds: refreshMs - 1)
        loop.turn()
        #expect(try loop.status()["updated_at_unix"] as? Int == written)
        #expect(loop.state.millisecondsUntilNextTimer() == 1)

        loop.clock.advance(milliseconds: 1)
        loop.turn()
        #expect(try loop.status()["updated_at_unix"] as? Int == Int((startMs + refreshMs) / 1000))
        #expect(loop.state.millisecondsUntilNextTimer() == Int32(refreshMs))

        // And again a minute later.
        loop.clock.advance(milliseconds: refreshMs)
        loop.turn()
        #expect(try loop.status()["updated_at_unix"] as? Int == Int((startMs + 2 * refreshMs) / 1000))
    }

    @Test func aBurstsStatusWritesAreCoalesced() throws {
        var loop = try Loop(batchSize: 1)
        defer { loop.finish() }
        var events: [DropEvent] = []
        for variant in 1...6 {
            events.append(.fileCompleted(try loop.drop("water/report-\(variant).txt", Reports.accepted(variant: variant))))
        }
        loop.state.handle(events)
        // One file per batch, 30 ms apart: the status file is written once 100 ms have passed
        // since the last write (at the start), not after every batch.
        var seen: [Int] = []
        for _ in 1...6 {
            loop.state.processBatch()
            seen.append(try loop.status()["judged_since_start"] as? Int ?? -1)
            loop.clock.advance(milliseconds: 30)
        }
        #expect(seen == [0, 0, 0, 0, 5, 5])
        // The burst is over (180 ms, last write at 120 ms): the rest is written 100 ms after that write.
        loop.turn()
        #expect(try loop.status()["judged_since_start"] as? Int == 5)
        #expect(loop.state.millisecondsUntilNextTimer() == 40)
        loop.clock.advance(milliseconds: 40)
        loop.turn()
        let status = try loop.status()
        #expect(status["judged_since_start"] as? Int == 6)
        #expect((status["reports"] as? [String: Any])?["accepted"] as? Int == 6)
    }
}
