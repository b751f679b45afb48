import Foundation
import NianbaoCore
import ReportGenerator
@testable import NianbaoDocuments
import Testing

/// Tables pasted from Word into a CMS page: irregular grids, merged value cells, Word's markup.
/// Each is written into the seed page and must read as the seed does.
@Suite("Word-pasted tables on web pages")
struct WordPastedTableTests {
    static var page: String {
        String(decoding: try! Data(contentsOf: SeedDocument.fixtures.appendingPathComponent("seed-2023.html")), as: UTF8.self)
    }

    static let valueCell = #"<td valign="middle"><p align="center"><span style="font-size:14px">"#

    /// `page` with the first `original` after `marker` replaced.
    static func edit(_ page: String, after marker: String, _ original: String, _ replacement: String) -> String {
        guard let markerRange = page.range(of: marker), let found = page.range(of: original, range: markerRange.upperBound..<page.endIndex) else {
            preconditionFailure("\(original) after \(marker) is not in the page")
        }
        return page.replacingCharacters(in: found, with: replacement)
    }

    static func expectSeedReading(_ page: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let outcome = DocumentReader.check(Array(page.utf8))
        #expect(outcome.codes == ["NB501"], sourceLocation: sourceLocation)
        #expect(Summary(outcome) == Summary(ReportChecker.check(Array(SeedDocument.seedText.utf8))), sourceLocation: sourceLocation)
    }

    @Test("a value cell with colspan=2 under a header spanning two grid columns is one value, no phantom blank")
    func valueSpanningTwoColumns() {
        var page = Self.edit(Self.page, after: "申请人情况", #"<td rowspan="2" valign="middle">"#, #"<td rowspan="2" colspan="2" valign="middle">"#)
        page = Self.edit(page, after: "一、本年新收政府信息公开申请数量", Self.valueCell, #"<td colspan="2" valign="middle"><p align="center"><span style="font-size:14px">"#)
        page = Self.edit(page, after: "二、上年结转政府信息公开申请数量", Self.valueCell, #"<td colspan="2" valign="middle"><p align="center"><span style="font-size:14px">"#)
        Self.expectSeedReading(page)
    }

    @Test("a value cell spanning two columns under headers that do not span them stays a collapsed row (NB205)")
    func valueSpanningTwoHeaders() throws {
        let page = Self.edit(Self.page, after: "一、本年新收政府信息公开申请数量", Self.valueCell, #"<td colspan="2" valign="middle"><p align="center"><span style="font-size:14px">"#)
        let outcome = DocumentReader.check(Array(page.utf8))
        #expect(outcome.report?.applications?.rows[.newReceived]?.isAligned == false)
        #expect(outcome.codes == ["NB205"])
    }

    @Test("a 0 merged down （六）1–3 (rowspan=3) is 0 in each of those rows")
    func zeroMergedDownRows() {
        var page = Self.edit(Self.page, after: "逾期不补正", Self.valueCell, #"<td rowspan="3" valign="middle"><p align="center"><span style="font-size:14px">"#)
        for label in ["缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"] {
            page = Self.edit(page, after: label, Self.valueCell + "0</span></p></td>", "")
        }
        Self.expectSeedReading(page)
    }

    @Test("Word's pasted markup in a value cell (mso- classes and styles, <o:p>, several <span>) reads as the number")
    func wordMarkup() {
        let page = Self.edit(Self.page, after: "一、本年新收政府信息公开申请数量", Self.valueCell + "3</span></p></td>",
                             #"<td class="xl65" style="mso-number-format:'\@';width:54pt;border:none"><p class="MsoNormal" align="center"><span lang="EN-US" style="mso-bidi-font-size:10.5pt"><span>3</span><o:p></o:p></span></p></td>"#)
        Self.expectSeedReading(page)
    }

    @Test("a value cell holding only &nbsp; is blank, not 0")
    func nbspIsBlank() throws {
        let page = Self.edit(Self.page, after: "二、上年结转政府信息公开申请数量", Self.valueCell + "0</span></p></td>",
                             #"<td valign="middle"><p class="MsoNormal">&nbsp;<o:p></o:p></p></td>"#)
        let outcome = DocumentReader.check(Array(page.utf8))
        #expect(outcome.report?.applications?.value(.carriedOver, .naturalPerson) == .notStated)
        #expect(outcome.codes == ["NB303", "NB501"])
    }

    @Test("Word's vertical merge: a 0 merged down is 0 in each row; a merged label stays blank below; a merged number is in each row, marked as shared (MergedNumberTests)")
    func wordVerticalMergeOfZero() throws {
        func cell(_ text: String, _ merge: String = "") -> String {
            "<w:tc>" + (merge.isEmpty ? "" : "<w:tcPr>\(merge)</w:tcPr>") + "<w:p><w:r><w:t>\(text)</w:t></w:r></w:p></w:tc>"
        }
        let restart = #"<w:vMerge w:val="restart"/>"#, next = "<w:vMerge/>"
        let xml = #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl>"#
            + "<w:tr>" + cell("(六)其他处理", restart) + cell("1.逾期不补正") + cell("0", restart) + cell("5", restart) + "</w:tr>"
            + "<w:tr>" + cell("", next) + cell("2.缴纳费用") + cell("", next) + cell("", next) + "</w:tr>"
            + "<w:tr>" + cell("", next) + cell("3.其他") + cell("", next) + cell("", next) + "</w:tr>"
            + "</w:tbl></w:body></w:document>"
        guard case .document(let document) = WordReader.parse(Array(xml.utf8)) else { Issue.record("not read"); return }
        #expect(HandMadeTests.rows(document.printedBlocks) == [
            ["(六)其他处理", "1.逾期不补正", "0", "5"], ["", "2.缴纳费用", "0", "5"], ["", "3.其他", "0", "5"],
        ])
    }
}
