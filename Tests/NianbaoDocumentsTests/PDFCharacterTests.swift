@testable import NianbaoDocuments
import Testing

/// The PDF reader's own quick character and substring tests agree with the slow, exact ones.
@Suite("PDF reader: character and substring tests")
struct PDFCharacterTests {
    @Test("isSpace is Unicode's White_Space for every scalar")
    func isSpaceIsWhiteSpace() {
        var differing: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if scalar.isSpace != scalar.properties.isWhitespace { differing.append(value) }
        }
        #expect(differing.isEmpty, "differ at \(differing.prefix(10).map { String($0, radix: 16) })")
    }

    @Test("withoutSpaces drops every kind of space and keeps everything else")
    func withoutSpaces() {
        #expect("商业企\u{3000}业".withoutSpaces == "商业企业")
        #expect(" 三、\u{A0}本年度\t办理结果\n".withoutSpaces == "三、本年度办理结果")
        #expect("（一）予以公开".withoutSpaces == "（一）予以公开")
    }

    @Test("holds finds a word anywhere, by its bytes")
    func holds() {
        #expect("（三）不予公开".holds("不予公开"))
        #expect("四、结转下年度继续办理".holds("结转"))
        #expect(!"（三）不予处理".holds("不予公开"))
        #expect("1.属于".holds("."))
        #expect(!"本年度办理结果".holds("．"))
    }
}
