import NianbaoCore
import NianbaoDocuments
import ReportGenerator
import Testing

/// One rule joins a cell's lines in every format (`LineJoining`): a cell written over several
/// lines of text, as several paragraphs of a Word cell, and as paragraphs and breaks of a web
/// page cell reads the same.
@Suite("Joining a cell's lines")
struct LineJoiningTests {
    /// Each cell as its lines, and as it must read once joined.
    static let cells: [(lines: [String], joined: String)] = [
        (["结果维", "持"], "结果维持"),
        (["Article 5,", "paragraph 2"], "Article 5, paragraph 2"),
        (["(一)", "行政许可"], "(一)行政许可"),
        (["2023", "年"], "2023年"),
        (["open", "data"], "open data"),
        (["(1)", "(2)"], "(1) (2)"),
    ]

    static func rows(_ document: DocumentText?) -> [[String]] {
        (document?.printedBlocks ?? []).compactMap { if case .row(let cells) = $0 { cells } else { nil } }
    }

    static func cells(_ blocks: [PrintedBlock]) -> [String] {
        blocks.compactMap { if case .cell(let cell) = $0 { cell } else { nil } }
    }

    @Test("text: the lines of a cell closed by ` |`")
    func text() {
        let text = Self.cells.map { $0.lines.joined(separator: "\n") + " |\n" }.joined()
        #expect(Self.cells(TextLayout.document(of: text).printedBlocks) == Self.cells.map(\.joined))
    }

    @Test("Word: the paragraphs and line breaks of a table cell", arguments: [false, true])
    func word(breaks: Bool) {
        let rows = Self.cells.map { cell in
            let runs = cell.lines.map { "<w:r><w:t xml:space=\"preserve\">\($0)</w:t></w:r>" }
            let paragraphs = breaks ? "<w:p>" + runs.joined(separator: "<w:r><w:br/></w:r>") + "</w:p>" : runs.map { "<w:p>\($0)</w:p>" }.joined()
            return "<w:tr><w:tc>\(paragraphs)</w:tc><w:tc><w:p><w:r><w:t>7</w:t></w:r></w:p></w:tc></w:tr>"
        }.joined()
        let xml = #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl>"#
            + rows + "</w:tbl></w:body></w:document>"
        let document = DocumentReader.document(HostileTests.docx(documentXML: xml))
        #expect(Self.rows(document).map(\.first) == Self.cells.map(\.joined))
    }

    @Test("web page: the paragraphs and line breaks of a table cell", arguments: ["<p>|</p>", "|<br>"])
    func webPage(shape: String) {
        let rows = Self.cells.map { cell in
            let lines = cell.lines.map { shape.replacingOccurrences(of: "|", with: $0) }.joined()
            return "<tr><td>\(lines)</td><td>7</td></tr>"
        }.joined()
        let page = "<html><body><table>\(rows)</table></body></html>"
        #expect(Self.rows(DocumentReader.document(Array(page.utf8))).map(\.first) == Self.cells.map(\.joined))
    }
}
