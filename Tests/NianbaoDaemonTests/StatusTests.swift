import Foundation
import Testing

/// The status file of `interfaces.md`, the Prometheus file, and `nianbao status` for monitoring.
@Suite("nianbao watch: status file, Prometheus file, nianbao status")
struct StatusTests {
    static var iso8601: Regex<Substring> { #/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/# }

    @Test("the status file has every field of interfaces.md, counts by verdict, and the last verdict")
    func statusFile() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let prometheus = sandbox.root + "/metrics/nianbao.prom"
        let before = Int(Date().timeIntervalSince1970)
        let daemon = try await sandbox.startDaemon(["--prometheus-file", prometheus])

        // Before any report: all counts 0, state ok, written before READY.
        let empty = try #require(try sandbox.status(), "no status file at READY")
        #expect(empty["state"] as? String == "ok")
        #expect((empty["reports"] as? [String: Int]) == ["accepted": 0, "accepted_with_warnings": 0, "rejected": 0, "unreadable": 0])
        #expect(empty["pending"] as? Int == 0)
        #expect(empty["drop"] as? String == sandbox.drop)
        let startedAt = try #require(empty["started_at"] as? String)
        #expect(startedAt.wholeMatch(of: Self.iso8601) != nil, "started_at \(startedAt)")

        let files: [(String, Data, ExpectedJudgement)] = {
            let accepted = Reports.accepted(), warned = Reports.seed(variant: 1), rejected = Reports.rejected(variant: 2), empty = Data()
            return [
                ("agency-a/accepted.txt", accepted, Reports.expectAccepted("agency-a/accepted.txt", accepted)),
                ("agency-a/warned.txt", warned, Reports.expectSeed("agency-a/warned.txt", warned)),
                ("agency-b/rejected.txt", rejected, Reports.expectRejected("agency-b/rejected.txt", rejected)),
                ("agency-b/empty.docx", empty, ExpectedJudgement(file: "agency-b/empty.docx", agency: "agency-b", verdict: "unreadable",
                                                                 codes: ["NB103"], errors: 1, warnings: 0, year: nil,
                                                                 sha256: Harness.sha256(empty))),
            ]
        }()
        for (file, data, _) in files { try sandbox.write(file, data) }
        let found = try await daemon.waitForJudgements(of: files.map(\.0))
        for (file, _, expected) in files { expectJudgement(found[file]!, expected) }
        let lastFile = try #require(try await daemon.judgements().last?.file)
        let lastVerdict = files.first { $0.0 == lastFile }!.2.verdict

        let status = try await waitForStatus(sandbox, "four verdicts counted") {
            ($0["reports"] as? [String: Int]) == ["accepted": 1, "accepted_with_warnings": 1, "rejected": 1, "unreadable": 1]
        }
        #expect(Set(status.keys).isSuperset(of: ["state", "summary", "updated_at", "updated_at_unix", "started_at", "drop", "pending", "reports", "last"]))
        #expect(status["state"] as? String == "ok")
        #expect(status["pending"] as? Int == 0)
        #expect(status["drop"] as? String == sandbox.drop)
        #expect(status["started_at"] as? String == startedAt)
        let updatedAt = try #require(status["updated_at"] as? String)
        #expect(updatedAt.wholeMatch(of: Self.iso8601) != nil, "updated_at \(updatedAt)")
        let updatedUnix = try #require(status["updated_at_unix"] as? Int)
        #expect(updatedUnix >= before && updatedUnix <= Int(Date().timeIntervalSince1970) + 1)
        #expect(updatedAt == Self.iso(updatedUnix), "updated_at and updated_at_unix disagree")
        let last = try #require(status["last"] as? [String: Any])
        #expect(last["file"] as? String == lastFile)
        #expect(last["verdict"] as? String == lastVerdict)
        #expect((last["at"] as? String)?.wholeMatch(of: Self.iso8601) != nil)
        let summary = try #require(status["summary"] as? String)
        #expect(summary.contains("1 rejected") && summary.contains("1 unreadable") && summary.contains("of 4"), "summary: \(summary)")
        #expect(summary.contains("last: \(lastFile) \(lastVerdict)"), "summary: \(summary)")
        // Replaced atomically: nothing but the status file is left in its folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.root + "/run") == ["status.json"])

        // The Prometheus textfile has the same figures.
        let metrics: String = try await eventually("the Prometheus file with four reports") {
            guard let text = try? String(contentsOfFile: prometheus, encoding: .utf8) else { return .notYet("no file") }
            return text.contains("nianbao_reports{verdict=\"unreadable\"} 1") ? .done(text) : .notYet(text)
        }
        for verdict in ["accepted", "accepted_with_warnings", "rejected", "unreadable"] {
            #expect(metrics.contains("\nnianbao_reports{verdict=\"\(verdict)\"} 1\n"), "\(verdict) in \(metrics)")
        }
        #expect(metrics.contains("\nnianbao_pending 0\n"))
        #expect(metrics.contains("\nnianbao_state 0\n"))
        #expect(metrics.contains("# TYPE nianbao_reports gauge"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.root + "/metrics") == ["nianbao.prom"])

        // `nianbao status` on the live file: OK, with perfdata.
        let check = try await sandbox.statusCommand()
        #expect(check.status == 0, "\(check)")
        #expect(check.stdoutText.hasPrefix("NIANBAO OK - "), "\(check)")
        #expect(check.stdoutText.contains("| accepted=1 accepted_with_warnings=1 rejected=1 unreadable=1 pending=0"), "\(check)")

        // The counts come from the ledger: they survive a restart.
        #expect(await daemon.stop() == 0)
        let again = try await sandbox.startDaemon(["--prometheus-file", prometheus])
        let restarted = try #require(try sandbox.status())
        #expect((restarted["reports"] as? [String: Int]) == ["accepted": 1, "accepted_with_warnings": 1, "rejected": 1, "unreadable": 1])
        #expect(restarted["started_at"] as? String != nil)
        #expect(await again.stop() == 0)
    }

    @Test("nianbao status: 0 OK, 1 WARNING, 2 CRITICAL or stale, 3 UNKNOWN when missing or unreadable")
    func statusExitCodes() async throws {
        let sandbox = try Sandbox()
        let now = Int(Date().timeIntervalSince1970)
        func statusFile(state: String, updated: Int) -> Data {
            let object: [String: Any] = [
                "state": state, "summary": "2 reports, none rejected", "updated_at": Self.iso(updated), "updated_at_unix": updated,
                "started_at": Self.iso(now - 100), "drop": sandbox.drop, "pending": 0,
                "reports": ["accepted": 1, "accepted_with_warnings": 1, "rejected": 0, "unreadable": 0],
            ]
            return try! JSONSerialization.data(withJSONObject: object)
        }
        let cases: [(String, Data?, Int32, String)] = [
            ("ok", statusFile(state: "ok", updated: now), 0, "NIANBAO OK"),
            ("warning", statusFile(state: "warning", updated: now), 1, "NIANBAO WARNING"),
            ("critical", statusFile(state: "critical", updated: now), 2, "NIANBAO CRITICAL"),
            ("stale", statusFile(state: "ok", updated: now - 3600), 2, "NIANBAO CRITICAL"),
            ("garbage", Data("{not json".utf8), 3, "NIANBAO UNKNOWN"),
            ("missing", nil, 3, "NIANBAO UNKNOWN"),
        ]
        for (name, contents, code, prefix) in cases {
            let path = sandbox.root + "/status-\(name).json"
            if let contents { try contents.write(to: URL(fileURLWithPath: path)) }
            let result = try await sandbox.statusCommand(path)
            #expect(result.status == code, "\(name): \(result)")
            #expect(result.stdoutText.hasPrefix(prefix), "\(name): \(result)")
            #expect(result.stdoutText.split(separator: "\n").count == 1, "\(name): one line: \(result)")
        }
    }

    static func iso(_ unix: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(unix)))
    }
}
