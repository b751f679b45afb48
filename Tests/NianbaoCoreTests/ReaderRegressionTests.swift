import Testing
@testable import NianbaoCore
import ReportGenerator

/// The reading cases the generated reports found, pinned down on small inputs.
@Suite("Reader regressions")
struct ReaderRegressionTests {
    static func cells(_ block: PrintedBlock) -> [String]? {
        if case .row(let cells) = block { return cells }
        return nil
    }

    @Test("the UTF-8 survey splits lines at LF, CRLF and a lone CR, as the layout does")
    func surveyLines() throws {
        let bytes = Array("a\r\nb\rc\n\n规章\r\r\nd".utf8)
        let survey = try #require(bytes.withUnsafeBufferPointer(UTF8Survey.init))
        // a, b, c, "", 规章 (3 bytes each), "", d.
        #expect(survey.lines == [0..<1, 3..<4, 5..<6, 7..<7, 8..<14, 15..<15, 17..<18])
        let seed = SeedReportTests.text
        for text in [seed, seed.replacingOccurrences(of: "\n", with: "\r\n"), seed.replacingOccurrences(of: "\n", with: "\r"), seed + "\n\n"] {
            let utf8 = Array(text.utf8)
            let lines = try #require(utf8.withUnsafeBufferPointer(UTF8Survey.init)).lines
            #expect(TextLayout.document(ofValidUTF8: utf8, lines: lines).printedBlocks == TextLayout.document(of: text).printedBlocks)
        }
    }

    @Test("tab-separated rows keep the empty cells at their ends")
    func tabRowsKeepEdgeCells() {
        let blocks = TextLayout.document(of: "信息内容\t本年处理决定数量\t\t\n行政许可\t\t\t\n规章\t1\t2\t\n\t0\t3\n").printedBlocks
        #expect(blocks.map(Self.cells) == [
            ["信息内容", "本年处理决定数量", "", ""], ["行政许可", "", "", ""], ["规章", "1", "2", ""], ["", "0", "3"],
        ])
    }

    @Test("edge tabs elsewhere are indentation; a heading after a tab table stays a heading")
    func edgeTabsOutsideTables() {
        let blocks = TextLayout.document(of: "\t本年度共收到政府信息公开申请3件。\n规章\t1\n五、存在的主要问题及改进情况\t\n\t本机关。\n").printedBlocks
        #expect(blocks.count == 4)
        if case .paragraph(let cell) = blocks[0] { #expect(cell == "本年度共收到政府信息公开申请3件。") } else { Issue.record("\(blocks[0])") }
        #expect(Self.cells(blocks[1]) == ["规章", "1"])
        if case .heading(let section, _) = blocks[2] { #expect(section == .five) } else { Issue.record("\(blocks[2])") }
        if case .paragraph(let cell) = blocks[3] { #expect(cell == "本机关。") } else { Issue.record("\(blocks[3])") }
    }

    @Test("a blank first cell of table 四's data row is read as not stated, not dropped as header padding")
    func blankFirstReviewCell() {
        let text = SeedReportTests.text.replacingOccurrences(
            of: "| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ",
            with: "|  | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ")
        #expect(text != SeedReportTests.text)
        let outcome = ReportChecker.check(Array(text.utf8))
        #expect(outcome.report?.review?.data?.values == [.notStated] + Array(repeating: .count(0), count: 14))
        #expect(outcome.findings.map(ExpectedFinding.init).sorted() == [
            ExpectedFinding(.nb303, table: .four, row: "review", column: "total"),
            ExpectedFinding(.nb303, table: .four, row: "review", column: "upheld"),
            ExpectedFinding(.nb501, section: .one, row: "new_received", column: "total", expected: .count(3), actual: .count(2)),
        ].sorted())
    }

    @Test("text in the first cell of table 四's data row is NB301 there, not a collapsed row")
    func textInFirstReviewCell() {
        let text = SeedReportTests.text.replacingOccurrences(
            of: "| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ",
            with: "| 不详 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ")
        let outcome = ReportChecker.check(Array(text.utf8))
        #expect(outcome.codes == ["NB301", "NB501"])
        #expect(outcome.findings.first { $0.code == .nb301 }.map(ExpectedFinding.init) == ExpectedFinding(.nb301, table: .four, row: "review", column: "upheld"))
    }

    @Test("结转下年度继续办理N件 in the prose is compared with carried_forward")
    func carriedForwardStatement() {
        let statements = ProseStatementFinder.statements(in: Prose([(.one, "本年度共收到政府信息公开申请3件，结转下年度继续办理5件。")]))
        #expect(statements.map(\.kind) == [.applicationsReceived, .carriedForward])
        #expect(statements.map(\.number) == [3, 5])
        let text = SeedReportTests.text.replacingOccurrences(of: "都在法定期限内予以答复。", with: "都在法定期限内予以答复，结转下年度继续办理2件。")
        let outcome = ReportChecker.check(Array(text.utf8))
        #expect(outcome.findings.map(ExpectedFinding.init).sorted() == [
            ExpectedFinding(.nb501, section: .one, row: "carried_forward", column: "total", expected: .count(1), actual: .count(2)),
            ExpectedFinding(.nb501, section: .one, row: "new_received", column: "total", expected: .count(3), actual: .count(2)),
        ].sorted())
    }
}
