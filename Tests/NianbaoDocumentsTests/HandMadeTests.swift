import Foundation
import NianbaoCore
import ReportGenerator
@testable import NianbaoDocuments
import Testing

/// Small files shaped like what Word and a CMS really produce.
@Suite("Hand-made Word and HTML shapes")
struct HandMadeTests {
    static func rows(_ blocks: [PrintedBlock]) -> [[String]] {
        blocks.compactMap { if case .row(let cells) = $0 { cells } else { nil } }
    }

    @Test("gridSpan and vMerge become a grid; runs, tabs, breaks joined; deletions dropped")
    func wordGrid() throws {
        let xml = #"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
        <w:p><w:r><w:t>一、</w:t></w:r><w:r><w:t>总体</w:t></w:r><w:proofErr/><w:r><w:t xml:space="preserve">情况</w:t></w:r></w:p>
        <w:p/>
        <w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
        <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr>
        <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r><w:del><w:r><w:delText>9</w:delText></w:r></w:del><w:ins><w:r><w:t>0</w:t></w:r></w:ins></w:p></w:tc><w:tc><w:p><w:r><w:t>结果维</w:t></w:r></w:p><w:p><w:r><w:t>持</w:t></w:r></w:p></w:tc></w:tr>
        </w:tbl>
        <w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p>
        <w:p><w:r><w:t>甲&amp;乙&lt;丙&#x4E01;</w:t></w:r></w:p>
        </w:body></w:document>
        """#
        guard case .document(let document) = WordReader.parse(Array(xml.utf8)) else { Issue.record("not read"); return }
        let blocks = document.printedBlocks
        #expect(Self.rows(blocks).first == ["甲", "乙"])
        #expect(Self.rows(blocks).dropFirst().first == ["", "10", "结果维持"])
        #expect(blocks.contains { if case .heading(.one, _) = $0 { true } else { false } })
        #expect(blocks.contains { if case .paragraph(let cell) = $0 { cell == "甲&乙<丙丁" } else { false } })
        #expect(blocks.contains { if case .row(let cells) = $0 { cells == ["a", "b"] } else { false } })
    }

    @Test("formatting is skimmed to its own end tag: a tracked format change nests w:rPr in w:rPr")
    func wordPropertiesSkimmed() throws {
        func read(_ body: String) -> WordReader.Result {
            WordReader.parse(Array((#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"# + body + "</w:body></w:document>").utf8))
        }
        let nested = #"<w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:rPr><w:b/><w:rPrChange w:id="1" w:author="a"><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr><w:t>甲</w:t></w:r><w:r><w:rPr/><w:t>乙</w:t></w:r></w:p>"#
        guard case .document(let document) = read(nested) else { Issue.record("not read"); return }
        let blocks = document.printedBlocks
        #expect(blocks.contains { if case .paragraph(let cell) = $0 { cell == "甲乙" } else { false } })
        // Properties never closed: the part is malformed.
        guard case .failure(let failure) = read(#"<w:p><w:r><w:rPr><w:b/><w:t>甲</w:t></w:r></w:p>"#) else { Issue.record("read"); return }
        #expect(failure.code == .nb105)
    }

    @Test("a Word report laid out inside an outer table (nested tables) reads as the text seed")
    func wordNestedLayout() {
        let xml = SeedDocument().documentXML
        let open = xml.range(of: "<w:body>")!.upperBound, close = xml.range(of: "<w:sectPr>")!.lowerBound
        let wrapped = String(xml[..<open]) + "<w:tbl><w:tr><w:tc>" + String(xml[open..<close]) + "</w:tc></w:tr></w:tbl>" + String(xml[close...])
        let bytes = SeedDocument.zip([("[Content_Types].xml", Array(SeedDocument.contentTypes.utf8)), ("word/document.xml", Array(wrapped.utf8))])
        let outcome = DocumentReader.check(bytes)
        #expect(Summary(outcome) == Summary(ReportChecker.check(Array(SeedDocument.seedText.utf8))), "\(Summary(outcome))")
    }

    @Test("a .docx whose entries are stored without compression reads the same")
    func storedEntries() {
        let document = SeedDocument()
        let stored = SeedDocument.zip([("[Content_Types].xml", Array(SeedDocument.contentTypes.utf8)),
                                       ("word/document.xml", Array(document.documentXML.utf8))], method: .none)
        #expect(DocumentReader.check(stored).codes == ["NB501"])
    }

    @Test("rowspan and colspan become a grid; &nbsp; cells are blank; chrome skipped")
    func htmlGrid() throws {
        let page = #"""
        <html><head><title>标题</title><script>一、总体情况</script></head><body>
        <nav>首页 政务公开</nav>
        <table><tr><td rowspan="2">甲</td><td colspan="2">乙</td></tr><tr><td>&nbsp;</td><td>1&nbsp;</td></tr>
        <tr><td>丙</td><td>2</td><td>3</td></tr></table>
        <footer>版权所有</footer></body></html>
        """#
        let decoded = try HTMLReader.read(Array(page.utf8)).get()
        #expect(Self.rows(decoded.document.printedBlocks) == [["甲", "乙"], ["", "", "1"], ["丙", "2", "3"]])
        #expect(!decoded.document.printedBlocks.contains { if case .paragraph(let cell) = $0 { cell.contains("首页") || cell.contains("版权") } else { false } })
    }

    @Test("a report in a layout table (nested tables) is still read")
    func nestedLayout() {
        let document = SeedDocument()
        let inner = String(decoding: document.html(chrome: false), as: UTF8.self)
        let body = inner.components(separatedBy: "<body>")[1].components(separatedBy: "</body>")[0]
        let page = "<html><body><table width=\"100%\"><tr><td class=\"side\"><a href=\"/\">首页</a></td><td>\(body)</td></tr></table></body></html>"
        let outcome = DocumentReader.check(Array(page.utf8))
        #expect(outcome.codes == ["NB501"])
        #expect(Summary(outcome).figures == Summary(ReportChecker.check(Array(SeedDocument.seedText.utf8))).figures)
    }

    @Test("a report pasted into <pre> is read as the text it is")
    func preformatted() {
        let page = "<html><body><pre>" + SeedDocument.escape(SeedDocument.seedText) + "</pre></body></html>"
        let outcome = DocumentReader.check(Array(page.utf8))
        #expect(outcome.kind == .html)
        #expect(Summary(outcome) == Summary(ReportChecker.check(Array(SeedDocument.seedText.utf8))))
    }

    @Test("the charset a page declares, in either meta form, any case, quoted or not")
    func declaredCharsets() {
        func charset(_ head: String) -> String? { HTMLReader.declaredCharset(Array(head.utf8)) }
        #expect(charset(#"<html><head><meta charset="GB2312"><title>"#) == "gb2312")
        #expect(charset(#"<meta http-equiv="Content-Type" content="text/html; CHARSET = 'x-GBK'">"#) == "x-gbk")
        #expect(charset("<meta charset=utf-8>") == "utf-8")
        #expect(charset("<p>charset is a word; charset=</p><meta charset=gbk>") == "gbk")
        #expect(charset("<html><head><title>charset</title>") == nil)
        #expect(charset(String(repeating: " ", count: 4096) + "<meta charset=gbk>") == nil)  // past the first 4 KiB
    }

    @Test("a UTF-8 page with a BOM and no meta, and a GBK page without any declaration")
    func charsets() {
        let page = String(decoding: SeedDocument().html(charset: .utf8), as: UTF8.self).replacingOccurrences(of: #"<meta charset="utf-8">"#, with: "")
        let expected = Summary(ReportChecker.check(Array(SeedDocument.seedText.utf8)))
        #expect(Summary(DocumentReader.check([0xEF, 0xBB, 0xBF] + Array(page.utf8))) == expected)
        let gbk = [UInt8](page.data(using: String.Encoding(rawValue: 0x8000_0632))!)
        let outcome = DocumentReader.check(gbk)
        #expect(outcome.encoding == .gb18030)
        #expect(Summary(outcome) == expected)
    }
}
