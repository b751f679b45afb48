import Foundation
import NianbaoCore
import NianbaoDocuments
import Testing

/// PDFs that cannot or must not be read (Tests/Fixtures/pdf/, written by
/// scripts/make-pdf-fixtures; the encrypted one by LibreOffice with an open password): each ends
/// as a verdict, quickly, and nothing in them is run or followed.
@Suite("Hostile and unreadable PDFs")
struct PDFHostileTests {
    static func check(_ name: String) throws -> (CheckOutcome, Duration) {
        let bytes = try PDFFormatTests.fixture("pdf/\(name)")
        var outcome: CheckOutcome?
        let elapsed = ContinuousClock().measure { outcome = DocumentReader.check(bytes) }
        return (outcome!, elapsed)
    }

    @Test("a scan (pages without a text layer) is NB104, saying so and what to send instead")
    func scanned() throws {
        let (outcome, _) = try Self.check("scanned.pdf")
        #expect(outcome.kind == .pdf)
        #expect(outcome.verdict == .unreadable)
        #expect(outcome.codes == ["NB104"])
        #expect(outcome.findings.first?.message.contains("PDF没有文字层（扫描件或图片）") == true)
        #expect(outcome.findings.first?.message.contains("另存为.docx") == true)
    }

    @Test("text that does not map to Chinese (a font without a Unicode map) is NB104")
    func unmappedFont() throws {
        let (outcome, _) = try Self.check("unmapped-font.pdf")
        #expect(outcome.verdict == .unreadable)
        #expect(outcome.codes == ["NB104"])
        #expect(outcome.findings.first?.message.contains("字体缺少Unicode映射") == true)
    }

    @Test("a PDF that needs a password is NB105, saying it is encrypted")
    func encrypted() throws {
        let (outcome, _) = try Self.check("encrypted.pdf")
        #expect(outcome.kind == .pdf)
        #expect(outcome.verdict == .unreadable)
        #expect(outcome.codes == ["NB105"])
        #expect(outcome.findings.first?.message.contains("PDF已加密") == true)
    }

    @Test("hostile PDFs each end as a verdict within two seconds", arguments: [
        "deep-nesting.pdf", "huge-page-tree.pdf", "broken-xref.pdf", "compression-bomb.pdf",
        "javascript-and-embedded-file.pdf", "truncated.pdf",
    ])
    func hostile(name: String) throws {
        let (outcome, elapsed) = try Self.check(name)
        #expect(outcome.kind == .pdf)
        #expect(outcome.verdict == .unreadable || outcome.verdict == .rejected, "\(name): \(outcome.verdict)")
        #expect(elapsed < .seconds(2), "\(name): \(elapsed)")
    }

    @Test("a compression bomb is NB105 before poppler inflates it")
    func compressionBomb() throws {
        let (outcome, _) = try Self.check("compression-bomb.pdf")
        #expect(outcome.codes == ["NB105"])
        #expect(outcome.findings.first?.message.contains("疑似压缩炸弹") == true)
    }

    @Test("more than 200 pages is NB105 before any page is read")
    func tooManyPages() {
        var objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [\((0..<201).map { "\($0 + 3) 0 R" }.joined(separator: " "))] /Count 201 >>"]
        for _ in 0..<201 { objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>") }
        var pdf = "%PDF-1.7\n"
        var offsets: [Int] = []
        for (index, body) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(index + 1) 0 obj\n\(body)\nendobj\n"
        }
        let xref = pdf.utf8.count
        pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { pdf += String(format: "%010d 00000 n \n", offset) }
        pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        let outcome = DocumentReader.check(Array(pdf.utf8))
        #expect(outcome.codes == ["NB105"])
        #expect(outcome.findings.first?.message.contains("PDF有201页，超过200页的上限") == true)
    }
}
