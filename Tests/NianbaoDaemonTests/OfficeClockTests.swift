import Foundation
import Glibc
import NianbaoFiles
import NianbaoSystemd
import Testing
@testable import NianbaoDaemon

/// The processing loop's office view, in-process, with the office's clock moved by hand (as
/// swift-nio's EmbeddedEventLoop does): the countdown moves at midnight without any arrival;
/// a judged batch reaches the registered outputs.
@Suite("the office's view: the countdown, with the clock moved by hand")
struct OfficeClockTests {
    final class ManualClock: @unchecked Sendable {
        var milliseconds: Int64
        init(_ iso: String) { milliseconds = Self.ms(iso) }
        static func ms(_ iso: String) -> Int64 { Int64(ISO8601DateFormatter().date(from: iso)!.timeIntervalSince1970 * 1000) }
    }

    /// The files each batch delivered, batch by batch.
    final class Recorder: @unchecked Sendable { var files: [[String]] = []; var batch: [String] = [] }

    struct RecordingOutput: VerdictOutput {
        let recorder: Recorder
        func deliver(_ judgement: Judgement, journal: DaemonJournal) { recorder.batch.append(judgement.file) }
        func batchDone() {
            if !recorder.batch.isEmpty { recorder.files.append(recorder.batch) }
            recorder.batch = []
        }
    }

    @Test func theCountdownMovesAtMidnightOfficeTimeWithoutArrivals() throws {
        var template = Array("/tmp/nbo-XXXXXX".utf8CString)
        let root = String(cString: try #require(mkdtemp(&template)))
        defer { try? FileManager.default.removeItem(atPath: root) }
        var configuration = DaemonConfiguration()
        configuration.drop = root + "/drop"
        configuration.stateDirectory = root + "/state"
        configuration.statusFile = root + "/status.json"
        configuration.resultsDirectory = root + "/results"
        configuration.collectingYear = Reports.currentYear
        configuration.safetyRescanSeconds = 0
        try FileManager.default.createDirectory(atPath: configuration.drop + "/water", withIntermediateDirectories: true)
        let quiet = open("/dev/null", O_WRONLY)
        defer { close(quiet) }
        let journal = DaemonJournal(writer: JournalWriter(socketPath: root + "/no-journal", fallbackFD: quiet))
        // 24 January of next year, 23:59:30 in Beijing: 7 days to the deadline of 31 January.
        let clock = ManualClock("\(Reports.currentYear + 1)-01-24T15:59:30Z")
        // The office's countdown reads the loop's wall clock; its timers keep the system's.
        let loopClock = LoopClock(monotonicNanoseconds: LoopClock.system.monotonicNanoseconds,
                                  wallMilliseconds: { clock.milliseconds }, pause: LoopClock.system.pause)
        var state = try LoopState.start(configuration: configuration, environment: [:], journal: journal, notifier: SystemdNotifier(),
                                        clock: loopClock)
        defer { state.shutDown() }

        func written() throws -> (daysLeft: Int?, page: String) {
            let status = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: root + "/status.json"))) as? [String: Any]
            let page = try String(contentsOfFile: root + "/results/index.html", encoding: .utf8)
            return ((status?["deadline"] as? [String: Any])?["days_left"] as? Int, page)
        }

        state.publishStatus(force: true)
        var now = try written()
        #expect(now.daysLeft == 7 && now.page.contains("data-days-left=\"7\""), "\(now.daysLeft as Any)")
        #expect((state.status.agencies?.missing, state.status.agencies?.expected) == (1, 1))

        // 29 seconds later, still the 24th: nothing recomputed.
        clock.milliseconds += 29_000
        state.publishStatus(force: true)
        #expect(try written().daysLeft == 7)

        // Midnight in Beijing (16:00 UTC): the countdown moves, status and page alike.
        clock.milliseconds += 1_000
        state.publishStatus(force: true)
        now = try written()
        #expect(now.daysLeft == 6 && now.page.contains("data-days-left=\"6\""), "\(now.daysLeft as Any)")

        // A report arrives: it reaches every registered output once, after the ledger
        // (VerdictOutput), and the office's view follows at the next status write.
        let recorder = Recorder()
        state.outputs.append(RecordingOutput(recorder: recorder))
        try Reports.accepted(variant: 1).write(to: URL(fileURLWithPath: configuration.drop + "/water/report.txt"))
        state.handle([.fileCompleted(try #require(RelativePath("water/report.txt")))])
        state.processQueue(duringStartup: false)
        #expect(recorder.files == [["water/report.txt"]])
        #expect(try state.ledger.current(path: "water/report.txt")?.verdict == "accepted")
        #expect(FileManager.default.fileExists(atPath: root + "/results/water/report.txt.nianbao.txt"))
        state.publishStatus(force: true)
        #expect((state.status.agencies?.missing, state.status.agencies?.expected) == (0, 1))

        // Past the deadline: negative, and the page says how long ago.
        clock.milliseconds = ManualClock.ms("\(Reports.currentYear + 1)-02-02T01:00:00Z")
        state.publishStatus(force: true)
        now = try written()
        #expect(now.daysLeft == -2 && now.page.contains("已过报送截止2天"), "\(now.daysLeft as Any)")
    }
}
