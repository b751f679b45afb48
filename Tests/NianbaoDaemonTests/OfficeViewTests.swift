import Foundation
import Glibc
import Testing
import TestTools

/// The office's view on the real daemon: roster, per-agency states in the status file, the
/// Prometheus file, `nianbao agencies` beside the running daemon, `nianbao status` near the
/// deadline, the unknown-agency notice, and roster errors at start-up and on reload.
@Suite("the office's view: roster, agencies, status")
struct OfficeViewTests {
    static let unknownAgencyID = "5b0e7c2a41d94f6f9a3c8e1d27b46f05"
    static let roster = "\u{FEFF}id,name,contact\nagency-a,市水务局,张三\nagency-b,\"市教育局, 办公室\",李四\nagency-c,市财政局,\nagency-d,市卫健委,\nagency-e,市公安局,\n"

    /// A clean report of the current year without section 六: rejected (NB201).
    static func rejectedThisYear(variant: Int) -> Data {
        let text = String(decoding: Reports.accepted(variant: variant), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("六、") && !$0.contains("信息处理费") }
        return Data(lines.joined(separator: "\n").utf8)
    }

    /// Days from today (UTC+8) to 31 January of next year.
    static var daysLeft: Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        let today = calendar.startOfDay(for: Date())
        let deadline = calendar.date(from: DateComponents(year: Reports.currentYear + 1, month: 1, day: 31))!
        return calendar.dateComponents([.day], from: today, to: deadline).day!
    }

    func agencies(_ sandbox: Sandbox, _ extra: [String]) async throws -> ToolResult {
        try await Tool.run(try Harness.binary(), ["agencies", "--config", sandbox.configFile, "--state-dir", sandbox.state, "--drop", sandbox.drop] + extra,
                           in: sandbox.root)
    }

    @Test("states by agency in the status file, Prometheus, nianbao agencies and nianbao status, with a roster")
    func officeView() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let rosterFile = sandbox.root + "/roster.csv"
        try Data(Self.roster.utf8).write(to: URL(fileURLWithPath: rosterFile))
        let year = Reports.currentYear
        try sandbox.writeConfig("agencies_file = \"\(rosterFile)\"\ncollecting_year = \(year)\n")
        let prometheus = sandbox.root + "/metrics/nianbao.prom"
        let daemon = try await sandbox.startDaemon(["--prometheus-file", prometheus])

        // Before any report: every agency on the roster is missing.
        let empty = try await waitForStatus(sandbox, "agencies object") { $0["agencies"] != nil }
        #expect((empty["agencies"] as? [String: Int]) == ["year": year, "expected": 5, "submitted": 0, "accepted": 0, "accepted_with_warnings": 0,
                                                           "rejected": 0, "unreadable": 0, "missing": 5, "late": 0, "unknown": 0])

        // a accepted; b returned then resubmitted (accepted); d unreadable; e rejected; c nothing;
        // "stray" is not on the roster; agency-c has a report of 2023 only (another year).
        let files: [(String, Data)] = [
            ("agency-a/\(year)年报.txt", Reports.accepted(variant: 1)),
            ("agency-b/first.txt", Self.rejectedThisYear(variant: 2)),
            ("agency-c/2023.txt", Reports.seed(variant: 3)),
            ("agency-d/report.docx", Data()),
            ("agency-e/report.txt", Self.rejectedThisYear(variant: 4)),
            ("stray/report.txt", Reports.accepted(variant: 5)),
        ]
        for (file, data) in files { try sandbox.write(file, data) }
        _ = try await daemon.waitForJudgements(of: files.map(\.0))
        try sandbox.write("agency-b/second.txt", Reports.accepted(variant: 6))
        _ = try await daemon.waitForJudgements(of: ["agency-b/second.txt"])

        let expected: [String: Int] = ["year": year, "expected": 5, "submitted": 4, "accepted": 2, "accepted_with_warnings": 0,
                                       "rejected": 1, "unreadable": 1, "missing": 1, "late": 0, "unknown": 1]
        let status = try await waitForStatus(sandbox, "the agencies counted") { ($0["agencies"] as? [String: Int]) == expected }
        let deadline = try #require(status["deadline"] as? [String: Any])
        #expect(deadline["date"] as? String == "\(year + 1)-01-31")
        #expect(deadline["days_left"] as? Int == Self.daysLeft)

        // One notice for the unknown agency, naming it.
        let notices = try await daemon.journal().filter { $0.messageID == Self.unknownAgencyID }
        #expect(notices.count == 1 && notices.first?["NIANBAO_AGENCY"] == "stray" && notices.first?["PRIORITY"] == "5", "\(notices)")

        // Prometheus.
        let metrics: String = try await eventually("the Prometheus file with the agencies") {
            guard let text = try? String(contentsOfFile: prometheus, encoding: .utf8) else { return .notYet("no file") }
            return text.contains("nianbao_agencies{state=\"unreadable\"} 1") && text.contains("nianbao_agencies{state=\"accepted\"} 2") ? .done(text) : .notYet(text)
        }
        for line in ["nianbao_agencies{state=\"missing\"} 1", "nianbao_agencies{state=\"accepted\"} 2", "nianbao_agencies{state=\"accepted_with_warnings\"} 0",
                     "nianbao_agencies{state=\"rejected\"} 1", "nianbao_agencies{state=\"unreadable\"} 1", "nianbao_agencies_late 0",
                     "nianbao_deadline_days_left \(Self.daysLeft)"] {
            #expect(metrics.contains("\n" + line + "\n"), "\(line) in \(metrics)")
        }

        // `nianbao agencies --format json`, while the daemon runs: roster order, then the unknown agency.
        let listed = try await agencies(sandbox, ["--format", "json"])
        #expect(listed.status == 0, "\(listed)")
        let objects = listed.stdoutText.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.map { $0["agency"] as? String } == ["agency-a", "agency-b", "agency-c", "agency-d", "agency-e", "stray"])
        #expect(objects.map { $0["state"] as? String } == ["accepted", "accepted", "missing", "unreadable", "rejected", "accepted"])
        #expect(objects.map { $0["on_roster"] as? Bool } == [true, true, true, true, true, false])
        #expect(objects.allSatisfy { $0["late"] as? Bool == false && $0["year"] as? Int == year })
        let b = objects[1], c = objects[2], e = objects[4]
        #expect(b["name"] as? String == "市教育局, 办公室" && b["file"] as? String == "agency-b/second.txt" && b["verdict"] as? String == "accepted")
        #expect((b["roster"] as? [String: String]) == ["contact": "李四"])
        #expect(c["file"] is NSNull && c["verdict"] is NSNull && c["codes"] is NSNull && c["arrived_at"] is NSNull)
        #expect((e["codes"] as? [String])?.contains("NB201") == true && (e["arrived_at"] as? String)?.hasSuffix("Z") == true)
        #expect(objects[0]["file"] as? String == "agency-a/\(year)年报.txt")

        // --state, text and CSV.
        let missing = try await agencies(sandbox, ["--format", "json", "--state", "missing"])
        #expect(missing.stdoutText.split(separator: "\n").count == 1 && missing.stdoutText.contains("\"agency\":\"agency-c\""), "\(missing)")
        let unknown = try await agencies(sandbox, ["--format", "json", "--state", "unknown"])
        #expect(unknown.stdoutText.split(separator: "\n").count == 1 && unknown.stdoutText.contains("\"agency\":\"stray\""), "\(unknown)")
        let text = try await agencies(sandbox, [])
        #expect(text.status == 0)
        let textLines = text.stdoutText.split(separator: "\n").map(String.init)
        #expect(textLines.count == 2 + 6, "\(text)")
        #expect(textLines[0].hasPrefix("\(year)年度报告，报送截止\(year + 1)-01-31（还有\(Self.daysLeft)天"), "\(textLines[0])")
        #expect(textLines[1].hasPrefix("应报5，已报4，未报1，退回1，无法读取1，逾期0，名册外1"), "\(textLines[1])")
        #expect(textLines[4].hasPrefix("agency-c  市财政局") && textLines[4].contains("未报送 missing"), "\(textLines[4])")
        #expect(textLines[7].contains("stray") && textLines[7].contains("名册外 unknown"), "\(textLines[7])")
        // Aligned: the state column starts at the same terminal column on every line.
        let stateColumns = textLines[2...].map { line -> Int? in
            let starts = ["未报送", "通过", "退回", "无法读取"].compactMap { line.range(of: "  " + $0)?.lowerBound }
            guard let start = starts.min() else { return nil }
            return line[..<start].unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) }
        }
        #expect(Set(stateColumns).count == 1 && stateColumns.first! != nil, "\(stateColumns): \(text.stdoutText)")
        let csv = try await agencies(sandbox, ["--format", "csv"])
        #expect(csv.stdout.starts(with: [0xEF, 0xBB, 0xBF]))
        let csvLines = csv.stdoutText.dropFirst().components(separatedBy: "\r\n")
        #expect(csvLines[0] == "agency,name,state,late,year,file,verdict,codes,arrived_at,on_roster,contact")
        #expect(csvLines[2].hasPrefix("agency-b,\"市教育局, 办公室\",accepted,false,\(year),agency-b/second.txt,accepted,,"), "\(csvLines[2])")
        #expect(csvLines[3] == "agency-c,市财政局,missing,false,\(year),,,,,true,")

        // Another year: agency-c's 2023 report, late (it arrived after 31 January 2024).
        let old = try await agencies(sandbox, ["--format", "json", "--year", "2023", "--state", "accepted_with_warnings"])
        #expect(old.stdoutText.contains("\"agency\":\"agency-c\"") && old.stdoutText.contains("\"late\":true") && old.stdoutText.split(separator: "\n").count == 1, "\(old)")

        // `nianbao status`: WARNING once the deadline is within warn_days_before_deadline and agencies are missing.
        for (warnDays, exitCode) in [(Self.daysLeft, Int32(1)), (Self.daysLeft - 1, Int32(0))] {
            let config = sandbox.root + "/status-\(warnDays).toml"
            try Data("warn_days_before_deadline = \(warnDays)\n".utf8).write(to: URL(fileURLWithPath: config))
            let check = try await Tool.run(try Harness.binary(), ["status", "--status-file", sandbox.statusFile, "--config", config], in: sandbox.root)
            #expect(check.status == exitCode, "\(check)")
            if exitCode == 1 {
                #expect(check.stdoutText.hasPrefix("NIANBAO WARNING - 1 agency has not reported for \(year), deadline in \(Self.daysLeft) days;"), "\(check)")
            } else {
                #expect(check.stdoutText.hasPrefix("NIANBAO OK - "), "\(check)")
            }
        }

        // Reload with a broken roster: refused, naming the line; the old roster stays.
        try Data("id,name\nagency-a,甲\nagency-a,乙\n".utf8).write(to: URL(fileURLWithPath: rosterFile))
        daemon.signal(SIGHUP)
        let refused = try await daemon.waitForEntry("the roster refused") { $0.messageID == MessageID.reloadRefused }
            .first { $0.messageID == MessageID.reloadRefused }!
        #expect(refused["MESSAGE"]?.contains("line 3") == true && refused["MESSAGE"]?.contains("duplicate id 'agency-a'") == true, "\(refused)")
        try sandbox.write("agency-c/\(year).txt", Reports.accepted(variant: 7))
        _ = try await daemon.waitForJudgements(of: ["agency-c/\(year).txt"])
        var afterRefusal = expected
        afterRefusal["submitted"] = 5; afterRefusal["missing"] = 0; afterRefusal["accepted"] = 3
        _ = try await waitForStatus(sandbox, "the old roster still in force") { ($0["agencies"] as? [String: Int]) == afterRefusal }

        // A good roster: applied at once (stray is now on it, agency-f is new and missing).
        try Data((Self.roster + "stray,新机构,\nagency-f,市民政局,\n").utf8).write(to: URL(fileURLWithPath: rosterFile))
        daemon.signal(SIGHUP)
        var afterReload = afterRefusal
        afterReload["expected"] = 7; afterReload["submitted"] = 6; afterReload["accepted"] = 4; afterReload["missing"] = 1; afterReload["unknown"] = 0
        _ = try await waitForStatus(sandbox, "the new roster applied") { ($0["agencies"] as? [String: Int]) == afterReload }
        #expect(await daemon.stop() == 0)

        // Nothing in the drop folder changed.
        let inventory = try Sandbox.inventory(sandbox.drop)
        #expect(inventory["agency-a/\(year)年报.txt"] == Harness.sha256(files[0].1))
    }

    @Test("a roster with an error stops the start-up with a message naming the line")
    func brokenRosterAtStartUp() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let rosterFile = sandbox.root + "/roster.csv"
        try Data("id,name\nagency-a,甲\n,乙\n".utf8).write(to: URL(fileURLWithPath: rosterFile))
        let daemon = try await sandbox.startDaemon(["--agencies-file", rosterFile], waitForReady: false)
        let exited: Int32 = try await eventually("the daemon to exit") { daemon.exitStatus.map { .done($0) } ?? .notYet("running") }
        #expect(exited == 1)
        #expect(daemon.stderr.contains("roster error in \(rosterFile), line 3: the id is empty"), "\(daemon.stderr)")
        #expect(daemon.stderr.contains("第3行"), "\(daemon.stderr)")

        // `nianbao agencies` refuses it the same way.
        let listed = try await agencies(sandbox, ["--agencies-file", rosterFile])
        #expect(listed.status == 1 && listed.stderrText.contains("line 3: the id is empty"), "\(listed)")
    }

    @Test("without a roster the agencies are the sub-folders seen, with or without reports; no ledger yet is no report")
    func withoutRoster() async throws {
        let sandbox = try Sandbox()
        try FileManager.default.createDirectory(atPath: sandbox.drop + "/agency-z", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: sandbox.drop + "/.hidden", withIntermediateDirectories: true)
        let listed = try await agencies(sandbox, ["--format", "json", "--year", "2026"])
        #expect(listed.status == 0, "\(listed)")
        let objects = listed.stdoutText.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.count == 1 && objects.first?["agency"] as? String == "agency-z" && objects.first?["state"] as? String == "missing"
                && objects.first?["on_roster"] as? Bool == false, "\(listed)")
        let usage = try await agencies(sandbox, ["--state", "lost"])
        #expect(usage.status == 64, "\(usage)")
    }
}
