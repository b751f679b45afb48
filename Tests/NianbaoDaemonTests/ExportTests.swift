import Foundation
import Glibc
import Testing
import TestTools

/// `nianbao export` on a ledger the real daemon filled: the .xlsx read back by an independent
/// reader (Python's openpyxl) and compared value by value with what `nianbao check` says of
/// each file; CSV and JSON from the same rows; the page rendered by headless Chromium.
@Suite("the office's view: nianbao export and the page")
struct ExportTests {
    static let applicantColumns = ["natural_person", "commercial", "research", "social_welfare", "legal_services", "other", "total"]
    static let reviewColumns = ["upheld", "corrected", "other", "pending", "total"]

    /// The value `check --format json`'s figures object gives for a contract key (nil: blank or absent).
    static func figure(_ figures: [String: Any], _ key: String) -> Double? {
        let parts = key.split(separator: ".").map(String.init)
        func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }
        switch parts[0] {
        case "table2":
            let table = figures["table2"] as? [String: Any]
            return parts.count == 2 ? number(table?[parts[1]]) : number((table?[parts[1]] as? [String: Any])?[parts[2]])
        case "table3":
            guard let cells = (figures["table3"] as? [String: Any])?[parts[1]] as? [Any] else { return nil }
            return number(cells[applicantColumns.firstIndex(of: parts[2])!])
        default:
            guard let cells = (figures["table4"] as? [String: Any])?[parts[1]] as? [Any] else { return nil }
            return number(cells[reviewColumns.firstIndex(of: parts[2])!])
        }
    }

    static let openpyxlDump = """
        import json, sys, openpyxl
        book = openpyxl.load_workbook(sys.argv[1])
        out = {}
        for sheet in book.worksheets:
            rows = []
            for row in sheet.iter_rows(values_only=True):
                rows.append([{"t": type(v).__name__, "v": v} for v in row])
            out[sheet.title] = {"freeze": sheet.freeze_panes, "rows": rows}
        print(json.dumps(out, ensure_ascii=False))
        """

    func run(_ sandbox: Sandbox, _ arguments: [String]) async throws -> ToolResult {
        try await Tool.run(try Harness.binary(), arguments + ["--config", sandbox.configFile, "--state-dir", sandbox.state, "--drop", sandbox.drop],
                           in: sandbox.root)
    }

    @Test("xlsx read back by openpyxl, CSV, JSON and the page in headless Chromium, while the daemon runs")
    func exports() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let year = Reports.currentYear
        let rosterFile = sandbox.root + "/roster.csv"
        try Data("id,name,contact\nagency-a,市水务局,\"张三 <a@b>\"\nagency-b,市教育局,\nagency-c,\"<b>市财政局</b>\",\nagency-d,市卫健委,\n".utf8)
            .write(to: URL(fileURLWithPath: rosterFile))
        try sandbox.writeConfig("agencies_file = \"\(rosterFile)\"\ncollecting_year = \(year)\n")
        let results = sandbox.root + "/results"
        let daemon = try await sandbox.startDaemon(["--results-dir", results])
        let files: [(String, Data)] = [
            ("agency-a/a.txt", Reports.accepted(variant: 11)),
            ("agency-b/b.txt", OfficeViewTests.rejectedThisYear(variant: 12)),
            ("agency-d/d.txt", Reports.accepted(variant: 13)),
        ]
        for (file, data) in files { try sandbox.write(file, data) }
        _ = try await daemon.waitForJudgements(of: files.map(\.0))

        // What `nianbao check` says of each file: the independent expectation.
        var checked: [String: [String: Any]] = [:]
        for (file, _) in files {
            let result = try await Tool.run(try Harness.binary(), ["check", "--format", "json", sandbox.path(file)])
            checked[file] = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any]
        }
        let figuresA = checked["agency-a/a.txt"]!["figures"] as! [String: Any]
        let figuresB = checked["agency-b/b.txt"]!["figures"] as! [String: Any]
        let figuresD = checked["agency-d/d.txt"]!["figures"] as! [String: Any]

        // xlsx, read back by openpyxl.
        let xlsx = sandbox.root + "/out/office.xlsx"
        try FileManager.default.createDirectory(atPath: sandbox.root + "/out", withIntermediateDirectories: true)
        let exported = try await run(sandbox, ["export", "--format", "xlsx", "--output", xlsx])
        #expect(exported.status == 0, "\(exported)")
        let script = sandbox.root + "/dump.py"
        try Data(Self.openpyxlDump.utf8).write(to: URL(fileURLWithPath: script))
        let dumped = try await Tool.run("/usr/bin/python3", [script, xlsx])
        #expect(dumped.status == 0, "\(dumped)")
        let book = try #require(try JSONSerialization.jsonObject(with: dumped.stdout) as? [String: [String: Any]])
        #expect(book.keys.sorted() == ["数据 figures", "机构与状态 agencies", "问题 findings"])
        typealias Cell = [String: Any]
        func rows(_ sheet: String) -> [[Cell]] { (book[sheet]?["rows"] as? [[Cell]]) ?? [] }
        for sheet in book.keys { #expect(book[sheet]?["freeze"] as? String == "A2", "\(sheet) header frozen") }
        func text(_ cell: Cell) -> String? { cell["t"] as? String == "str" ? cell["v"] as? String : nil }
        func number(_ cell: Cell) -> Double? { ["int", "float"].contains(cell["t"] as? String) ? (cell["v"] as? NSNumber)?.doubleValue : nil }
        func isEmpty(_ cell: Cell) -> Bool { cell["t"] as? String == "NoneType" }

        let agencies = rows("机构与状态 agencies")
        #expect(agencies.count == 5)
        #expect(agencies[0].map(text) == ["机构代码 agency", "名称 name", "状态 state", "逾期 late", "年度 year", "文件 file", "结论 verdict",
                                          "问题代码 codes", "收到时间 arrived_at", "在名册中 on_roster", "contact"])
        #expect(agencies[1...].map { text($0[0]) } == ["agency-a", "agency-b", "agency-c", "agency-d"])
        #expect(agencies[1...].map { text($0[2]) } == ["accepted", "rejected", "missing", "accepted"])
        #expect(agencies[3][1]["v"] as? String == "<b>市财政局</b>" && isEmpty(agencies[3][5]) && isEmpty(agencies[3][6]))
        #expect(agencies[1][3]["t"] as? String == "bool" && agencies[1][3]["v"] as? Bool == false)
        #expect(number(agencies[1][4]) == Double(year) && text(agencies[1][5]) == "agency-a/a.txt" && text(agencies[1][10]) == "张三 <a@b>")
        #expect(text(agencies[2][7])?.contains("NB201") == true)

        let figures = rows("数据 figures")
        #expect(figures.count == 1 + 4 + 1)
        let keys = figures[0].dropFirst(3).map { text($0)!.split(separator: "\n").last.map(String.init)! }
        #expect(keys.count == 200 && keys.first == "table2.rules.issued" && keys.contains("table2.fees") && keys.last == "table4.litigation_after_review.total")
        #expect(figures[0][3]["v"] as? String == "表二 规章 本年制发件数\ntable2.rules.issued")
        let byAgency: [String: [String: Any]?] = ["agency-a": figuresA, "agency-b": figuresB, "agency-c": nil, "agency-d": figuresD]
        var compared = 0
        for row in figures[1...4] {
            let agency = text(row[0])!
            for (index, key) in keys.enumerated() {
                let cell = index + 3 < row.count ? row[index + 3] : ["t": "NoneType"]
                let expected = byAgency[agency]!.flatMap { Self.figure($0, key) }
                if let expected {
                    #expect(number(cell) == expected, "\(agency) \(key): \(cell) vs \(expected)")
                } else {
                    #expect(isEmpty(cell), "\(agency) \(key) must be an empty cell: \(cell)")
                }
                compared += 1
            }
        }
        #expect(compared == 800)
        // 合计: a + d, the accepted ones (b is rejected, c missing).
        let total = figures[5]
        #expect(text(total[0]) == "合计")
        for (index, key) in keys.enumerated() {
            let parts = [Self.figure(figuresA, key), Self.figure(figuresD, key)].compactMap { $0 }
            let cell = index + 3 < total.count ? total[index + 3] : ["t": "NoneType"]
            if parts.isEmpty { #expect(isEmpty(cell), "合计 \(key)") } else { #expect(number(cell) == parts.reduce(0, +), "合计 \(key)") }
        }

        // Findings: one row per finding of each agency's report, as check reports them.
        let findings = rows("问题 findings")
        #expect(findings[0].map(text) == ["机构代码 agency", "文件 file", "代码 code", "级别 severity", "部分 section", "表 table", "行 row",
                                          "列 column", "应为 expected", "实为 found", "说明 message"])
        var expectedFindings: [[String?]] = []
        for (file, _) in files.sorted(by: { $0.0 < $1.0 }) {
            for finding in checked[file]!["findings"] as! [[String: Any]] {
                expectedFindings.append([Reports.agencyOf(file), file, finding["code"] as? String, finding["severity"] as? String,
                                         finding["message"] as? String,
                                         (finding["expected"] as? NSNumber).map { "\($0.doubleValue)" }, (finding["actual"] as? NSNumber).map { "\($0.doubleValue)" }])
            }
        }
        let gotFindings: [[String?]] = findings[1...].map { row in
            [text(row[0]), text(row[1]), text(row[2]), text(row[3]), text(row[10]), number(row[8]).map { "\($0)" }, number(row[9]).map { "\($0)" }]
        }
        #expect(gotFindings.map { $0.map { $0 ?? "-" } } == expectedFindings.map { $0.map { $0 ?? "-" } })
        #expect(expectedFindings.contains { $0[2] == "NB201" })

        // CSV: BOM, the same cells.
        let csv = try await run(sandbox, ["export", "--format", "csv"])
        #expect(csv.status == 0 && csv.stdout.starts(with: [0xEF, 0xBB, 0xBF]))
        let csvLines = csv.stdoutText.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(csvLines.count == 1 + 4 + 1)
        #expect(csvLines[0].hasPrefix("agency,name,state,late,year,file,verdict,codes,arrived_at,on_roster,contact,table2.rules.issued,"))
        #expect(csvLines[1].contains(",\"张三 <a@b>\",") == false && csvLines[1].contains(",张三 <a@b>,"))
        #expect(csvLines[5].hasPrefix("合计,,,,,,,,,,,"))
        let csvTotal = csvLines[5].split(separator: ",", omittingEmptySubsequences: false).suffix(200).map(String.init)
        for (index, key) in keys.enumerated() {
            let parts = [Self.figure(figuresA, key), Self.figure(figuresD, key)].compactMap { $0 }
            #expect(csvTotal[index] == (parts.isEmpty ? "" : String(Int(parts.reduce(0, +)))), "CSV 合计 \(key)")
        }

        // JSON Lines: the agencies' objects plus the figure keys; the total last.
        let json = try await run(sandbox, ["export", "--format", "json"])
        let objects = json.stdoutText.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.map { $0["agency"] as? String } == ["agency-a", "agency-b", "agency-c", "agency-d", "合计"])
        #expect((objects[0]["table3.new_received.total"] as? NSNumber)?.doubleValue == Self.figure(figuresA, "table3.new_received.total"))
        #expect(objects[2]["table3.new_received.total"] is NSNull && objects[2]["state"] as? String == "missing")

        // Errors: a folder that does not exist, a missing --output for xlsx.
        let nowhere = try await run(sandbox, ["export", "--format", "csv", "--output", sandbox.root + "/no/such/folder/x.csv"])
        #expect(nowhere.status == 1 && nowhere.stderrText.contains("does not exist"), "\(nowhere)")
        let noOutput = try await run(sandbox, ["export", "--format", "xlsx"])
        #expect(noOutput.status == 64, "\(noOutput)")

        // The page: exported, and kept as index.html in the results folder by the daemon.
        let page = sandbox.root + "/out/page.html"
        let html = try await run(sandbox, ["export", "--format", "html", "--output", page])
        #expect(html.status == 0, "\(html)")
        let pageText = try String(contentsOfFile: page, encoding: .utf8)
        #expect(!pageText.contains("<script") && !pageText.contains("src=") && !pageText.contains("href="), "self-contained, no script")
        #expect(pageText.contains("&lt;b&gt;市财政局&lt;/b&gt;") && !pageText.contains("<b>市财政局</b>"))
        let index: String = try await eventually("index.html with the three reports") {
            guard let text = try? String(contentsOfFile: results + "/index.html", encoding: .utf8) else { return .notYet("no index.html") }
            return text.contains("id=\"submitted\">3<") ? .done(text) : .notYet(String(text.prefix(400)))
        }
        #expect(index.contains("data-agency=\"agency-c\" data-state=\"missing\""))

        // Rendered by headless Chromium: the DOM it built holds the counts and each agency's state.
        for file in [page, results + "/index.html"] {
            let dom = try await Chromium.dumpDOM(file)
            #expect(dom.contains("<b id=\"expected\">4</b>") && dom.contains("<b id=\"submitted\">3</b>"), "\(dom.prefix(2000))")
            for (agency, state) in [("agency-a", "accepted"), ("agency-b", "rejected"), ("agency-c", "missing"), ("agency-d", "accepted")] {
                #expect(dom.contains("<tr data-agency=\"\(agency)\" data-state=\"\(state)\">"), "\(agency) \(state)")
            }
            #expect(dom.contains("<g data-state=\"accepted\" data-count=\"2\">") && dom.contains("<g data-state=\"missing\" data-count=\"1\">"))
            #expect(dom.contains("NB201"), "the returned report's findings")
            #expect(!dom.contains("<b>市财政局</b>"))
        }
        let screenshot = sandbox.root + "/out/page.png"
        try await Chromium.screenshot(page, to: screenshot)
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000, "a PNG of the page: \(png.count) bytes")
        if let keep = ProcessInfo.processInfo.environment["NIANBAO_SCREENSHOT"] { try? png.write(to: URL(fileURLWithPath: keep)) }
        #expect(await daemon.stop() == 0)
    }
}

extension ExportTests {
    /// Tests run as root, for whom a folder's mode bits never refuse a write: the unwritable
    /// folder is a read-only tmpfs mounted over it in the export's own mount namespace
    /// (unshare(1), as scripts/with-journald does), gone with the process.
    @Test("an export to a folder that cannot be written, or to a file's path, fails with a clear message and exit 1")
    func exportToAnUnwritableFolder() async throws {
        let sandbox = try Sandbox()
        let readOnly = sandbox.root + "/read-only"
        try FileManager.default.createDirectory(atPath: readOnly, withIntermediateDirectories: true)
        for format in ["csv", "xlsx", "json", "html"] {
            let output = readOnly + "/office." + format
            let result = try await Tool.run("/usr/bin/unshare", [
                "--mount", "--propagation", "private", "/bin/sh", "-c", "mount -t tmpfs -o ro nianbao-read-only \"$1\" && shift && exec \"$@\"",
                "sh", readOnly, try Harness.binary(), "export", "--format", format, "--output", output,
                "--config", sandbox.configFile, "--state-dir", sandbox.state, "--drop", sandbox.drop,
            ], in: sandbox.root)
            #expect(result.status == 1, "\(format): \(result)")
            #expect(result.stderrText == "nianbao: 输出文件夹不可写 the output folder \(readOnly) is not writable (Read-only file system): choose another --output\n",
                    "\(format): \(result)")
            #expect(!FileManager.default.fileExists(atPath: output))
        }
        // The same folder without the mount is writable: the refusal above was the mount's.
        let written = try await run(sandbox, ["export", "--format", "csv", "--output", readOnly + "/office.csv"])
        #expect(written.status == 0 && FileManager.default.fileExists(atPath: readOnly + "/office.csv"), "\(written)")

        // A path under a regular file.
        let file = sandbox.root + "/a-file"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let underFile = try await run(sandbox, ["export", "--format", "xlsx", "--output", file + "/office.xlsx"])
        #expect(underFile.status == 1 && underFile.stderrText == "nianbao: 输出位置不是文件夹 \(file) is a file, not a folder: choose another --output\n",
                "\(underFile)")
    }
}

/// Debian's chromium, headless (installed by the Makefile's test setup).
enum Chromium {
    static func arguments(_ scratch: String) -> [String] {
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=\(scratch)",
         "--window-size=1100,900"]
    }

    static func dumpDOM(_ file: String) async throws -> String {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("nbd-chromium-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let result = try await Tool.run("/usr/bin/chromium", arguments(scratch) + ["--dump-dom", "file://" + file])
        try #require(result.status == 0, "chromium --dump-dom: \(result)")
        return result.stdoutText
    }

    static func screenshot(_ file: String, to png: String) async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("nbd-chromium-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let result = try await Tool.run("/usr/bin/chromium", arguments(scratch) + ["--hide-scrollbars", "--screenshot=\(png)", "file://" + file])
        try #require(result.status == 0, "chromium --screenshot: \(result)")
    }
}
