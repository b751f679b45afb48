import Foundation
import Glibc
import GRDB
import Testing

/// A file found by the start-up scan arrived while the daemon was stopped: after its last known
/// moment, before the start. Its mtime is no witness (Samba, Explorer, `cp -p`, `rsync -t` and
/// unzip keep the original's, and a client can set any), so it must not decide NB506.
@Suite("nianbao watch: arrival of files found at start-up")
struct StartupArrivalTests {
    /// `arrived_at` and the NB506 finding's messages of the current row of `path`.
    static func arrival(_ ledgerPath: String, _ path: String) throws -> (arrivedAtMs: Int64, nb506: [String]) {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: ledgerPath, configuration: configuration)
        defer { try? queue.close() }
        let row = try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT arrived_at, findings_json FROM judgement WHERE path = ? AND is_current = 1", arguments: [path])
        }
        guard let row else { throw HarnessFailure("no current row for \(path)") }
        let findings = try JSONSerialization.jsonObject(with: Data((row[1] as String).utf8)) as? [[String: Any]] ?? []
        let nb506 = findings.filter { $0["code"] as? String == "NB506" }.flatMap { finding in
            finding.compactMap { $0.key.hasPrefix("message") ? $0.value as? String : nil }
        }
        return (row[0], nb506)
    }

    @Test("a late report copied in with its old mtime (cp -p) while the daemon is stopped gets NB506, saying so; an mtime of 1970 is not its arrival")
    func oldMtimeWhileStopped() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let first = try await sandbox.startDaemon()
        try sandbox.write("agency-a/first.txt", Reports.note("first"))
        try await first.waitForJudgements(of: ["agency-a/first.txt"])
        #expect(await first.stop() == 0)
        let stoppedAt = Int64(Date().timeIntervalSince1970 * 1000)

        // While stopped: the seed (a 2023 report, due 2024-01-31, so late now) with the mtime of
        // 2023-06-01 that `cp -p` keeps, and another with the mtime 0 (1970) a client may set.
        let files: [(String, Data, time_t)] = [("agency-a/2023.txt", Reports.seed, 1_685_577_600),
                                               ("agency-b/2023.txt", Reports.seed(variant: 1), 0)]
        for (file, data, mtime) in files {
            try sandbox.write(file, data)
            var times = [timespec(tv_sec: mtime, tv_nsec: 0), timespec(tv_sec: mtime, tv_nsec: 0)]
            try #require(utimensat(AT_FDCWD, sandbox.path(file), &times, 0) == 0)
        }
        let second = try await sandbox.startDaemon()
        let startedAt = Int64(Date().timeIntervalSince1970 * 1000)
        let found = try await second.waitForJudgements(of: files.map(\.0))
        for (file, data, _) in files {
            // Late, as it would have been had the daemon been running when it arrived.
            expectJudgement(found[file]!, Reports.expectSeed(file, data))
            let (arrivedAt, nb506) = try Self.arrival(sandbox.ledgerPath, file)
            #expect(arrivedAt >= stoppedAt - 60_000 && arrivedAt <= startedAt, "\(file) arrived at \(arrivedAt), stopped \(stoppedAt), started \(startedAt)")
            #expect(nb506.contains { $0.contains("stopped") }, "\(file): \(nb506)")
            #expect(nb506.contains { $0.contains("停止期间") }, "\(file): \(nb506)")
        }
        #expect(await second.stop() == 0)
    }
}
