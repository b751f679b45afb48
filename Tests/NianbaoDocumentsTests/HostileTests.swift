import Foundation
import NianbaoCore
import NianbaoDocuments
import Testing
import ZIPFoundation

/// Hostile and damaged files: each gets a verdict, quickly, with bounded memory.
@Suite("Hostile and damaged documents")
struct HostileTests {
    static func docx(documentXML: String) -> [UInt8] {
        SeedDocument.zip([
            ("[Content_Types].xml", Array(SeedDocument.contentTypes.utf8)),
            ("_rels/.rels", Array(SeedDocument.rootRelationships.utf8)),
            ("word/document.xml", Array(documentXML.utf8)),
        ])
    }

    static func timed(_ body: () -> CheckOutcome) -> (CheckOutcome, Duration) {
        var outcome: CheckOutcome?
        let elapsed = ContinuousClock().measure { outcome = body() }
        return (outcome!, elapsed)
    }

    /// Sets a 32-bit little-endian field at every central directory header (and local header)
    /// of the archive: a ZIP that lies about its sizes.
    static func patchSizes(_ bytes: [UInt8], uncompressed: UInt32) -> [UInt8] {
        var bytes = bytes
        func put(_ value: UInt32, at offset: Int) {
            for index in 0..<4 { bytes[offset + index] = UInt8((value >> (8 * UInt32(index))) & 0xFF) }
        }
        var index = 0
        while index + 46 <= bytes.count {
            if bytes[index] == 0x50, bytes[index + 1] == 0x4B {
                if bytes[index + 2] == 0x01, bytes[index + 3] == 0x02 { put(uncompressed, at: index + 24) }
                if bytes[index + 2] == 0x03, bytes[index + 3] == 0x04 { put(uncompressed, at: index + 22) }
            }
            index += 1
        }
        return bytes
    }

    @Test("a ZIP bomb declaring more than 1 GiB is NB105 at once")
    func declaredBomb() {
        let honest = SeedDocument().docx
        let bomb = Self.patchSizes(honest, uncompressed: 0xC000_0000)  // 3 GiB per entry
        let (outcome, elapsed) = Self.timed { DocumentReader.check(bomb) }
        #expect(outcome.codes == ["NB105"])
        #expect(outcome.verdict == .unreadable)
        #expect(elapsed < .seconds(2))
        // Also when a large first entry hides `word/` from the sniffer's first 4 KiB.
        let padding = (0..<6000).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 13) }
        let hidden = Self.patchSizes(SeedDocument.zip([("media/image1.png", padding), ("word/document.xml", Array(SeedDocument().documentXML.utf8))], method: .none),
                                     uncompressed: 0xC000_0000)
        #expect(DocumentKind.sniff(hidden) == .zip)
        #expect(DocumentReader.check(hidden).codes == ["NB105"])
        // The same archive, honest: the core's sniffer says ZIP, listing it finds a Word document.
        let plain = SeedDocument.zip([("media/image1.png", padding), ("word/document.xml", Array(SeedDocument().documentXML.utf8))], method: .none)
        #expect(DocumentKind.sniff(plain) == .zip)
        #expect(DocumentReader.check(plain).kind == .docx)
        #expect(DocumentReader.check(plain).codes == ["NB501"])
    }

    @Test("an entry that inflates far past what it declares is stopped at the limit: NB105")
    func lyingBomb() {
        // 96 MiB of zeros deflate to about 100 KiB; the directory is patched to say 1 KiB.
        let zeros = [UInt8](repeating: 0x20, count: 96 << 20)
        let xml = Array(#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>"#.utf8)
        let archive = SeedDocument.zip([("[Content_Types].xml", Array(SeedDocument.contentTypes.utf8)), ("word/document.xml", xml + zeros)])
        #expect(archive.count < 1 << 20)
        let bomb = Self.patchSizes(archive, uncompressed: 1024)
        let (outcome, elapsed) = Self.timed { DocumentReader.check(bomb) }
        #expect(outcome.codes == ["NB105"])
        #expect(elapsed < .seconds(10))
    }

    @Test("a billion-laughs document.xml is NB105 and nothing is expanded")
    func billionLaughs() {
        var dtd = #"<!DOCTYPE w:document [<!ENTITY lol "lol">"#
        dtd += #"<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">"#
        for level in 2...9 { dtd += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">" }
        dtd += "]>"
        let xml = #"<?xml version="1.0"?>"# + dtd
            + #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"#
        let (outcome, elapsed) = Self.timed { DocumentReader.check(Self.docx(documentXML: xml)) }
        #expect(outcome.codes == ["NB105"])
        #expect(elapsed < .seconds(2))
    }

    @Test("an external entity is NB105 and /etc/passwd never reaches the outcome")
    func externalEntity() throws {
        let xml = #"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>"#
            + #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>一、总体情况 &x;</w:t></w:r></w:p></w:body></w:document>"#
        let outcome = DocumentReader.check(Self.docx(documentXML: xml))
        #expect(outcome.codes == ["NB105"])
        let json = outcome.json(file: "x.docx").serialized()
        #expect(!json.contains("root:"))
        #expect(!json.contains("/bin/"))
        // The same entity in a web page: libxml2's HTML parser never loads it either.
        let page = #"<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html><body><p>一、总体情况</p><p>&x;</p></body></html>"#
        let pageJSON = DocumentReader.check(Array(page.utf8)).json(file: "x.html").serialized()
        #expect(!pageJSON.contains("root:"))
        #expect(!pageJSON.contains("/bin/"))
    }

    @Test("a truncated or damaged .docx is NB105", arguments: [0.25, 0.5, 0.9, 0.999])
    func truncated(fraction: Double) {
        let whole = SeedDocument().docx
        let cut = Array(whole.prefix(Int(Double(whole.count) * fraction)))
        let outcome = DocumentReader.check(cut)
        #expect(outcome.codes == ["NB105"], "\(outcome.findings.map(\.message))")
        #expect(outcome.verdict == .unreadable)
    }

    @Test("a corrupted deflate stream is NB105")
    func corrupted() {
        var bytes = SeedDocument().docx
        // Flip bytes in the middle of the document part's data.
        let start = bytes.count / 3
        for index in start..<(start + 64) { bytes[index] ^= 0x5A }
        #expect(DocumentReader.check(bytes).codes == ["NB105"])
    }

    @Test("malformed XML in document.xml is NB105, nested 100,000 deep too")
    func malformedXML() {
        #expect(DocumentReader.check(Self.docx(documentXML: "<w:document><w:body><w:p>")).codes == ["NB105"])
        let deep = #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
            + String(repeating: "<w:sdt>", count: 100_000) + String(repeating: "</w:sdt>", count: 100_000) + "</w:document>"
        let (outcome, elapsed) = Self.timed { DocumentReader.check(Self.docx(documentXML: deep)) }
        #expect(outcome.codes == ["NB105"])
        #expect(elapsed < .seconds(5))
    }

    @Test("HTML nested 100,000 deep gets a verdict within seconds", arguments: ["div", "table", "span", "p", "b"])
    func deepHTML(tag: String) {
        let open = tag == "table" ? "<table><tr><td>" : "<\(tag)>"
        let close = tag == "table" ? "</td></tr></table>" : "</\(tag)>"
        let page = "<!DOCTYPE html><html><body>" + String(repeating: open, count: 100_000) + "一、总体情况"
            + String(repeating: close, count: 100_000) + "</body></html>"
        let (outcome, elapsed) = Self.timed { DocumentReader.check(Array(page.utf8)) }
        #expect(outcome.kind == .html)
        #expect(!outcome.codes.isEmpty)
        #expect(elapsed < .seconds(5))
    }

    @Test("huge colspan and rowspan are clamped")
    func hugeSpans() {
        let page = #"<html><body><table><tr><td colspan="1000000000" rowspan="99999999">x</td></tr><tr><td>y</td></tr></table></body></html>"#
        let (outcome, elapsed) = Self.timed { DocumentReader.check(Array(page.utf8)) }
        #expect(outcome.kind == .html)
        #expect(elapsed < .seconds(2))
    }
}
