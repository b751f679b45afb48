import CLibXML2
import NianbaoCore

/// What libxml2 alone costs on a document: the same parse as the readers (same interface, same
/// options, same input) with callbacks that do nothing. For the benchmark: the readers' speed
/// cannot go below this, whatever nianbao does with what the parser hands over.
public struct ParserBaseline {
    /// What the parser reads: `word/document.xml` unzipped, or the page as UTF-8 behind a BOM.
    private let input: [UInt8]
    private let isWord: Bool

    /// Unzips or decodes the document as the readers do; nil for other kinds and unreadable files.
    public init?(_ bytes: [UInt8]) {
        switch DocumentKind.sniff(bytes) {
        case .docx, .zip:
            guard case .success(let xml?) = WordReader.documentXML(bytes, limits: WordReader.Limits()) else { return nil }
            (input, isWord) = (xml, true)
        case .html:
            guard case .success(let decoded) = HTMLReader.decode(bytes) else { return nil }
            (input, isWord) = ([0xEF, 0xBB, 0xBF] + Array(decoded.text.utf8), false)
        default:
            return nil
        }
        LibXML.ensureInitialised()
    }

    /// One parse; the number of elements.
    public func parse() -> Int {
        isWord ? Self.word(input) : Self.html(input)
    }

    /// Parses `word/document.xml` as `WordReader` does.
    private static func word(_ xml: [UInt8]) -> Int {
        var elements = 0
        var handler = xmlSAXHandler()
        handler.startElement = { context, _, _ in
            context?.assumingMemoryBound(to: Int.self).pointee += 1
        }
        handler.endElement = { _, _ in }
        handler.characters = { _, _, _ in }
        xml.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let context = xmlCreateMemoryParserCtxt(chars.baseAddress, Int32(chars.count)) else { return }
                defer { xmlFreeParserCtxt(context) }
                context.pointee.sax.pointee = handler
                withUnsafeMutablePointer(to: &elements) { counter in
                    context.pointee.userData = UnsafeMutableRawPointer(counter)
                    _ = xmlCtxtUseOptions(context, WordReader.parserOptions)
                    _ = xmlParseDocument(context)
                }
            }
        }
        return elements
    }

    /// Parses a page (UTF-8 behind a BOM) as `HTMLReader` does.
    private static func html(_ utf8: [UInt8]) -> Int {
        var elements = 0
        var handler = htmlSAXHandler()
        handler.startElement = { context, _, _ in
            context?.assumingMemoryBound(to: Int.self).pointee += 1
        }
        handler.endElement = { _, _ in }
        handler.characters = { _, _, _ in }
        handler.serror = { _, _ in }
        utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let context = htmlCreateMemoryParserCtxt(chars.baseAddress, Int32(chars.count)) else { return }
                defer { htmlFreeParserCtxt(context) }
                context.pointee.sax.pointee = handler
                withUnsafeMutablePointer(to: &elements) { counter in
                    context.pointee.userData = UnsafeMutableRawPointer(counter)
                    _ = htmlCtxtUseOptions(context, HTMLReader.parserOptions)
                    _ = htmlParseDocument(context)
                }
            }
        }
        return elements
    }
}
