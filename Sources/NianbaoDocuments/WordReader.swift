import CLibXML2
import Foundation
import NianbaoCore

/// Reads a Word document (.docx): the ZIP container limits-first (ZipContainer), then
/// `word/document.xml` with libxml2's SAX parser. Headers, footers, comments and notes are
/// other parts and are not read; tracked deletions are skipped, tracked insertions kept.
public enum WordReader {
    /// What the container may hold before it is judged hostile.
    public struct Limits: Sendable {
        public var maximumEntries = 10_000
        /// The sum of the uncompressed sizes the central directory declares.
        public var maximumTotalUncompressed: UInt64 = 1 << 30
        /// `word/document.xml`, declared and as actually inflated.
        public var maximumDocumentBytes: UInt64 = 64 << 20
        /// Uncompressed over compressed, for any entry larger than `ratioAppliesAbove`.
        public var maximumCompressionRatio: UInt64 = 1_000
        public var ratioAppliesAbove: UInt64 = 1 << 20
        public init() {}
    }

    public enum Result {
        case document(DocumentText)
        /// A ZIP without `word/document.xml`: an Excel workbook or a plain archive.
        case notWord
        /// The ZIP structure itself could not be opened (truncated, or not a ZIP at all).
        case unopenable(ReadingFailure)
        case failure(ReadingFailure)
    }

    public static func read(_ bytes: [UInt8], limits: Limits = Limits()) -> Result {
        switch documentXML(bytes, limits: limits) {
        case .failure(let failure) where failure == unopenable: return .unopenable(failure)
        case .failure(let failure): return .failure(failure)
        case .success(nil): return .notWord
        case .success(let xml?): return parse(xml)
        }
    }

    // MARK: - The container

    @_spi(Benchmark) public static func documentXML(_ bytes: [UInt8], limits: Limits) -> Swift.Result<[UInt8]?, ReadingFailure> {
        guard let container = try? ZipContainer(bytes) else { return .failure(unopenable) }
        var document: ZipContainer.Entry?
        var entries = 0
        var total: UInt64 = 0
        var directory = container.entries
        do {
            while let entry = try directory.next() {
                entries += 1
                if entries > limits.maximumEntries {
                    return .failure(hostile("压缩包内文件数超过\(limits.maximumEntries)个", "more than \(limits.maximumEntries) entries in the container"))
                }
                let size = entry.uncompressedSize
                total = total &+ size
                if total > limits.maximumTotalUncompressed || total < size {
                    return .failure(hostile("解压后总大小超过限制（\(limits.maximumTotalUncompressed >> 20) MiB）", "the declared uncompressed size exceeds \(limits.maximumTotalUncompressed >> 20) MiB"))
                }
                if size > limits.ratioAppliesAbove, size / max(entry.compressedSize, 1) > limits.maximumCompressionRatio {
                    return .failure(hostile("压缩比异常（疑似压缩炸弹）", "abnormal compression ratio (a decompression bomb)"))
                }
                if document == nil, entry.name.elementsEqual("word/document.xml".utf8) { document = entry }
            }
        } catch {
            return .failure(unopenable)
        }
        guard let document else { return .success(nil) }
        if document.uncompressedSize > limits.maximumDocumentBytes {
            return .failure(hostile("正文部分解压后超过\(limits.maximumDocumentBytes >> 20) MiB", "word/document.xml exceeds \(limits.maximumDocumentBytes >> 20) MiB"))
        }
        // The declared size may lie: inflating stops as soon as the bytes pass the limit.
        switch container.contents(of: document, limit: limits.maximumDocumentBytes) {
        case .failure(.tooLarge):
            return .failure(hostile("正文部分解压后超过\(limits.maximumDocumentBytes >> 20) MiB（声明大小不实）", "word/document.xml inflates past \(limits.maximumDocumentBytes >> 20) MiB (its declared size is false)"))
        case .failure(.damaged):
            return .failure(damaged("正文部分无法解压（数据损坏）", "word/document.xml cannot be inflated (damaged data)"))
        case .success(let xml):
            guard ZipContainer.checksum(xml) == document.checksum else {
                return .failure(damaged("正文部分校验失败（CRC不符，数据损坏）", "word/document.xml fails its CRC check (damaged data)"))
            }
            return .success(xml)
        }
    }

    // MARK: - document.xml

    private static let wordNamespaces: [String] = [
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",
    ]

    static func parse(_ xml: [UInt8]) -> Result {
        // OOXML parts never carry a DTD; one here is an entity bomb or an external entity (XXE).
        if declaresDTD(xml) {
            return .failure(hostile("正文XML含有DTD或实体声明（可能是实体膨胀或外部实体攻击）", "document.xml declares a DTD or entities (entity expansion or external entity)"))
        }
        // libxml2's SAX1 interface (names as written, `w:tbl`): namespaces are resolved here
        // (WordNamespaces), which costs far less than libxml2's SAX2 namespace processing of every
        // element and attribute.
        let state = UnsafeMutablePointer<SAXState>.allocate(capacity: 1)
        state.initialize(to: SAXState())
        defer {
            state.deinitialize(count: 1)
            state.deallocate()
        }
        let ok = LibXML.parse(xml, as: .xml, handler: SAXState.handler, options: parserOptions,
                              userData: UnsafeMutableRawPointer(state)) { state.pointee.context = $0 }
        if let failure = state.pointee.failure { return .failure(failure) }
        guard ok else { return .failure(damaged("正文XML格式错误或嵌套过深", "document.xml is malformed or nested too deeply")) }
        return .document(state.pointee.assembler.finish())
    }

    /// No NOENT (entities are never substituted), no DTDLOAD/DTDATTR, no network; libxml2's own
    /// depth limit (256) applies.
    @_spi(Benchmark) public static let parserOptions = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
        | XML_PARSE_NOCDATA.rawValue)

    /// `<!DOCTYPE` or `<!ENTITY` anywhere (comments and CDATA are the only other `<!`).
    static func declaresDTD(_ xml: [UInt8]) -> Bool {
        xml.withUnsafeBytes { bytes in
            guard var cursor = bytes.baseAddress, bytes.count > 3 else { return false }
            let end = cursor + bytes.count
            // `!` is rare in markup: find each with memchr, then look around it.
            while cursor < end, let found = memchr(cursor, 0x21, end - cursor) {
                let index = bytes.baseAddress!.distance(to: UnsafeRawPointer(found))
                if index > 0, index + 1 < bytes.count, bytes[index - 1] == 0x3C,
                   bytes[index + 1] == UInt8(ascii: "D") || bytes[index + 1] == UInt8(ascii: "E") {
                    return true
                }
                cursor = UnsafeRawPointer(found) + 1
            }
            return false
        }
    }

    /// The SAX callbacks' state: WordprocessingML elements to document text. A struct the
    /// callbacks reach through the parser's user-data pointer: no reference counting and no
    /// exclusivity checks per callback.
    private struct SAXState {
        var assembler = BlockAssembler()
        var namespaces = WordNamespaces(wordURIs: WordReader.wordNamespaces)
        var context: xmlParserCtxtPtr?
        var failure: ReadingFailure?
        var depth = 0
        /// Depth of the element whose whole subtree is skipped (w:del, field codes…), or -1.
        var skipDepth = -1
        var runs = 0
        var inText = false

        static let maximumDepth = 256

        /// Plain C function pointers, never mutated after creation: safe to share. Not marked
        /// as a SAX2 handler, so that libxml2 calls the SAX1 `startElement`/`endElement`.
        nonisolated(unsafe) static let handler: xmlSAXHandler = {
            var handler = xmlSAXHandler()
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
                context.assumingMemoryBound(to: SAXState.self).pointee.characters(UnsafeBufferPointer(start: characters, count: Int(length)))
            }
            handler.cdataBlock = handler.characters
            // Errors are verdicts, never lines on stderr: with NOERROR and NOWARNING libxml2 has
            // no channel to print them on.
            // A DTD or an entity declaration in a Word part is an attack: stop at once.
            handler.internalSubset = { context, _, _, _ in
                guard let context else { return }
                context.assumingMemoryBound(to: SAXState.self).pointee.refuse(WordReader.hostile("正文XML含有DTD（可能是实体膨胀或外部实体攻击）", "document.xml declares a DTD (entity expansion or external entity)"))
            }
            handler.entityDecl = { context, _, _, _, _, _ in
                guard let context else { return }
                context.assumingMemoryBound(to: SAXState.self).pointee.refuse(WordReader.hostile("正文XML含有实体声明", "document.xml declares entities"))
            }
            handler.reference = { context, _ in
                guard let context else { return }
                context.assumingMemoryBound(to: SAXState.self).pointee.refuse(WordReader.hostile("正文XML含有实体引用", "document.xml references an entity"))
            }
            return handler
        }()

        mutating func refuse(_ failure: ReadingFailure) {
            if self.failure == nil { self.failure = failure }
            if let context { xmlStopParser(context) }
        }

        mutating func characters(_ text: UnsafeBufferPointer<xmlChar>) {
            if inText, skipDepth < 0 { assembler.text(text) }
        }

        mutating func start(_ qualifiedName: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
            depth += 1
            if depth > Self.maximumDepth {
                return refuse(WordReader.hostile("正文XML嵌套超过\(Self.maximumDepth)层", "document.xml is nested more than \(Self.maximumDepth) levels deep"))
            }
            if let attributes { namespaces.declare(attributes, depth: depth) }
            guard skipDepth < 0 else { return }
            let (isWord, name) = namespaces.resolve(qualifiedName)
            guard isWord else {
                if LibXML.equal(name, "Fallback") { skipDepth = depth }  // mc:Fallback repeats mc:Choice
                return
            }
            switch name[0] {
            case UInt8(ascii: "p") where name[1] == 0:
                assembler.paragraphBreak()
            case UInt8(ascii: "r") where name[1] == 0:
                runs += 1
            case UInt8(ascii: "t"):
                if name[1] == 0 { inText = true }
                else if LibXML.equal(name, "tab") { if runs > 0 { assembler.text(byte: 0x09) } }
                else if LibXML.equal(name, "tbl") { assembler.startTable() }
                else if LibXML.equal(name, "tr") { assembler.startRow() }
                else if LibXML.equal(name, "tc") { assembler.startCell() }
            case UInt8(ascii: "b"), UInt8(ascii: "c"):
                if LibXML.equal(name, "br") || LibXML.equal(name, "cr"), runs > 0 { assembler.lineBreak() }
            case UInt8(ascii: "g"):
                if LibXML.equal(name, "gridSpan") { assembler.setSpans(columns: Self.integerValue(attributes) ?? 1) }
                else if LibXML.equal(name, "gridBefore"), let count = Self.integerValue(attributes), count > 0 { assembler.skipColumns(count) }
            case UInt8(ascii: "v"):
                if LibXML.equal(name, "vMerge") {
                    let restart = Self.value(attributes).map { LibXML.equal($0, "restart") } ?? false
                    assembler.setSpans(continuesAbove: !restart)
                }
            case UInt8(ascii: "n"):
                if LibXML.equal(name, "noBreakHyphen"), runs > 0 { assembler.text(byte: 0x2D) }
            case UInt8(ascii: "d"):
                // Tracked deletions and their text.
                if LibXML.equal(name, "del") || LibXML.equal(name, "delText") { skipDepth = depth }
            case UInt8(ascii: "m"):
                if LibXML.equal(name, "moveFrom") { skipDepth = depth }
            case UInt8(ascii: "i"):
                if LibXML.equal(name, "instrText") { skipDepth = depth }  // field codes; results are w:t
            default:
                break
            }
        }

        mutating func end(_ qualifiedName: UnsafePointer<xmlChar>) {
            if skipDepth < 0 { endElement(qualifiedName) } else if depth == skipDepth { skipDepth = -1 }
            namespaces.leave(depth: depth)
            depth -= 1
        }

        private mutating func endElement(_ qualifiedName: UnsafePointer<xmlChar>) {
            let (isWord, name) = namespaces.resolve(qualifiedName)
            guard isWord else { return }
            switch name[0] {
            case UInt8(ascii: "p") where name[1] == 0:
                assembler.paragraphBreak()
            case UInt8(ascii: "r") where name[1] == 0:
                runs = max(runs - 1, 0)
            case UInt8(ascii: "t"):
                if name[1] == 0 { inText = false }
                else if LibXML.equal(name, "tbl") { assembler.endTable() }
                else if LibXML.equal(name, "tc") { assembler.endCell() }
            default:
                break
            }
        }

        /// The `val` attribute (`w:val`, whatever its prefix) from SAX1's name/value list.
        private static func value(_ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> UnsafePointer<xmlChar>? {
            guard let attributes else { return nil }
            var index = 0
            while let name = attributes[index] {
                if LibXML.equal(WordNamespaces.localName(name), "val") { return attributes[index + 1] }
                index += 2
            }
            return nil
        }

        private static func integerValue(_ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> Int? {
            guard let start = value(attributes) else { return nil }
            var number = 0, digits = 0, index = 0
            while start[index] != 0 {
                if start[index] >= 0x30, start[index] <= 0x39, digits < 7 {
                    number = number * 10 + Int(start[index] - 0x30)
                    digits += 1
                }
                index += 1
            }
            return digits > 0 ? number : nil
        }
    }

    static let unopenable = damaged("ZIP结构无法读取（文件不完整或已损坏）", "the ZIP structure cannot be read (truncated or damaged)")

    static func damaged(_ chinese: String, _ english: String) -> ReadingFailure {
        ReadingFailure(code: .nb105, message: "文档已损坏：\(chinese)；请在Word或WPS中重新另存为.docx后提交",
                       messageEnglish: "the document is damaged: \(english); save it again as .docx in Word or WPS and resubmit")
    }

    static func hostile(_ chinese: String, _ english: String) -> ReadingFailure {
        ReadingFailure(code: .nb105, message: "文件疑似恶意构造，已拒绝读取：\(chinese)",
                       messageEnglish: "the file looks hostile and was not read: \(english)")
    }
}
