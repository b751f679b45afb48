import CLibXML2
import Foundation
import NianbaoCore

/// Reads a web page as saved from a government site: the character set from the BOM or the
/// `<meta>` tags (GB2312/GBK pages decoded as GB18030), then libxml2's HTML parser (recovering,
/// no network, no entity substitution), then a walk of the tree that skips page chrome
/// (scripts, styles, navigation, header, footer) and keeps paragraphs, line breaks and tables.
public enum HTMLReader {
    public struct Decoded {
        public var document: DocumentText
        public var encoding: TextEncoding
    }

    /// Deeper element nesting than this is not a page but an attack on the parser.
    public static let maximumDepth = 200
    public static let maximumBytes = 64 << 20

    private static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    public static func read(_ bytes: [UInt8]) -> Result<Decoded, ReadingFailure> {
        guard bytes.count <= maximumBytes else {
            return .failure(WordReader.hostile("网页超过\(maximumBytes >> 20) MiB", "the page exceeds \(maximumBytes >> 20) MiB"))
        }
        let utf8: [UInt8], encoding: TextEncoding
        switch decode(bytes) {
        case .failure(let failure): return .failure(failure)
        case .success(let decoded): (utf8, encoding) = (decoded.utf8, decoded.encoding)
        }
        let state = UnsafeMutablePointer<SAXState>.allocate(capacity: 1)
        state.initialize(to: SAXState())
        defer {
            state.deinitialize(count: 1)
            state.deallocate()
        }
        LibXML.parse(utf8, as: .html, handler: SAXState.handler, options: parserOptions,
                     userData: UnsafeMutableRawPointer(state)) { state.pointee.context = $0 }
        if let failure = state.pointee.failure { return .failure(failure) }
        return .success(Decoded(document: state.pointee.finish(), encoding: encoding))
    }

    /// Recovering, no network, no entity substitution, no implied html/body elements; the
    /// encoding is the BOM's (see `read`).
    @_spi(Benchmark) public static let parserOptions = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
        | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
        | HTML_PARSE_NOIMPLIED.rawValue)

    // MARK: - Character set

    /// The page as libxml2's HTML parser reads it: UTF-8 behind a BOM, so that it never guesses
    /// (IGNORE_ENC keeps a `<meta charset=gb2312>` from switching it back). The encoding is the
    /// BOM's, then a declared GB charset's, else the core's detection (UTF-8, then GB18030).
    @_spi(Benchmark) public static func decode(_ bytes: [UInt8]) -> Result<(utf8: [UInt8], encoding: TextEncoding), ReadingFailure> {
        let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        let hasBOM = bytes.starts(with: byteOrderMark) || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        if !hasBOM, let charset = declaredCharset(bytes),
           ["gb2312", "gbk", "gb18030", "x-gbk", "cp936", "windows-936", "euc-cn", "hz-gb-2312"].contains(charset) {
            if let text = String(data: Data(bytes), encoding: gb18030) {
                return .success((byteOrderMark + Array(text.utf8), .gb18030))
            }
        }
        // Plain UTF-8, most pages: the bytes as they are.
        if !hasBOM, TextDecoder.isPlainUTF8(bytes) { return .success((byteOrderMark + bytes, .utf8)) }
        return TextDecoder.decode(bytes).map { (byteOrderMark + Array($0.text.utf8), $0.encoding) }
    }

    /// The charset a `<meta charset>` or `<meta http-equiv content="…; charset=…">` declares in
    /// the first 4 KiB, lowercased.
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { all in
            let head = UnsafeBufferPointer(rebasing: all.prefix(4096))
            func lowered(_ index: Int) -> UInt8 { LibXML.asciiLowercased(head[index]) }
            func isSpace(_ index: Int) -> Bool { head[index] == 0x20 || head[index] == 0x09 || head[index] == 0x0A || head[index] == 0x0D }
            let key = Array("charset".utf8)
            var start = 0
            while start + key.count <= head.count {
                guard (0..<key.count).allSatisfy({ lowered(start + $0) == key[$0] }) else {
                    start += 1
                    continue
                }
                var index = start + key.count
                start = index
                while index < head.count, isSpace(index) { index += 1 }
                guard index < head.count, head[index] == UInt8(ascii: "=") else { continue }
                index += 1
                while index < head.count, isSpace(index) || head[index] == 0x22 || head[index] == 0x27 { index += 1 }
                let nameStart = index
                while index < head.count {
                    let byte = lowered(index)
                    guard byte == 0x2D || byte == 0x5F || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) else { break }
                    index += 1
                }
                if index > nameStart { return String(decoding: (nameStart..<index).map(lowered), as: UTF8.self) }
            }
            return nil
        }
    }

    // MARK: - The tree

    /// The SAX callbacks' state. A struct the callbacks reach through the parser's user-data
    /// pointer: no reference counting and no exclusivity checks per callback.
    private struct SAXState {
        var assembler = BlockAssembler()
        var context: htmlParserCtxtPtr?
        var failure: ReadingFailure?
        var depth = 0
        /// Depth of the element whose content is skipped (script, nav, footer…), or -1.
        var skipDepth = -1
        /// Inside <pre>: the text is gathered raw and read as a text report.
        var preformatted: [UInt8]?
        var preDepth = 0
        /// Collapsing white space: the last character written was a space (or nothing yet).
        var afterSpace = true
        /// The text of the `<h1>`–`<h3>` being read (`<br>` as a line break) and its depth, or -1;
        /// the headings read, in page order, at most `maximumTitleHeadings`.
        var heading: [UInt8] = []
        var headingDepth = -1
        var headings: [[UInt8]] = []
        /// The `<title>`'s text, read inside the skipped `<head>` too, and its depth while open.
        var pageTitle: [UInt8]?
        var titleText: [UInt8] = []
        var pageTitleDepth = -1

        /// The title is among the first headings of a page; the rest are the article's own.
        static let maximumTitleHeadings = 16
        /// No title is longer (ReportReader takes none over 80 characters): a hostile page's
        /// heading is not copied whole.
        static let maximumTitleBytes = 1_024

        /// Plain C function pointers, never mutated after creation: safe to share.
        nonisolated(unsafe) static let handler: htmlSAXHandler = {
            var handler = htmlSAXHandler()
            handler.startElement = { context, name, attributes in
                guard let context, let name else { return }
                context.assumingMemoryBound(to: SAXState.self).pointee.start(name, attributes)
            }
            handler.endElement = { context, name in
                guard let context, let name else { return }
                context.assumingMemoryBound(to: SAXState.self).pointee.end(name)
            }
            handler.characters = { context, characters, length in
                guard let context, let characters, length > 0 else { return }
                context.assumingMemoryBound(to: SAXState.self).pointee.text(UnsafeBufferPointer(start: characters, count: Int(length)))
            }
            handler.cdataBlock = handler.characters
            handler.serror = { _, _ in }  // errors are verdicts, never lines on stderr
            return handler
        }()

        mutating func finish() -> DocumentText {
            if preformatted != nil { closePre() }
            var document = assembler.finish()
            document.markTitles(headings: headings.map(Self.joinedLines), pageTitle: pageTitle.map(Self.joinedLines))
            return document
        }

        /// A heading's or title's lines joined as a cell's are (`LineJoining`).
        private static func joinedLines(_ text: [UInt8]) -> [UInt8] {
            var joined: [UInt8] = []
            LineJoining.appendLines(of: text[...], to: &joined)
            return joined
        }

        private mutating func refuse(_ failure: ReadingFailure) {
            if self.failure == nil { self.failure = failure }
            if let context { xmlStopParser(context) }
        }

        mutating func start(_ name: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
            depth += 1
            if depth > HTMLReader.maximumDepth {
                return refuse(WordReader.hostile("网页元素嵌套超过\(HTMLReader.maximumDepth)层", "elements nested more than \(HTMLReader.maximumDepth) levels deep"))
            }
            let titleElement = HTMLTitleElement.of(name)
            // The page's <title> lives in the skipped <head>: read it anyway, the first one.
            if titleElement == .pageTitle, pageTitle == nil, pageTitleDepth < 0 { pageTitleDepth = depth }
            guard skipDepth < 0 else { return }
            if Self.isChrome(attributes) {
                skipDepth = depth
                return
            }
            if titleElement == .heading, headingDepth < 0, preformatted == nil, headings.count < Self.maximumTitleHeadings {
                headingDepth = depth
                heading.removeAll(keepingCapacity: true)
            }
            let kind = HTMLElementKind.of(name)
            if preformatted != nil {
                switch kind {
                case .lineBreak: preformatted!.append(0x0A)
                case .pre: preDepth += 1
                case .skip: skipDepth = depth
                default: break
                }
                return
            }
            switch kind {
            case .skip: skipDepth = depth
            case .block: paragraphBreak()
            case .lineBreak:
                assembler.lineBreak()
                afterSpace = true
                if headingDepth >= 0 { heading.append(0x0A) }
            case .table: assembler.startTable(); afterSpace = true
            case .row: assembler.startRow(); afterSpace = true
            case .cell:
                assembler.startCell()
                afterSpace = true
                assembler.setSpans(columns: Self.attribute(attributes, "colspan"), rows: Self.attribute(attributes, "rowspan"))
            case .pre:
                paragraphBreak()
                preformatted = []
                preDepth = 1
            case .inline: break
            }
        }

        mutating func end(_ name: UnsafePointer<xmlChar>) {
            defer { depth -= 1 }
            if depth == pageTitleDepth {
                pageTitleDepth = -1
                pageTitle = Array(titleText)
            }
            if depth == headingDepth {
                headingDepth = -1
                headings.append(heading)
            }
            if skipDepth >= 0 {
                if depth == skipDepth { skipDepth = -1 }
                return
            }
            let kind = HTMLElementKind.of(name)
            if preformatted != nil {
                guard kind == .pre else { return }
                preDepth -= 1
                if preDepth == 0 { closePre() }
                return
            }
            switch kind {
            case .block: paragraphBreak()
            case .table: assembler.endTable(); afterSpace = true
            case .cell: assembler.endCell(); afterSpace = true
            default: break
            }
        }

        /// The lines of a <pre> are a text report's lines: each becomes a paragraph line, and
        /// TextLayout reads `|` rows and headings from them.
        private mutating func closePre() {
            guard let text = preformatted else { return }
            preformatted = nil
            text.withUnsafeBufferPointer { bytes in
                for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
                    assembler.text(UnsafeBufferPointer(rebasing: line))
                    assembler.paragraphBreak()
                }
            }
            afterSpace = true
        }

        private mutating func paragraphBreak() {
            assembler.paragraphBreak()
            afterSpace = true
        }

        /// Text with HTML's white space collapsed (NBSP is content, kept as U+00A0).
        mutating func text(_ content: UnsafeBufferPointer<xmlChar>) {
            if pageTitleDepth >= 0, titleText.count < Self.maximumTitleBytes { titleText.append(contentsOf: content) }
            guard skipDepth < 0 else { return }
            if preformatted != nil {
                preformatted!.append(contentsOf: content)
                return
            }
            if headingDepth >= 0, heading.count < Self.maximumTitleBytes { heading.append(contentsOf: content) }
            // Runs of other bytes are copied whole; each run of white space becomes one space.
            var index = 0, runStart = 0
            while index < content.count {
                let byte = content[index]
                guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C else {
                    index += 1
                    continue
                }
                if index > runStart {
                    assembler.text(UnsafeBufferPointer(rebasing: content[runStart..<index]))
                    afterSpace = false
                }
                if !afterSpace { assembler.text(byte: 0x20); afterSpace = true }
                index += 1
                runStart = index
            }
            if index > runStart {
                assembler.text(UnsafeBufferPointer(rebasing: content[runStart..<index]))
                afterSpace = false
            }
        }

        /// Class or id words a CMS gives its page chrome: the breadcrumb trail (当前位置：首页 >
        /// 政务公开 > 政府信息公开年报) would otherwise be read as the report's title.
        private static let chromeMarkers: [[UInt8]] = ["breadcrumb", "crumb", "dqwz", "location", "share"].map { Array($0.utf8) }

        private static func isChrome(_ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> Bool {
            guard let attributes else { return false }
            var index = 0
            while let attributeName = attributes[index] {
                if LibXML.equal(attributeName, "class") || LibXML.equal(attributeName, "id"), let value = attributes[index + 1],
                   chromeMarkers.contains(where: { LibXML.containsIgnoringASCIICase(value, $0) }) {
                    return true
                }
                index += 2
            }
            return false
        }

        /// A numeric attribute from SAX's name/value list.
        private static func attribute(_ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ name: StaticString) -> Int? {
            guard let attributes else { return nil }
            var index = 0
            while let attributeName = attributes[index] {
                if LibXML.equal(attributeName, name) { return LibXML.integer(attributes[index + 1]) }
                index += 2
            }
            return nil
        }
    }
}
