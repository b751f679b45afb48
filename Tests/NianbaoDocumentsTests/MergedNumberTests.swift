import Foundation
import NianbaoCore
import ReportGenerator
@testable import NianbaoDocuments
import Testing

/// A value cell merged down several rows (HTML rowspan, Word vMerge), as real pages merge the
/// numbers of table 三's （六）1–3: a merged 0 is 0 in each row; a merged number other than 0
/// belongs to those rows together and cannot be split, so each of them is NB205 naming the
/// others, never blanks and never "0 value cells". A merged label is no value.
@Suite("Merged value cells")
struct MergedNumberTests {
    static let otherRows: [ApplicationRow] = [.otherNoCorrection, .otherUnpaidFee, .otherOther]
    /// The labels of （六）1–3 in the seed, each found from its own words (the first cell after
    /// it is its 自然人 figure).
    static let otherRowMarkers = ["逾期不补正", "缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"]

    static let labels = [
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
    ]

    /// The seed page with the 自然人 figure of （六）1 replaced by `text` merged down 1–3.
    static func pageMergingNaturalPerson(_ text: String) -> [UInt8] {
        var page = WordPastedTableTests.edit(WordPastedTableTests.page, after: otherRowMarkers[0], WordPastedTableTests.valueCell + "0</span></p></td>",
                                             #"<td rowspan="3" valign="middle"><p align="center"><span style="font-size:14px">\#(text)</span></p></td>"#)
        for marker in otherRowMarkers.dropFirst() {
            page = WordPastedTableTests.edit(page, after: marker, WordPastedTableTests.valueCell + "0</span></p></td>", "")
        }
        return Array(page.utf8)
    }

    /// The seed .docx with the 自然人 figure of （六）1 replaced by `text` merged down 1–3 (vMerge).
    static func docxMergingNaturalPerson(_ text: String) -> [UInt8] {
        var xml = SeedDocument().documentXML
        func replaceFirstCell(after marker: String, with cell: String) {
            let found = xml.range(of: marker)!
            let start = xml.range(of: "<w:tc>", range: found.upperBound..<xml.endIndex)!
            let end = xml.range(of: "</w:tc>", range: start.upperBound..<xml.endIndex)!
            xml.replaceSubrange(start.lowerBound..<end.upperBound, with: cell)
        }
        // The seed's runs hold five characters each: markers that are whole runs.
        let markers = ["逾期不补正", "缴纳费用、", "3.其他"]
        replaceFirstCell(after: markers[0],
                         with: #"<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>\#(text)</w:t></w:r></w:p></w:tc>"#)
        for marker in markers.dropFirst() {
            replaceFirstCell(after: marker, with: "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>")
        }
        return SeedDocument.zip([("[Content_Types].xml", Array(SeedDocument.contentTypes.utf8)), ("word/document.xml", Array(xml.utf8))])
    }

    static func expectSeedReading(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let outcome = DocumentReader.check(bytes)
        #expect(outcome.codes == ["NB501"], sourceLocation: sourceLocation)
        #expect(Summary(outcome) == Summary(ReportChecker.check(Array(SeedDocument.seedText.utf8))), sourceLocation: sourceLocation)
    }

    /// Each of （六）1–3 is NB205 naming the two others, quoting its cells; nothing else but the
    /// seed's own NB501, and no figures of those rows.
    static func expectSharedNumber(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let outcome = DocumentReader.check(bytes)
        #expect(outcome.verdict == .rejected, sourceLocation: sourceLocation)
        #expect(outcome.findings.map(\.code.rawValue).sorted() == ["NB205", "NB205", "NB205", "NB501"], sourceLocation: sourceLocation)
        let applications = try #require(outcome.report?.applications, sourceLocation: sourceLocation)
        for row in otherRows {
            #expect(applications.rows[row]?.isAligned == false, "\(row)", sourceLocation: sourceLocation)
            #expect(applications.rows[row]?.cells == ["2", "0", "0", "0", "0", "0", "0"], "\(row)", sourceLocation: sourceLocation)
        }
        let shared = outcome.findings.filter { $0.code == .nb205 }
        #expect(shared.map { $0.row ?? "-" } == otherRows.map(\.rawValue), sourceLocation: sourceLocation)
        #expect(shared.allSatisfy { $0.table == .three && $0.expected == nil && $0.actual == nil }, sourceLocation: sourceLocation)
        #expect(shared.map(\.message) == [
            "表三“\(labels[0])”一行与“\(labels[1])”、“\(labels[2])”共用纵向合并的单元格，其中的非零数字无法拆分到各行：2 | 0 | 0 | 0 | 0 | 0 | 0；请取消合并，逐行填写各行的数字",
            "表三“\(labels[1])”一行与“\(labels[0])”、“\(labels[2])”共用纵向合并的单元格，其中的非零数字无法拆分到各行：2 | 0 | 0 | 0 | 0 | 0 | 0；请取消合并，逐行填写各行的数字",
            "表三“\(labels[2])”一行与“\(labels[0])”、“\(labels[1])”共用纵向合并的单元格，其中的非零数字无法拆分到各行：2 | 0 | 0 | 0 | 0 | 0 | 0；请取消合并，逐行填写各行的数字",
        ], sourceLocation: sourceLocation)
        #expect(shared.first?.messageEnglish
            == "table 三 row other_no_correction shares vertically merged cells with rows other_unpaid_fee, other_other, and the non-zero numbers in them cannot be split between the rows: 2 | 0 | 0 | 0 | 0 | 0 | 0; unmerge the cells and fill in each row's own numbers",
            sourceLocation: sourceLocation)
        // Their figures are absent, not blank (null) and not 0.
        let figures = try #require(outcome.report?.figuresJSON.serialized(), sourceLocation: sourceLocation)
        #expect(figures.contains(#""new_received":[3,0,0,0,0,0,3]"#), sourceLocation: sourceLocation)
        for row in otherRows { #expect(!figures.contains("\"\(row.rawValue)\""), "\(row)", sourceLocation: sourceLocation) }
    }

    @Test("HTML: a number other than 0 merged down （六）1–3 (rowspan=3) is NB205 for each row, naming the rows that share it")
    func htmlNonZero() throws {
        try Self.expectSharedNumber(Self.pageMergingNaturalPerson("2"))
    }

    @Test("HTML: a 0 merged down （六）1–3 (rowspan=3) is 0 in each row")
    func htmlZero() {
        Self.expectSeedReading(Self.pageMergingNaturalPerson("0"))
    }

    @Test("Word: a number other than 0 merged down （六）1–3 (vMerge) is NB205 for each row, naming the rows that share it")
    func wordNonZero() throws {
        try Self.expectSharedNumber(Self.docxMergingNaturalPerson("2"))
    }

    @Test("Word: a 0 merged down （六）1–3 (vMerge) is 0 in each row")
    func wordZero() {
        Self.expectSeedReading(Self.docxMergingNaturalPerson("0"))
    }

    @Test("a merged label column is no value: the seed's group labels merged down (rowspan, vMerge) read as the text seed, no row shares a number")
    func labelColumnOnly() throws {
        for bytes in [Array(WordPastedTableTests.page.utf8), SeedDocument().docx] {
            let outcome = DocumentReader.check(bytes)
            #expect(Summary(outcome) == Summary(ReportChecker.check(Array(SeedDocument.seedText.utf8))))
            let applications = try #require(outcome.report?.applications)
            #expect(ApplicationRow.allCases.allSatisfy { applications.rows.mergedNumbers(of: $0) == [] })
        }
        // A label merged down beside the figures, even one that starts with a digit, stays
        // blank below it: only numbers are shared.
        func cell(_ text: String, _ merge: String = "") -> String {
            "<w:tc>" + (merge.isEmpty ? "" : "<w:tcPr>\(merge)</w:tcPr>") + "<w:p><w:r><w:t>\(text)</w:t></w:r></w:p></w:tc>"
        }
        let restart = #"<w:vMerge w:val="restart"/>"#, next = "<w:vMerge/>"
        let xml = #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl>"#
            + "<w:tr>" + cell("3.其他处理", restart) + cell("1.逾期不补正") + cell("7") + "</w:tr>"
            + "<w:tr>" + cell("", next) + cell("2.缴纳费用") + cell("8") + "</w:tr>"
            + "</w:tbl></w:body></w:document>"
        guard case .document(let document) = WordReader.parse(Array(xml.utf8)) else { Issue.record("not read"); return }
        #expect(HandMadeTests.rows(document.printedBlocks) == [["3.其他处理", "1.逾期不补正", "7"], ["", "2.缴纳费用", "8"]])
    }
}
