import NianbaoCore
import ReportGenerator
@testable import NianbaoDocuments
import Testing

/// The Word reader resolves namespaces itself (libxml2's SAX1 interface hands over names as
/// written): what counts is the namespace a prefix is bound to where it is used, never the prefix.
@Suite("Word namespaces")
struct WordNamespacesTests {
    static let transitional = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"

    static func paragraphs(_ xml: String) -> [String]? {
        guard case .document(let document) = WordReader.parse(Array(xml.utf8)) else { return nil }
        return document.printedBlocks.compactMap { if case .paragraph(let cell) = $0 { cell } else { nil } }
    }

    @Test("any prefix bound to the Word namespace, Transitional or Strict, and the default namespace")
    func prefixes() {
        #expect(Self.paragraphs(#"<x:document xmlns:x="\#(Self.transitional)"><x:body><x:p><x:r><x:t>甲乙</x:t></x:r></x:p></x:body></x:document>"#) == ["甲乙"])
        #expect(Self.paragraphs(#"<w:document xmlns:w="\#(Self.strict)"><w:body><w:p><w:r><w:t>丙</w:t></w:r></w:p></w:body></w:document>"#) == ["丙"])
        #expect(Self.paragraphs(#"<document xmlns="\#(Self.transitional)"><body><p><r><t>丁</t></r></p></body></document>"#) == ["丁"])
    }

    @Test("a prefix bound elsewhere, unbound or rebound inside the document is not Word there, and is again after")
    func scopes() {
        // `w` means another namespace inside the second paragraph only; `v` is never declared.
        let xml = #"""
        <w:document xmlns:w="\#(Self.transitional)"><w:body>
        <w:p><w:r><w:t>一</w:t></w:r></w:p>
        <w:p xmlns:w="urn:other"><w:r><w:t>二</w:t></w:r></w:p>
        <w:p><w:r><w:t>三</w:t></w:r><v:r><v:t>四</v:t></v:r></w:p>
        <o:p xmlns:o="urn:other"><o:r><o:t>五</o:t></o:r></o:p>
        </w:body></w:document>
        """#
        #expect(Self.paragraphs(xml) == ["一", "三"])
        // Nothing bound to Word at all: nothing is read.
        #expect(Self.paragraphs(#"<w:document xmlns:w="urn:other"><w:body><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:body></w:document>"#) == [])
    }

    @Test("attributes are matched by their local name, whatever their prefix")
    func attributePrefixes() throws {
        let xml = #"""
        <x:document xmlns:x="\#(Self.transitional)"><x:body><x:tbl>
        <x:tr><x:tc><x:tcPr><x:gridSpan x:val="2"/></x:tcPr><x:p><x:r><x:t>甲</x:t></x:r></x:p></x:tc><x:tc><x:p><x:r><x:t>乙</x:t></x:r></x:p></x:tc></x:tr>
        <x:tr><x:tc><x:p><x:r><x:t>1</x:t></x:r></x:p></x:tc><x:tc><x:p><x:r><x:t>2</x:t></x:r></x:p></x:tc><x:tc><x:p><x:r><x:t>3</x:t></x:r></x:p></x:tc></x:tr>
        </x:tbl></x:body></x:document>
        """#
        guard case .document(let document) = WordReader.parse(Array(xml.utf8)) else { Issue.record("not read"); return }
        #expect(HandMadeTests.rows(document.printedBlocks) == [["甲", "", "乙"], ["1", "2", "3"]])
    }
}
