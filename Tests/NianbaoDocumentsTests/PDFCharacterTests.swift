@testable import NianbaoDocuments
import Testing

/// The PDF reader's text tests, which are the core's (`TextNormalizer.isSpace`, checked for every
/// scalar in `CharacterClassTests`, and the byte search `has`).
@Suite("PDF reader: spaces and substrings")
struct PDFCharacterTests {
    @Test("withoutSpaces drops every kind of space and keeps everything else")
    func withoutSpaces() {
        #expect("商业企\u{3000}业".withoutSpaces == "商业企业")
        #expect(" 三、\u{A0}本年度\t办理结果\n".withoutSpaces == "三、本年度办理结果")
        #expect("（一）予以公开".withoutSpaces == "（一）予以公开")
        #expect("６４ | ０".withoutSpaces == "６４|０")
    }

    @Test("has finds a word anywhere, by its bytes")
    func has() {
        #expect("（三）不予公开".has("不予公开"))
        #expect("四、结转下年度继续办理".has("结转"))
        #expect(!"（三）不予处理".has("不予公开"))
        #expect("1.属于".has("."))
        #expect(!"本年度办理结果".has("．"))
    }
}
