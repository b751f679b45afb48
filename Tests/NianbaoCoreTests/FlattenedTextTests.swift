import Foundation
import Testing
@testable import NianbaoCore
import ReportGenerator

/// Text that lost its shape (report-format.md item 11): the whole report on one line, headings
/// mid-line, table cells run together. Rows are read only where their digits allow one reading.
@Suite("Flattened text")
struct FlattenedTextTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/real")

    static func realReport(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    /// The seed as a crawler stores it: every line run into the next, a table row's cells
    /// joined with `cellSeparator` (nothing at all, or a space).
    static func flattenedSeed(cellSeparator: String = "", lineSeparator: String = "", text: String = SeedReportTests.text) -> String {
        text.split(separator: "\n").map { line in
            guard line.hasPrefix("|") else { return String(line) }
            return line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: cellSeparator)
        }.joined(separator: lineSeparator)
    }

    // MARK: One row's digits

    @Test("a run of digits with one reading is read; spaces are cuts")
    func oneReading() {
        #expect(RunTogetherRow.read("0000000", columns: 7, relation: .init(groups: [0..<7])) == .byDigits(Array(repeating: "0", count: 7)))
        #expect(RunTogetherRow.read("500000 5", columns: 7, relation: .init(groups: [0..<7])) == .byDigits(["5", "0", "0", "0", "0", "0", "5"]))
        #expect(RunTogetherRow.read("000", columns: 3, relation: nil) == .byDigits(["0", "0", "0"]))
        #expect(RunTogetherRow.read("2293", columns: 1, relation: nil) == .byDigits(["2293"]))
        #expect(RunTogetherRow.read("64 0 0 2 0 4 70", columns: 7, relation: nil) == .byDigits(["64", "0", "0", "2", "0", "4", "70"]))
    }

    @Test("the only reading is kept when it breaks the relation: that error is in the digits, not in a guess")
    func onlyReadingBreakingTheRelation() {
        #expect(RunTogetherRow.read("1000002", columns: 7, relation: .init(groups: [0..<7])) == .byDigits(["1", "0", "0", "0", "0", "0", "2"]))
    }

    @Test("several readings, one satisfying the row's relation: read by the relation")
    func readByRelation() {
        #expect(RunTogetherRow.read("640020470", columns: 7, relation: .init(groups: [0..<7])) == .byRelation(["64", "0", "0", "2", "0", "4", "70"]))
        #expect(RunTogetherRow.read("21710000218", columns: 7, relation: .init(groups: [0..<7])) == .byRelation(["217", "1", "0", "0", "0", "0", "218"]))
        #expect(RunTogetherRow.read("10203120001200000", columns: 15, relation: .init(groups: [0..<5, 5..<10, 10..<15]))
            == .byRelation(["1", "0", "2", "0", "3", "12", "0", "0", "0", "12", "0", "0", "0", "0", "0"]))
    }

    @Test("several readings and no relation, or several satisfying it: declined")
    func declined() {
        // 27|0|0|2|0|1|30 and 2|7|0|0|20|1|30 both add up.
        #expect(RunTogetherRow.read("270020130", columns: 7, relation: .init(groups: [0..<7])) == .ambiguous(readings: 12))
        #expect(RunTogetherRow.read("693665", columns: 3, relation: nil) == .ambiguous(readings: 10))
        // Too few digits, a leading zero after a space, a letter: no reading at all.
        #expect(RunTogetherRow.read("12", columns: 3, relation: nil) == .ambiguous(readings: 0))
        #expect(RunTogetherRow.read("10 0 0 0 01", columns: 5, relation: nil) == .ambiguous(readings: 0))
    }

    // MARK: Whole reports

    static func applicationRow(_ values: [Int]) -> [CellValue] { values.map { .count($0) } }

    @Test("平潭 2021 as a crawler stored it: every section found, each row read or declined by name")
    func pingtan2021() throws {
        let outcome = ReportChecker.check(try Self.realReport("pingtan-2021.txt"))
        let report = try #require(outcome.report)
        #expect(report.sections == Section.allCases)
        #expect(report.headingOrder == Section.allCases)
        #expect(report.title == "标题: 平潭综合实验区2021年度政府信息公开工作年度报告")
        #expect(report.year.year == 2021)
        #expect(report.year.statisticsPeriod == 2021)
        // Read by hand (../shared/real/README.md): 64|0|0|2|0|4|70; (七) 63|0|0|2|0|4|69.
        let applications = try #require(report.applications)
        #expect(applications.rows[.newReceived]?.values == Self.applicationRow([64, 0, 0, 2, 0, 4, 70]))
        #expect(applications.rows[.partiallyGranted]?.values == Self.applicationRow([5, 0, 0, 0, 0, 0, 5]))
        #expect(applications.rows[.totalProcessed]?.values == Self.applicationRow([63, 0, 0, 2, 0, 4, 69]))
        #expect(applications.rows[.carriedForward]?.values == Self.applicationRow([1, 0, 0, 0, 0, 0, 1]))
        #expect(applications.rows[.granted]?.isAligned == false)
        #expect(applications.rows[.granted]?.cells == ["270020130"])
        #expect(report.review?.data?.values == Self.applicationRow([1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]))
        #expect(report.disclosure?.rows[.rules]?.values == Self.applicationRow([0, 0, 0]))
        #expect(report.disclosure?.rows[.licensing]?.values == [.count(2293)])
        // Rows with several readings that all fit are declined by name, and no arithmetic is
        // computed from them (NB402 needs granted and unavailable_not_held).
        // Rows read by their own sums are noted (their sums are no evidence there), declined rows too.
        #expect(report.runTogetherRows.map { "\($0.table.rawValue) \($0.label) \($0.digits) \($0.readByRowSums)" } == [
            "二 行政规范性文件 693665 false", "三 一、本年新收政府信息公开申请数量 640020470 true",
            "三 三、本年度办理结果（一）予以公开 270020130 false", "三 （四）无法提供1.本机关不掌握相关政府信息 220000325 false",
            "三 （七）总计 630020469 true", "四 行政复议、行政诉讼数据行 10203120001200000 true",
        ])
        #expect(outcome.verdict == .rejected)
        #expect(outcome.findings.map(ExpectedFinding.init).sorted() == [
            ExpectedFinding(.nb205, table: .two, row: "normative_documents", expected: .count(3), actual: .count(1)),
            ExpectedFinding(.nb205, table: .three, row: "granted", expected: .count(7), actual: .count(1)),
            ExpectedFinding(.nb205, table: .three, row: "unavailable_not_held", expected: .count(7), actual: .count(1)),
        ].sorted())
        // Each declined row says its digits run together and what to send instead, one finding per row.
        #expect(outcome.findings.map(\.message) == [
            "表二“行政规范性文件”一行的数字连在一起（693665），无法唯一拆分到3列；表格的单元格连在一起，请提交原始Word/PDF文件或单元格分隔的表格",
            "表三“三、本年度办理结果（一）予以公开”一行的数字连在一起（270020130），无法唯一拆分到7列；表格的单元格连在一起，请提交原始Word/PDF文件或单元格分隔的表格",
            "表三“（四）无法提供1.本机关不掌握相关政府信息”一行的数字连在一起（220000325），无法唯一拆分到7列；表格的单元格连在一起，请提交原始Word/PDF文件或单元格分隔的表格",
        ])
        #expect(outcome.findings.allSatisfy { $0.messageEnglish.contains("send the original Word or PDF file, or the table with its cells separated") })
        let clerk = outcome.clerkText(file: "pingtan-2021.txt")
        #expect(clerk.contains("说明 Note: 表三以下各行的数字连在一起，按唯一满足本行合计的拆分读取，本行合计因此不作为这些行的核对依据：一、本年新收政府信息公开申请数量；（七）总计\n"))
        #expect(clerk.contains("说明 Note: 表四以下各行的数字连在一起，按唯一满足各组合计的拆分读取，各组合计因此不作为这些行的核对依据：行政复议、行政诉讼数据行\n"))
        #expect(!clerk.contains("说明 Note: 表二"))
    }

    @Test("平潭 2021: the rows read by their own sums are notes of the verdict in the JSON, each with its table, row and both languages")
    func pingtan2021Notes() throws {
        let outcome = ReportChecker.check(try Self.realReport("pingtan-2021.txt"))
        let json = outcome.json(file: "pingtan-2021.txt").serialized()
        let notes = json.firstRange(of: #","notes":"#).map { String(json[$0.upperBound...]) }
        #expect(notes == """
            [{"table":"三","row":"new_received","row_label":"一、本年新收政府信息公开申请数量","digits":"640020470",\
            "message":"表三“一、本年新收政府信息公开申请数量”一行的数字连在一起（640020470），按唯一满足本行合计的拆分读取，本行合计因此不作为该行的核对依据",\
            "message_en":"table 三 row new_received: the row's digits ran together (640020470) and were read by the one split that satisfies the row's total, so that total is no evidence for this row"},\
            {"table":"三","row":"total_processed","row_label":"（七）总计","digits":"630020469",\
            "message":"表三“（七）总计”一行的数字连在一起（630020469），按唯一满足本行合计的拆分读取，本行合计因此不作为该行的核对依据",\
            "message_en":"table 三 row total_processed: the row's digits ran together (630020469) and were read by the one split that satisfies the row's total, so that total is no evidence for this row"},\
            {"table":"四","row_label":"行政复议、行政诉讼数据行","digits":"10203120001200000",\
            "message":"表四“行政复议、行政诉讼数据行”一行的数字连在一起（10203120001200000），按唯一满足各组合计的拆分读取，各组合计因此不作为该行的核对依据",\
            "message_en":"table 四 row data: the row's digits ran together (10203120001200000) and were read by the one split that satisfies each group's total, so that total is no evidence for this row"}]}
            """)
        // Declined rows are findings (NB205), not notes; each note's row is keyed once the table is read.
        #expect(outcome.report?.runTogetherRows.map { $0.row ?? "-" } == [
            "normative_documents", "new_received", "granted", "unavailable_not_held", "total_processed", "-",
        ])
        // A report whose rows all have their cells: no notes, the key still there.
        #expect(ReportChecker.check(Array(SeedReportTests.text.utf8)).json(file: "seed").serialized().hasSuffix(#","notes":[]}"#))
    }

    @Test("平潭 2024 as a crawler stored it: everything read but 行政规范性文件, declined")
    func pingtan2024() throws {
        let outcome = ReportChecker.check(try Self.realReport("pingtan-2024.txt"))
        let report = try #require(outcome.report)
        #expect(report.sections == Section.allCases)
        #expect(report.title == "标题: 平潭综合实验区2024年度政府信息公开工作年度报告")
        #expect(report.year.year == 2024)
        let applications = try #require(report.applications)
        #expect(applications.rows[.newReceived]?.values == Self.applicationRow([217, 1, 0, 0, 0, 0, 218]))
        #expect(applications.rows[.deniedInternalAffairs]?.values == Self.applicationRow([32, 0, 0, 0, 0, 0, 32]))
        #expect(applications.rows[.otherNoCorrection]?.values == Self.applicationRow([1, 0, 0, 0, 0, 0, 1]))
        #expect(applications.rows[.otherOther]?.values == Self.applicationRow([1, 1, 0, 0, 0, 0, 2]))
        #expect(applications.rows[.totalProcessed]?.values == Self.applicationRow([217, 1, 0, 0, 0, 0, 218]))
        #expect(ApplicationRow.allCases.allSatisfy { applications.rows[$0]?.isAligned == true })
        #expect(report.review?.data?.values == Self.applicationRow([2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19]))
        #expect(report.disclosure?.rows[.fees]?.values == [.amount(18651.06)])
        #expect(outcome.findings.map(ExpectedFinding.init) == [
            ExpectedFinding(.nb205, table: .two, row: "normative_documents", expected: .count(3), actual: .count(1)),
        ])
        #expect(report.runTogetherRows.map { "\($0.table.rawValue) \($0.label) \($0.digits) \($0.readByRowSums)" } == [
            "二 行政规范性文件 6233440 false", "三 一、本年新收政府信息公开申请数量 21710000218 true",
            "三 三、本年度办 理结果 （一）予以公开 710000071 true", "三 （二）部分公开（区分处理的，只计这一情形，不计其他情形） 290000029 true",
            "三 5.属于三类内部事务信息 320000032 true", "三 （四）无法提供1.本机关不掌握相关政府信息 750000075 true",
            "三 （七）总计 21710000218 true", "四 行政复议、行政诉讼数据行 21317000001324019 true",
        ])
        #expect(outcome.findings.first?.message
            == "表二“行政规范性文件”一行的数字连在一起（6233440），无法唯一拆分到3列；表格的单元格连在一起，请提交原始Word/PDF文件或单元格分隔的表格")
        #expect(outcome.findings.first?.messageEnglish
            == "table 二 row normative_documents: the row's digits run together (6233440) and cannot be split into its 3 columns one way only; the table's cells are run together: send the original Word or PDF file, or the table with its cells separated")
        // The rows read by their own sums are named in the clerk's text: those sums are no evidence there.
        let clerk = outcome.clerkText(file: "pingtan-2024.txt").split(separator: "\n").map(String.init)
        #expect(Array(clerk[4..<8]) == [
            "说明 Note: 表三以下各行的数字连在一起，按唯一满足本行合计的拆分读取，本行合计因此不作为这些行的核对依据：一、本年新收政府信息公开申请数量；三、本年度办 理结果 （一）予以公开；（二）部分公开（区分处理的，只计这一情形，不计其他情形）；5.属于三类内部事务信息；（四）无法提供1.本机关不掌握相关政府信息；（七）总计",
            "      table 三: these rows' digits ran together and were read by the one split that satisfies the row's total, so that total is no evidence for them: 一、本年新收政府信息公开申请数量；三、本年度办 理结果 （一）予以公开；（二）部分公开（区分处理的，只计这一情形，不计其他情形）；5.属于三类内部事务信息；（四）无法提供1.本机关不掌握相关政府信息；（七）总计",
            "说明 Note: 表四以下各行的数字连在一起，按唯一满足各组合计的拆分读取，各组合计因此不作为这些行的核对依据：行政复议、行政诉讼数据行",
            "      table 四: these rows' digits ran together and were read by the one split that satisfies each group's total, so that total is no evidence for them: 行政复议、行政诉讼数据行",
        ])
        #expect(clerk[8] == "问题 Findings: 1 个错误 errors, 0 个警告 warnings")
    }

    @Test("the seed flattened onto one line, cells run together or apart, reads as the seed", arguments: [("", ""), (" ", ""), ("", " "), (" ", " ")])
    func flattenedSeed(cellSeparator: String, lineSeparator: String) {
        let text = Self.flattenedSeed(cellSeparator: cellSeparator, lineSeparator: lineSeparator)
        #expect(!text.contains("\n"))
        let seed = ReportChecker.check(Array(SeedReportTests.text.utf8))
        let outcome = ReportChecker.check(Array(text.utf8))
        #expect(outcome.report?.sections == Section.allCases)
        #expect(outcome.report?.headingOrder == Section.allCases)
        // The same figures; labels may keep a group label run into them (三、本年度办理结果(一)予以公开).
        for row in ApplicationRow.allCases {
            #expect(outcome.report?.applications?.rows[row]?.values == seed.report?.applications?.rows[row]?.values, "\(row)")
        }
        for item in DisclosureItem.allCases {
            #expect(outcome.report?.disclosure?.rows[item]?.values == seed.report?.disclosure?.rows[item]?.values, "\(item)")
        }
        #expect(outcome.report?.review?.data?.values == seed.report?.review?.data?.values)
        #expect(outcome.report?.year == seed.report?.year)
        #expect(outcome.findings.map(ExpectedFinding.init) == [RealVariantTests.seedNB501])
        #expect(outcome.report?.runTogetherRows == [])
        #expect(!outcome.clerkText(file: "seed.txt").contains("说明 Note"))
    }

    @Test("the seed flattened with larger figures: a row with several readings that add up is declined, never guessed")
    func flattenedSeedWithAmbiguousRow() throws {
        // 12|0|0|0|0|1|13 and 1|2|0|0|0|10|13 both add up; run together they are 120000113.
        var shaped = SeedReportTests.text.replacingOccurrences(
            of: "| 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |",
            with: "| 一、本年新收政府信息公开申请数量 | 12 | 0 | 0 | 0 | 1 | 0 | 13 |")
        shaped = shaped.replacingOccurrences(of: "共受理政府信息公开申请2件", with: "共受理政府信息公开申请13件")
        let outcome = ReportChecker.check(Array(Self.flattenedSeed(text: shaped).utf8))
        let report = try #require(outcome.report)
        #expect(report.sections == Section.allCases)
        #expect(report.applications?.rows[.newReceived]?.cells == ["120001013"])
        #expect(outcome.findings.map(ExpectedFinding.init).sorted() == [
            ExpectedFinding(.nb205, table: .three, row: "new_received", expected: .count(7), actual: .count(1)),
        ])
        #expect(outcome.findings.first?.message
            == "表三“一、本年新收政府信息公开申请数量”一行的数字连在一起（120001013），无法唯一拆分到7列；表格的单元格连在一起，请提交原始Word/PDF文件或单元格分隔的表格")
    }

    @Test("a hostile line of label-digit pairs and long runs of digits ends, each row bounded")
    func hostileLine() {
        let pairs = String(repeating: "3.其他12345678901234567890", count: 5_000)
        let text = "一、总体情况 本机关。二、主动公开政府信息情况第二十条规章" + String(repeating: "1", count: 5_000)
            + "三、收到和处理政府信息公开申请情况申请人情况" + pairs + "四、政府信息公开行政复议、行政诉讼情况行政复议" + String(repeating: "10", count: 40)
        let outcome = ReportChecker.check(Array(text.utf8))
        #expect(outcome.report?.sections == Section.allCases.filter { $0.rawValue <= 4 })
        #expect(outcome.report?.disclosure?.rows[.rules]?.isAligned != true)
        #expect(outcome.report?.review?.data?.isAligned != true)
        #expect(RunTogetherRow.read(String(repeating: "1", count: 200), columns: 15, relation: nil) == .ambiguous(readings: 0))
    }
}
