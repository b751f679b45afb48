import CLibXML2
import NianbaoCore
@_spi(Benchmark) import NianbaoDocuments

/// What libxml2 alone costs on a document: the same parse as the readers (same interface, same
/// options, same input) with callbacks that do nothing. For the benchmark: the readers' speed
/// cannot go below this, whatever nianbao does with what the parser hands over.
struct ParserBaseline {
    /// What the parser reads: `word/document.xml` unzipped, or the page as UTF-8 behind a BOM.
    private let input: [UInt8]
    private let isWord: Bool

    /// Unzips or decodes the document as the readers do; nil for other kinds and unreadable files.
    init?(_ bytes: [UInt8]) {
        switch DocumentKind.sniff(bytes) {
        case .docx, .zip:
            guard case .success(let xml?) = WordReader.documentXML(bytes, limits: WordReader.Limits()) else { return nil }
            (input, isWord) = (xml, true)
        case .html:
            guard case .success(let decoded) = HTMLReader.decode(bytes) else { return nil }
            (input, isWord) = (decoded.utf8, false)
        default:
            return nil
        }
    }

    /// One parse; the number of elements.
    func parse() -> Int {
        var handler = xmlSAXHandler()
        handler.startElement = { context, _, _ in
            context?.assumingMemoryBound(to: Int.self).pointee += 1
        }
        handler.endElement = { _, _ in }
        handler.characters = { _, _, _ in }
        var elements = 0
        withUnsafeMutablePointer(to: &elements) { counter in
            if isWord {
                LibXML.parse(input, as: .xml, handler: handler, options: WordReader.parserOptions, userData: UnsafeMutableRawPointer(counter))
            } else {
                handler.serror = { _, _ in }  // as HTMLReader's
                LibXML.parse(input, as: .html, handler: handler, options: HTMLReader.parserOptions, userData: UnsafeMutableRawPointer(counter))
            }
        }
        return elements
    }
}
