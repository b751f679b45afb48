import Foundation
import GRDB
import NianbaoCore
import Testing
import TestTools

/// Receipts an agency can quote, and re-checks when the rules change (issue 16, items 4 and 5):
/// the real daemon, its real SQLite ledger (changed here with the test's own SQLite access, as
/// an older nianbao would have left it) and the verdicts read back from journald.
@Suite("nianbao watch: receipts and re-checks under newer rules")
struct ReceiptRecheckTests {
    /// The test's own view of the ledger's rows.
    struct Row: Equatable {
        var path: String, receipt: String?, verdict: String, rulesVersion: Int, size: Int64, sha256: String, arrivedAt: Int64
    }

    static func currentRows(_ sandbox: Sandbox) throws -> [String: Row] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: sandbox.ledgerPath, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            var rows: [String: Row] = [:]
            for row in try GRDB.Row.fetchAll(db, sql: """
                SELECT path, receipt, verdict, rules_version, size, sha256, arrived_at FROM judgement WHERE is_current = 1
                """) {
                rows[row[0]] = Row(path: row[0], receipt: row[1], verdict: row[2], rulesVersion: row[3], size: row[4], sha256: row[5], arrivedAt: row[6])
            }
            return rows
        }
    }

    /// Changes the stopped daemon's ledger as a test: SQL run in one transaction.
    static func rewriteLedger(_ sandbox: Sandbox, _ sql: String, _ arguments: StatementArguments = []) throws {
        let queue = try DatabaseQueue(path: sandbox.ledgerPath)
        try queue.write { db in try db.execute(sql: sql, arguments: arguments) }
        try queue.close()
    }

    static func officeTime(_ milliseconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds / 1000))) + " (UTC+8)"
    }

    static let files = ["agency-a/2023.txt": Reports.seed, "agency-b/2023.txt": Reports.rejected(variant: 1),
                        "agency-c/report.txt": Reports.accepted(variant: 2)]

    /// Starts a daemon, lets it judge `files`, stops it.
    static func judgeOnce(_ sandbox: Sandbox, results: String) async throws {
        let daemon = try await sandbox.startDaemon(["--results-dir", results])
        for (file, data) in files { try sandbox.renameIntoPlace(file, data) }
        try await daemon.waitForJudgements(of: Array(files.keys))
        #expect(await daemon.stop() == 0)
    }

    @Test("each judged file version has a receipt: in the journal, first in the results folder, and again from `nianbao receipt`")
    func receipts() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let results = sandbox.root + "/results"
        let daemon = try await sandbox.startDaemon(["--results-dir", results])
        for (file, data) in Self.files { try sandbox.renameIntoPlace(file, data) }
        let found = try await daemon.waitForJudgements(of: Array(Self.files.keys))
        // A second version of one file: a new receipt.
        let second = Reports.seed(variant: 9)
        try sandbox.renameIntoPlace("agency-a/2023.txt", second)
        let secondEntry: JournalRecord = try await daemon.waitForJournal("the second version's verdict") { entries in
            entries.first { $0.isJudgement && $0["NIANBAO_SHA256"] == Harness.sha256(second) }
        }
        let receipts = found.values.compactMap { $0["NIANBAO_RECEIPT"] } + [secondEntry["NIANBAO_RECEIPT"]].compactMap { $0 }
        #expect(receipts.count == 4 && Set(receipts).count == 4, "\(receipts)")
        #expect(Set(receipts) == Set((1...4).map { String(format: "NB-%d-%06d", Reports.currentYear, $0) }), "\(receipts)")

        let rows = try Self.currentRows(sandbox)
        let binary = try Harness.binary()
        for file in Self.files.keys {
            let row = try #require(rows[file])
            let receipt = try #require(row.receipt)
            let verdict = try #require(Verdict(rawValue: row.verdict))
            let expected = """
                回执 Receipt: \(receipt)
                文件 File: \(file)
                收到时间 Received: \(Self.officeTime(row.arrivedAt))
                大小 Size: \(row.size) 字节 bytes
                SHA-256: \(row.sha256)
                结论 Verdict: \(verdict.chinese) \(verdict.rawValue)

                """
            let text: String = try await eventually("\(file).nianbao.txt with its receipt") {
                let text = (try? String(contentsOfFile: results + "/" + file + ".nianbao.txt", encoding: .utf8)) ?? ""
                return text.hasPrefix(expected) ? .done(text) : .notYet(String(text.prefix(400)))
            }
            #expect(text.dropFirst(expected.count).hasPrefix("\n文件 File: \(file)\n"), "the findings follow the receipt: \(text.prefix(600))")
            // The same lines from the ledger, while the daemon runs.
            let printed = try await Tool.run(binary, ["receipt", receipt, "--state-dir", sandbox.state, "--config", sandbox.configFile])
            #expect(printed.status == 0, "\(printed)")
            #expect(printed.stdoutText == expected, "\(printed)")
        }
        // The first version of agency-a/2023.txt: still known, marked as replaced.
        let firstReceipt = try #require(found["agency-a/2023.txt"]?["NIANBAO_RECEIPT"])
        let replaced = try await Tool.run(binary, ["receipt", firstReceipt, "--state-dir", sandbox.state, "--config", sandbox.configFile])
        #expect(replaced.status == 0 && replaced.stdoutText.contains("SHA-256: \(Harness.sha256(Reports.seed))")
                && replaced.stdoutText.contains("this file has since been replaced or removed"), "\(replaced)")

        let before = try Sandbox.inventory(sandbox.state)
        let unknown = try await Tool.run(binary, ["receipt", "NB-1999-000001", "--state-dir", sandbox.state, "--config", sandbox.configFile])
        #expect(unknown.status == 1, "\(unknown)")
        #expect(unknown.stdoutText.isEmpty)
        #expect(unknown.stderrText.contains("no receipt NB-1999-000001 in the ledger") && unknown.stderrText.contains("没有回执"), "\(unknown)")
        let noLedger = try await Tool.run(binary, ["receipt", firstReceipt, "--state-dir", sandbox.root + "/nowhere", "--config", sandbox.configFile])
        #expect(noLedger.status == 2 && noLedger.stderrText.contains("no ledger at this path"), "\(noLedger)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.root + "/nowhere"), "a receipt lookup created a state folder")
        #expect(await daemon.stop() == 0)
        _ = before
    }

    @Test("at start-up the files judged under older rules are judged again before READY; exactly the changed verdicts are journaled")
    func recheckAtStartup() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let results = sandbox.root + "/results"
        try await Self.judgeOnce(sandbox, results: results)
        let judged = try Self.currentRows(sandbox)
        #expect(judged.values.allSatisfy { $0.rulesVersion == RulesVersion.current })

        // As an older nianbao left it: every verdict made under rules version current-1, and
        // the old rules had accepted the report that now lacks section 六.
        try Self.rewriteLedger(sandbox, "UPDATE judgement SET rules_version = ? WHERE is_current = 1", [RulesVersion.current - 1])
        try Self.rewriteLedger(sandbox, "UPDATE judgement SET verdict = 'accepted', codes = '', errors = 0, warnings = 0 WHERE path = 'agency-b/2023.txt' AND is_current = 1")
        let dropBefore = try Sandbox.inventory(sandbox.drop)

        let daemon = try await sandbox.startDaemon(["--results-dir", results])
        let entries = try await daemon.journal()
        let ready = try #require(entries.firstIndex { $0.messageID == MessageID.ready })
        let changed = entries.indices.filter { entries[$0].messageID == MessageID.verdictChanged }
        #expect(changed.count == 1, "\(entries.filter { $0.messageID == MessageID.verdictChanged })")
        #expect(changed.allSatisfy { $0 < ready }, "the re-check came after READY")
        #expect(entries.filter(\.isJudgement).isEmpty, "a re-check journaled an unchanged verdict: \(entries.filter(\.isJudgement))")
        if let index = changed.first {
            let entry = entries[index]
            #expect(entry["NIANBAO_FILE"] == "agency-b/2023.txt")
            #expect(entry["NIANBAO_AGENCY"] == "agency-b")
            #expect(entry["NIANBAO_OLD_VERDICT"] == "accepted")
            #expect(entry["NIANBAO_VERDICT"] == "rejected")
            #expect(entry["NIANBAO_CODES"] == "NB201 NB501 NB506")
            #expect(entry["NIANBAO_RECEIPT"] == judged["agency-b/2023.txt"]?.receipt)
            #expect(entry["NIANBAO_SHA256"] == Harness.sha256(Self.files["agency-b/2023.txt"]!))
            #expect(entry["NIANBAO_RULES_VERSION"] == String(RulesVersion.current))
            #expect(entry["NIANBAO_OLD_RULES_VERSION"] == String(RulesVersion.current - 1))
            #expect(entry["PRIORITY"] == "4")
            #expect(entry["MESSAGE"]?.contains("was accepted, now rejected") == true, "\(entry)")
        }
        let done = try #require(entries.first { $0.messageID == MessageID.recheckDone })
        #expect(done["NIANBAO_RECHECKED"] == "3" && done["NIANBAO_CHANGED"] == "1", "\(done)")

        // The status counts follow, before READY already.
        let status = try #require(try sandbox.status())
        #expect((status["reports"] as? [String: Int]) == ["accepted": 1, "accepted_with_warnings": 1, "rejected": 1, "unreadable": 0], "\(status)")
        // The ledger: current rules, same receipts, same arrival, same verdicts as first judged.
        let after = try Self.currentRows(sandbox)
        #expect(after.count == 3)
        for (file, row) in judged {
            #expect(after[file]?.rulesVersion == RulesVersion.current)
            #expect(after[file]?.receipt == row.receipt && after[file]?.arrivedAt == row.arrivedAt, "\(file)")
            #expect(after[file]?.verdict == row.verdict, "\(file)")
        }
        let text = try String(contentsOfFile: results + "/agency-b/2023.txt.nianbao.txt", encoding: .utf8)
        #expect(text.hasPrefix("回执 Receipt: \(judged["agency-b/2023.txt"]!.receipt!)\n") && text.contains("结论 Verdict: 退回修改 rejected"), "\(text.prefix(400))")
        #expect(await daemon.stop() == 0)
        #expect(try Sandbox.inventory(sandbox.drop) == dropBefore)

        // Nothing older is left: the next start re-checks nothing.
        let again = try await sandbox.startDaemon()
        let quiet = try await again.journal()
        #expect(!quiet.contains { $0.messageID == MessageID.verdictChanged || $0.messageID == MessageID.recheckDone || $0.isJudgement }, "\(quiet)")
        #expect(await again.stop() == 0)
    }

    @Test("`nianbao recheck` judges again what older rules judged, journals only the changed verdicts, and says how many")
    func recheckCommand() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let results = sandbox.root + "/results"
        try await Self.judgeOnce(sandbox, results: results)
        let judged = try Self.currentRows(sandbox)
        try Self.rewriteLedger(sandbox, "UPDATE judgement SET rules_version = 0 WHERE is_current = 1")
        try Self.rewriteLedger(sandbox, "UPDATE judgement SET verdict = 'rejected' WHERE path = 'agency-a/2023.txt' AND is_current = 1")
        // While no daemon runs: one report removed, one replaced by new bytes (written an hour ago:
        // complete, not still being written).
        try FileManager.default.removeItem(atPath: sandbox.path("agency-b/2023.txt"))
        let newBytes = Reports.accepted(variant: 7)
        try sandbox.write("agency-c/report.txt", newBytes)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: sandbox.path("agency-c/report.txt"))
        let run = try sandbox.launch(try Harness.binary(), ["recheck", "--drop", sandbox.drop, "--state-dir", sandbox.state,
                                                           "--results-dir", results, "--config", sandbox.configFile])
        let status: Int32 = try await eventually("nianbao recheck to finish") { run.exitStatus.map { .done($0) } ?? .notYet("running") }
        #expect(status == 0, "\(run.stderr)")
        let output = try String(contentsOfFile: run.stdoutPath, encoding: .utf8)
        #expect(output.contains("1 files judged again, 1 verdicts changed, 1 new versions, 1 gone, 0 busy"), "\(output)")
        let entries = try await Journal.entries(pid: run.pid)
        let changed = entries.filter { $0.messageID == MessageID.verdictChanged }
        #expect(changed.count == 1 && changed.first?["NIANBAO_FILE"] == "agency-a/2023.txt"
                && changed.first?["NIANBAO_OLD_VERDICT"] == "rejected" && changed.first?["NIANBAO_VERDICT"] == "accepted_with_warnings", "\(entries)")
        #expect(changed.first?["PRIORITY"] == "5")
        #expect(changed.first?["NIANBAO_RECEIPT"] == judged["agency-a/2023.txt"]?.receipt)
        // The new bytes are a new version: an ordinary verdict, with a receipt of its own.
        let newVersion = entries.filter(\.isJudgement)
        #expect(newVersion.count == 1, "\(entries)")
        if let entry = newVersion.first {
            expectJudgement(entry, Reports.expectAccepted("agency-c/report.txt", newBytes))
            #expect(entry["NIANBAO_RECEIPT"] != nil && entry["NIANBAO_RECEIPT"] != judged["agency-c/report.txt"]?.receipt, "\(entry)")
        }
        let after = try Self.currentRows(sandbox)
        #expect(Set(after.keys) == ["agency-a/2023.txt", "agency-c/report.txt"])
        #expect(after.values.allSatisfy { $0.rulesVersion == RulesVersion.current })
        #expect(after["agency-a/2023.txt"]?.verdict == "accepted_with_warnings")
    }

    @Test("a ledger with verdicts of rules this nianbao does not know: watch and recheck refuse it with a clear message, exit 1")
    func unknownRulesVersion() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        try await Self.judgeOnce(sandbox, results: sandbox.root + "/results")
        try Self.rewriteLedger(sandbox, "UPDATE judgement SET rules_version = ? WHERE path = 'agency-a/2023.txt'", [RulesVersion.current + 1])
        let rowsBefore = try Self.currentRows(sandbox)
        let daemon = try await sandbox.startDaemon(waitForReady: false)
        let status: Int32 = try await eventually("the daemon to refuse the ledger") { daemon.exitStatus.map { .done($0) } ?? .notYet("running") }
        #expect(status == 1)
        #expect(daemon.stderr.contains("rules version \(RulesVersion.current + 1)") && daemon.stderr.contains("upgrade nianbao"), "\(daemon.stderr)")
        let recheck = try await Tool.run(try Harness.binary(), ["recheck", "--drop", sandbox.drop, "--state-dir", sandbox.state, "--config", sandbox.configFile])
        #expect(recheck.status == 1 && recheck.stderrText.contains("rules version \(RulesVersion.current + 1)"), "\(recheck)")
        #expect(try Self.currentRows(sandbox) == rowsBefore)
    }

    @Test("a ledger from a newer nianbao (a newer schema) is refused by watch and recheck and left byte for byte as it was")
    func newerSchema() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        try await Self.judgeOnce(sandbox, results: sandbox.root + "/results")
        try Self.rewriteLedger(sandbox, "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        // Fold the WAL into the file, so the bytes compared are the whole ledger.
        let queue = try DatabaseQueue(path: sandbox.ledgerPath)
        _ = try await queue.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        try queue.close()
        let before = try Sandbox.inventory(sandbox.state)
        let daemon = try await sandbox.startDaemon(waitForReady: false)
        let status: Int32 = try await eventually("the daemon to refuse the ledger") { daemon.exitStatus.map { .done($0) } ?? .notYet("running") }
        #expect(status == 1)
        #expect(daemon.stderr.contains("written by a newer nianbao"), "\(daemon.stderr)")
        let recheck = try await Tool.run(try Harness.binary(), ["recheck", "--drop", sandbox.drop, "--state-dir", sandbox.state, "--config", sandbox.configFile])
        #expect(recheck.status == 1 && recheck.stderrText.contains("written by a newer nianbao"), "\(recheck)")
        let receipt = try await Tool.run(try Harness.binary(), ["receipt", "NB-2026-000001", "--state-dir", sandbox.state, "--config", sandbox.configFile])
        #expect(receipt.status == 2 && receipt.stderrText.contains("written by a newer nianbao"), "\(receipt)")
        #expect(try Sandbox.inventory(sandbox.state)["ledger.sqlite"] == before["ledger.sqlite"])
    }
}
