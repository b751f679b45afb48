import Foundation
import Glibc
import Testing

/// `nianbao check`, `rules` and `--version` as a user runs them: the built binary on real files.
@Suite("nianbao command line", .serialized)
struct CheckCommandTests {
    /// The seed with its prose corrected: accepted, no findings.
    static var acceptedText: String { seedText.replacingOccurrences(of: "共受理政府信息公开申请2件", with: "共受理政府信息公开申请3件") }
    /// The seed with 2.重复申请/自然人 left blank: NB303, still accepted with warnings; JSON null.
    static var blankCellText: String {
        seedText.replacingOccurrences(of: "| 2.重复申请 | 0 | 0 |", with: "| 2.重复申请 |  | 0 |")
    }
    /// The seed with （一）予以公开/自然人 2 instead of 1: row and outcome totals break.
    static var rejectedText: String {
        seedText.replacingOccurrences(of: "| 三、本年度办理结果 | (一)予以公开 | 1 |", with: "| 三、本年度办理结果 | (一)予以公开 | 2 |")
    }

    @Test("the fixtures differ from the seed where intended")
    func fixtures() {
        #expect(Self.acceptedText != seedText)
        #expect(Self.blankCellText != seedText)
        #expect(Self.rejectedText != seedText)
    }

    @Test("check --format json: rows of text that lost its shape read by their own sums are the verdict's notes")
    func notesOfRowsReadBySums() async throws {
        let pingtan = packageRoot.appendingPathComponent("Tests/Fixtures/real/pingtan-2021.txt").path
        let result = try await runNianbao(["check", "--format", "json", pingtan, seedPath])
        #expect(result.status == 1)
        let objects = result.jsonLines
        try #require(objects.count == 2, "\(result.stdout)")
        let notes = try #require(objects[0]["notes"] as? [[String: Any]])
        #expect(notes.map { "\($0["table"] ?? "") \($0["row"] ?? "-") \($0["row_label"] ?? "")" } == [
            "三 new_received 一、本年新收政府信息公开申请数量", "三 total_processed （七）总计", "四 - 行政复议、行政诉讼数据行",
        ])
        #expect(notes.allSatisfy { ($0["message"] as? String)?.contains("因此不作为该行的核对依据") == true })
        #expect(notes.allSatisfy { ($0["message_en"] as? String)?.contains("so that total is no evidence for this row") == true })
        #expect((objects[1]["notes"] as? [Any])?.isEmpty == true)
    }

    @Test("check --format json prints one object per file, in argument order, with the contract's keys")
    func jsonLines() async throws {
        let folder = try TemporaryFolder("json")
        let files = [
            folder.write("b-rejected.txt", Self.rejectedText),
            seedPath,
            folder.write("a-accepted.txt", Self.acceptedText),
            folder.write("c-blank.txt", Self.blankCellText),
        ]
        let result = try await runNianbao(["check", "--format", "json"] + files)
        #expect(!result.timedOut)
        #expect(result.status == 1, "a rejected file makes the exit status 1")
        let lines = result.stdout.split(separator: "\n")
        try #require(lines.count == 4, "\(result.stdout)")
        for line in lines {
            // The contract's order: file, verdict, year, format_version, sections, findings, figures.
            let keys = ["\"file\":", "\"verdict\":", "\"year\":", "\"format_version\":", "\"sections\":", "\"findings\":", "\"figures\":"]
            let offsets = keys.map { line.range(of: $0)?.lowerBound }
            #expect(offsets.allSatisfy { $0 != nil }, "\(line.prefix(200))")
            #expect(offsets.compactMap { $0 } == offsets.compactMap { $0 }.sorted(), "keys out of order")
            #expect(line.hasPrefix("{\"file\":"))
        }
        let objects = result.jsonLines
        #expect(objects.map { $0["file"] as? String } == files)
        #expect(objects.map { $0["verdict"] as? String } == ["rejected", "accepted_with_warnings", "accepted", "accepted_with_warnings"])
        for object in objects {
            #expect(object["year"] as? Int == 2023)
            #expect(object["format_version"] as? String == "2021")
            #expect(object["sections"] as? [String] == ["一", "二", "三", "四", "五", "六"])
        }

        // The rejected file: both broken relations, with their places and numbers.
        let rejected = try #require(objects[0]["findings"] as? [[String: Any]])
        let rejectedCodes = rejected.compactMap { $0["code"] as? String }
        // The seed's own NB501 stays; the balance is untouched (only an outcome cell changed).
        // The 总计 column of the row still says 1, so only the 自然人 column's outcome total breaks.
        #expect(rejectedCodes.sorted() == ["NB401", "NB402", "NB501"], "\(rejectedCodes)")
        let outcomeTotals = rejected.filter { $0["code"] as? String == "NB402" }
        #expect(outcomeTotals.compactMap { $0["column"] as? String } == ["natural_person"])
        for finding in outcomeTotals {
            #expect(finding["row"] as? String == "total_processed")
            #expect(finding["expected"] as? Int == 3)
            #expect(finding["actual"] as? Int == 2)
        }
        let rowTotal = try #require(rejected.first { $0["code"] as? String == "NB401" })
        #expect(rowTotal["row"] as? String == "granted")
        #expect(rowTotal["column"] as? String == "total")
        #expect(rowTotal["expected"] as? Int == 2)
        #expect(rowTotal["actual"] as? Int == 1)
        #expect(rowTotal["severity"] as? String == "error")
        #expect((rowTotal["message"] as? String)?.isEmpty == false && (rowTotal["message_en"] as? String)?.isEmpty == false)

        // The seed: exactly NB501, expected 3, found 2, and no fields that do not apply.
        let seedFindings = try #require(objects[1]["findings"] as? [[String: Any]])
        try #require(seedFindings.count == 1)
        let nb501 = seedFindings[0]
        #expect(nb501["code"] as? String == "NB501")
        #expect(nb501["severity"] as? String == "warning")
        #expect(nb501["section"] as? String == "一")
        #expect(nb501["row"] as? String == "new_received")
        #expect(nb501["column"] as? String == "total")
        #expect(nb501["expected"] as? Int == 3)
        #expect(nb501["actual"] as? Int == 2)
        #expect(nb501["message"] as? String == "正文称共受理申请2件，表三本年新收为3件（“共受理政府信息公开申请2件”）")
        #expect(nb501["message_en"] as? String == "prose says 2 applications received; table 三 new_received is 3")

        // Figures: every row of the seed; the blank cell is null, never 0.
        let figures = try #require(objects[1]["figures"] as? [String: Any])
        let table3 = try #require(figures["table3"] as? [String: [Int]])
        #expect(table3.count == 25)
        #expect(table3["new_received"] == [3, 0, 0, 0, 0, 0, 3])
        #expect(table3["granted"] == [1, 0, 0, 0, 0, 0, 1])
        #expect(table3["unavailable_not_held"] == [1, 0, 0, 0, 0, 0, 1])
        #expect(table3["total_processed"] == [2, 0, 0, 0, 0, 0, 2])
        #expect(table3["carried_forward"] == [1, 0, 0, 0, 0, 0, 1])
        let table2 = try #require(figures["table2"] as? [String: Any])
        #expect((table2["rules"] as? [String: Int]) == ["issued": 0, "repealed": 0, "in_force": 0])
        #expect(table2["fees"] as? Int == 0)
        let table4 = try #require(figures["table4"] as? [String: [Int]])
        #expect(table4 == ["review": [0, 0, 0, 0, 0], "litigation_direct": [0, 0, 0, 0, 0], "litigation_after_review": [0, 0, 0, 0, 0]])

        let blank = objects[3]
        let blankCodes = Set(((blank["findings"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String })
        #expect(blankCodes == ["NB303", "NB501"])
        let blankRow = ((blank["figures"] as? [String: Any])?["table3"] as? [String: Any])?["not_processed_repeat"] as? [Any]
        try #require(blankRow?.count == 7)
        #expect(blankRow?[0] is NSNull, "a blank cell must be null: \(String(describing: blankRow))")
        #expect(blankRow?[1] as? Int == 0)
        #expect(result.stdout.contains(#""not_processed_repeat":[null,0,0,0,0,0,0]"#))
    }

    @Test("exit status: 0 accepted or with warnings, 1 rejected/unreadable, --strict fails on warnings, 64 usage errors")
    func exitStatus() async throws {
        let folder = try TemporaryFolder("exit")
        let accepted = folder.write("accepted.txt", Self.acceptedText)
        let rejected = folder.write("rejected.txt", Self.rejectedText)
        let empty = folder.write("empty.txt", [])
        #expect(try await runNianbao(["check", accepted]).status == 0)
        #expect(try await runNianbao(["check", "--strict", accepted]).status == 0)
        #expect(try await runNianbao(["check", seedPath]).status == 0)
        #expect(try await runNianbao(["check", "--format", "json", seedPath]).status == 0)
        #expect(try await runNianbao(["check", "--strict", seedPath]).status == 1)
        #expect(try await runNianbao(["check", "--strict", "--format", "json", seedPath, accepted]).status == 1)
        #expect(try await runNianbao(["check", rejected]).status == 1)
        #expect(try await runNianbao(["check", seedPath, rejected, accepted]).status == 1)
        #expect(try await runNianbao(["check", empty]).status == 1)
        #expect(try await runNianbao(["check", accepted, folder.file("missing.txt")]).status == 1)

        let unknownOption = try await runNianbao(["check", "--no-such-option", seedPath])
        #expect(unknownOption.status == 64)
        #expect(unknownOption.stdout.isEmpty)
        #expect(!unknownOption.stderr.isEmpty)
        #expect(try await runNianbao(["check", "--format", "yaml", seedPath]).status == 64)
        #expect(try await runNianbao(["check"]).status == 64)
        #expect(try await runNianbao(["no-such-command"]).status == 64)
    }

    @Test("text output: Chinese first, the verdict, and the numbers expected and found")
    func textOutput() async throws {
        let result = try await runNianbao(["check", seedPath])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "文件 File: \(seedPath)")
        #expect(lines.contains("结论 Verdict: 通过（有警告） accepted_with_warnings"))
        #expect(lines.contains { $0.hasPrefix("年度 Year: 2023年 2023") && $0.contains("格式 Format: 2021") })
        #expect(lines.contains("章节 Sections: 一 二 三 四 五 六"))
        let chinese = try #require(lines.firstIndex { $0.contains("[NB501 警告 warning] 正文称共受理申请2件，表三本年新收为3件") })
        let english = try #require(lines.firstIndex { $0.contains("prose says 2 applications received; table 三 new_received is 3") })
        #expect(chinese < english, "Chinese comes first")
        let numbers = try #require(lines.firstIndex { $0.contains("应为 expected: 3") && $0.contains("实为 found: 2") })
        #expect(english < numbers)
        // Every labelled line puts the Chinese word before the English one.
        for line in lines where line.contains(":") && !line.hasPrefix(" ") && !line.isEmpty {
            let first = line.unicodeScalars.first!
            #expect(!first.isASCII, "line starts in English: \(line)")
        }

        let folder = try TemporaryFolder("text")
        let rejected = try await runNianbao(["check", "--format", "text", folder.write("r.txt", Self.rejectedText), seedPath])
        #expect(rejected.status == 1)
        #expect(rejected.stdout.contains("结论 Verdict: 退回修改 rejected"))
        #expect(rejected.stdout.contains("应为 expected: 2    实为 found: 1"))
        #expect(rejected.stdout.contains("结论 Verdict: 通过（有警告） accepted_with_warnings"), "goes on with the next file")
    }

    @Test("unreadable files: each gets its NB1xx verdict and the run goes on with the next file")
    func unreadableFiles() async throws {
        let folder = try TemporaryFolder("unreadable")
        let empty = folder.write("empty.txt", [])
        var junk = (0..<600).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }
        junk[0] = 0x01
        junk[10] = 0
        junk[21] = 0
        let binary = folder.write("binary.txt", junk)
        let directory = folder.file("a-directory")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        let missing = folder.file("missing.txt")
        let fifo = folder.file("fifo.txt")
        #expect(mkfifo(fifo, 0o644) == 0)
        let undecodable = folder.write("gbk-broken.txt", Array("一、总体情况\n".utf8) + [0xFF, 0xFF, 0x41, 0xFF, 0x0A])
        let pdf = folder.write("report.txt", Array("%PDF-1.7\n".utf8) + junk)

        let files = [empty, binary, directory, missing, fifo, undecodable, pdf, seedPath]
        // A FIFO must not block the run: no writer will ever come.
        let result = try await runNianbao(["check", "--format", "json"] + files, timeout: 30)
        #expect(!result.timedOut, "check hung (FIFO?)")
        #expect(result.status == 1)
        let objects = result.jsonLines
        try #require(objects.count == files.count, "\(result.stdout)\n\(result.stderr)")
        #expect(objects.map { $0["file"] as? String } == files)
        // The last: PDFs are read since issue 14, and junk after `%PDF-` is a damaged PDF.
        let expectedCodes = ["NB103", "NB103", "NB101", "NB101", "NB101", "NB104", "NB105"]
        for (object, code) in zip(objects, expectedCodes) {
            #expect(object["verdict"] as? String == "unreadable", "\(object["file"] ?? "")")
            let findings = object["findings"] as? [[String: Any]] ?? []
            #expect(findings.compactMap { $0["code"] as? String } == [code], "\(object["file"] ?? "")")
            #expect(object["year"] is NSNull)
            #expect((object["figures"] as? [String: Any])?.isEmpty == true)
        }
        #expect(objects.last?["verdict"] as? String == "accepted_with_warnings")

        let text = try await runNianbao(["check"] + files, timeout: 30)
        #expect(!text.timedOut)
        #expect(text.status == 1)
        #expect(text.stdout.components(separatedBy: "结论 Verdict: 无法读取 unreadable").count - 1 == 7)
        for code in ["NB101", "NB103", "NB104", "NB105"] { #expect(text.stdout.contains("[\(code) ")) }
        #expect(text.stdout.contains("PDF文件已损坏，无法打开"))
        #expect(text.stdout.contains("文件 File: \(seedPath)"))

        // Larger than --max-bytes: NB102.
        let limited = try await runNianbao(["check", "--format", "json", "--max-bytes", "1000", seedPath])
        #expect(limited.status == 1)
        #expect(limited.stdout.contains(#""code":"NB102""#))
    }

    @Test("rules lists all 27 codes with severity and both languages")
    func rules() async throws {
        let result = try await runNianbao(["rules"])
        #expect(result.status == 0)
        let codes = ["NB101", "NB102", "NB103", "NB104", "NB105", "NB201", "NB202", "NB203", "NB204", "NB205", "NB206", "NB207",
                     "NB208", "NB301", "NB302", "NB303", "NB401", "NB402", "NB403", "NB404", "NB501", "NB502", "NB503", "NB504",
                     "NB505", "NB506", "NB507"]
        let listed = result.stdout.split(separator: "\n").filter { $0.hasPrefix("NB") }.map { String($0.prefix(5)) }
        #expect(listed == codes)
        #expect(result.stdout.contains("row total"))
        #expect(result.stdout.contains("行合计"))

        let json = try await runNianbao(["rules", "--format", "json"])
        #expect(json.status == 0)
        let objects = json.jsonLines
        #expect(objects.compactMap { $0["code"] as? String } == codes)
        let severities = Dictionary(uniqueKeysWithValues: objects.map { ($0["code"] as? String ?? "", $0["severity"] as? String ?? "") })
        #expect(severities["NB401"] == "error")
        #expect(severities["NB501"] == "warning")
        #expect(severities["NB202"] == "warning")
        #expect(severities["NB303"] == "warning")
        #expect(severities["NB104"] == "error")
    }

    @Test("--version prints a version")
    func version() async throws {
        let result = try await runNianbao(["--version"])
        #expect(result.status == 0)
        let version = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(version.range(of: #"^\d+\.\d+\.\d+"#, options: .regularExpression) != nil, "\(version)")
    }

    /// The `!timedOut` expectations above can fail: a program that hangs is ended and said to.
    @Test("a program that hangs is ended by the tests' time-out, and the result says so")
    func hangEnded() async throws {
        let result = try await runNianbao(["30"], timeout: 1, executable: "/bin/sleep")
        #expect(result.timedOut)
        // SIGKILL, as a rule: a child started from a libdispatch thread inherits its blocked
        // signals, so `sleep` never sees the SIGTERM.
        #expect([SIGTERM, SIGKILL].contains(result.status), "exit \(result.status)")
    }
}
