import NianbaoCore

/// PDFs with a text layer, as WPS, Word and LibreOffice export them: read with poppler
/// (`PDFTextLayer`), the report rebuilt from the characters' positions (`PDFLayout`). Scans and
/// text that cannot be extracted are unreadable, with what to send instead.
public struct PDFFormat: DocumentFormat {
    public init() {}

    public func reads(_ kind: DocumentKind) -> Bool { kind == .pdf }

    public func read(_ bytes: [UInt8], sniffed kind: DocumentKind) -> DocumentReading {
        switch PDFReader.read(bytes) {
        case .success(let document): .document(document, kind: .pdf, encoding: nil)
        case .failure(let failure): .unreadable(failure, kind: .pdf)
        }
    }
}

/// The PDF reader: the text layer, judged usable, then laid out as a report.
public enum PDFReader {
    public static func read(_ bytes: [UInt8]) -> Result<DocumentText, ReadingFailure> {
        if let failure = PDFStreamBudget.check(bytes) { return .failure(failure) }
        let pages: [PDFTextLayer.Page]
        switch PDFTextLayer.read(bytes) {
        case .failure(let failure): return .failure(failure)
        case .success(let read): pages = read
        }
        if let failure = unusableText(pages) { return .failure(failure) }
        return .success(PDFLayout.document(of: pages))
    }

    /// No text at all (a scan), or text that is mostly not text: fonts without a Unicode map
    /// come out as private-use characters, control characters, U+FFFD, or Latin letters where a
    /// Chinese report would have Chinese.
    static func unusableText(_ pages: [PDFTextLayer.Page]) -> ReadingFailure? {
        var visible = 0, chinese = 0, garbled = 0
        for page in pages {
            for glyph in page.glyphs where !TextNormalizer.isSpace(glyph.scalar) {
                visible += 1
                let value = glyph.scalar.value
                if (0x4E00...0x9FFF).contains(value) || (0x3000...0x303F).contains(value) || (0xFF00...0xFFEF).contains(value) {
                    chinese += 1
                } else if (0xE000...0xF8FF).contains(value) || value == 0xFFFD || value < 0x20 || (0x7F...0x9F).contains(value) {
                    garbled += 1
                }
            }
        }
        if visible == 0 { return PDFFailures.scanned }
        if garbled * 2 >= visible || (chinese == 0 && visible >= 40) { return PDFFailures.unmappedFonts }
        return nil
    }
}
