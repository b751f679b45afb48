import Foundation
import Glibc
import Testing

/// IN_Q_OVERFLOW: events were lost; a full rescan against the ledger must still judge every file once.
@Suite("nianbao watch: inotify queue overflow")
struct OverflowTests {
    @Test("SIGSTOP, more files than the inotify queue holds, SIGCONT: an overflow entry, every file judged exactly once",
          .timeLimit(.minutes(3)))
    func overflow() async throws {
        try Journal.requirePrivateJournald()
        let queueLimit = Int((try String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8))
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 16384
        // Each file is IN_CREATE + IN_CLOSE_WRITE: twice as many events as files, and then some.
        let count = queueLimit + 616
        let agencies = ["agency-0", "agency-1", "agency-2", "agency-3"]
        let sandbox = try Sandbox()
        let daemon = try await sandbox.startDaemon()
        // The agency folders exist and are watched before the daemon stops: a probe in each is judged.
        let probes = agencies.map { "\($0)/probe.txt" }
        for (index, probe) in probes.enumerated() { try sandbox.write(probe, Reports.note("probe \(index)")) }
        try await daemon.waitForJudgements(of: probes)

        daemon.signal(SIGSTOP)
        var files: [String] = []
        files.reserveCapacity(count)
        for index in 0..<count {
            let file = "\(agencies[index % agencies.count])/f\(index).txt"
            // Tiny files: most empty (NB103), every 97th a line of text (rejected), all distinct paths.
            try sandbox.write(file, index % 97 == 0 ? Reports.note("tiny \(index)") : Data())
            files.append(file)
        }
        daemon.signal(SIGCONT)

        let total = count + probes.count
        try await waitForStatus(sandbox, "\(total) reports and nothing pending", within: .seconds(150)) { status in
            let reports = status["reports"] as? [String: Int] ?? [:]
            return reports.values.reduce(0, +) == total && status["pending"] as? Int == 0
        }
        let entries = try await Journal.entries(pid: daemon.pid, fields: ["MESSAGE_ID", "NIANBAO_FILE", "NIANBAO_VERDICT"])
        #expect(entries.contains { $0.messageID == MessageID.overflowRescan }, "no overflow entry (MESSAGE_ID \(MessageID.overflowRescan))")
        var perFile: [String: Int] = [:]
        for entry in entries where entry.isJudgement { perFile[entry.file ?? "?", default: 0] += 1 }
        let missing = (files + probes).filter { perFile[$0] == nil }
        let repeated = perFile.filter { $0.value > 1 }
        #expect(missing.isEmpty, "\(missing.count) files never judged, e.g. \(missing.prefix(5))")
        #expect(repeated.isEmpty, "\(repeated.count) files judged more than once, e.g. \(repeated.prefix(5))")
        #expect(perFile.count == total, "stderr: \(daemon.stderr.split(separator: "\n").count) lines, ends: \(daemon.stderr.suffix(800))")

        let rows = try LedgerFile(path: sandbox.ledgerPath).rows()
        #expect(rows.count == total, "ledger rows")
        #expect(Set(rows.map(\.path)).count == total)
        #expect(rows.allSatisfy { $0.isCurrent })
        #expect(await daemon.stop() == 0)
    }
}
