import Foundation
import Testing
@testable import NianbaoCore

/// Issue 16, item 3: one finding where one is meant. A row left entirely blank is one finding
/// for the row, a table one for the table, the three tables blank one for the report (the
/// unfilled template); the cells stay listed in the finding's JSON.
@Suite("Blanks said once: rows, tables, the unfilled template")
struct BlankFindingsTests {
    /// The seed with every number of its tables taken out, from the line that starts with
    /// `from` on: the 2021 template as sent back unfilled (`from` nil), or one table left blank.
    static func blanked(from start: String? = nil, to end: String? = nil) -> String {
        var inside = start == nil
        return SeedReportTests.text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            if let start, line.hasPrefix(start) { inside = true }
            if let end, line.hasPrefix(end) { inside = false }
            guard inside, line.hasPrefix("|") else { return String(line) }
            return line.split(separator: "|", omittingEmptySubsequences: false).map { cell in
                let trimmed = cell.trimmingCharacters(in: .whitespaces)
                return !trimmed.isEmpty && trimmed.allSatisfy(\.isASCII) && Double(trimmed) != nil ? "  " : String(cell)
            }.joined(separator: "|")
        }.joined(separator: "\n")
    }

    static var blankTemplate: String { blanked() }

    static func check(_ text: String) -> CheckOutcome { ReportChecker.check(Array(text.utf8)) }

    @Test("the blank 2021 template gives a handful of findings, one saying it looks like the unfilled template")
    func blankTemplate() throws {
        let outcome = Self.check(Self.blankTemplate)
        // Table 四's blank data row is not read at all (NB204), so its 15 cells are not listed.
        #expect(outcome.codes == ["NB204", "NB303"], "\(outcome.findings.map(\.message))")
        #expect(outcome.findings.count == 2)
        #expect(outcome.verdict == .rejected)
        let template = try #require(outcome.findings.first { $0.code == .nb303 })
        #expect(template.table == nil && template.row == nil && template.section == nil)
        #expect(template.message == "三张统计表都没有填写数字（185个单元格空白），看起来是未填写的模板；请填写表二、表三、表四的数字（没有发生填0）")
        #expect(template.messageEnglish == "none of the three tables has a number (185 cells blank): this looks like the unfilled template; fill in tables 二, 三 and 四 (0 where there were none)")
        #expect(template.cells.count == 185)
        let json = template.json.serialized()
        #expect(json.contains(#""cells":[{"table":"二","row":"rules","column":"issued"},"#), "\(json.prefix(400))")
        #expect(json.hasSuffix(#"{"table":"三","row":"carried_forward","column":"total"}]}"#))
        // The clerk text says it in one finding, not 226.
        let text = outcome.clerkText(file: "template.txt")
        #expect(text.components(separatedBy: "[NB303").count == 2)
    }

    @Test("table 二 left entirely blank is one finding for the table, with its 10 cells")
    func blankTable() throws {
        let outcome = Self.check(Self.blanked(from: "二、主动公开政府信息情况", to: "三、收到和处理政府信息公开申请情况"))
        #expect(outcome.codes == ["NB303", "NB501"])
        let blanks = outcome.findings.filter { $0.code == .nb303 }
        try #require(blanks.count == 1)
        #expect(blanks[0].table == .two && blanks[0].row == nil && blanks[0].column == nil && blanks[0].section == .two)
        #expect(blanks[0].message == "表二全部空白（10个单元格），视为未填写（不按0计）；请填写数字（没有发生填0）")
        #expect(blanks[0].cells.count == 10)
        #expect(blanks[0].cells.first == CellKey(table: .two, row: "rules", column: "issued"))
    }

    @Test("table 三 left entirely blank is one finding for the table and no relation of it")
    func blankApplicationTable() throws {
        let outcome = Self.check(Self.blanked(from: "三、收到和处理政府信息公开申请情况", to: "四、政府信息公开行政复议"))
        #expect(outcome.findings.map(\.code.rawValue) == ["NB303"], "\(outcome.findings.map(\.message))")
        #expect(outcome.findings.first?.message == "表三全部空白（175个单元格），视为未填写（不按0计）；请填写数字（没有发生填0）")
    }

    @Test("a row of table 三 left entirely blank is one finding for the row, with its 7 cells")
    func blankRow() throws {
        let outcome = Self.check(SeedReportTests.text.replacingOccurrences(
            of: "| 2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", with: "| 2.重复申请 |  |  |  |  |  |  |  |"))
        #expect(outcome.verdict == .acceptedWithWarnings)
        let blanks = outcome.findings.filter { $0.code == .nb303 }
        try #require(blanks.count == 1, "\(blanks.map(\.message))")
        #expect(blanks[0].table == .three && blanks[0].row == "not_processed_repeat" && blanks[0].column == nil)
        #expect(blanks[0].message == "表三“2.重复申请”行全部空白，视为未填写（不按0计）；没有发生请填0")
        #expect(blanks[0].cells.map(\.column) == ApplicantColumn.allCases.map(\.rawValue))
    }

    @Test("a one-cell row left blank stays a finding for its cell; a row with one number is per cell")
    func notWholeRows() {
        let licensing = Self.check(SeedReportTests.text.replacingOccurrences(of: "| 行政许可 | 0 |", with: "| 行政许可 |  |"))
        #expect(licensing.findings.filter { $0.code == .nb303 }.map { "\($0.row ?? "-")/\($0.column ?? "-")" } == ["licensing/decisions"])
        let partly = Self.check(SeedReportTests.text.replacingOccurrences(
            of: "| 2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", with: "| 2.重复申请 |  |  | 0 |  |  |  |  |"))
        #expect(partly.findings.filter { $0.code == .nb303 && $0.terms == nil }.count == 6)
    }
}
