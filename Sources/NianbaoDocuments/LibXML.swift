import CLibXML2

/// libxml2, initialised once before any thread uses it (its parser globals are set up here).
/// The benchmark's `ParserBaseline` calls `parse` too (`@_spi(Benchmark)`).
@_spi(Benchmark) public enum LibXML {
    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    static func ensureInitialised() { _ = initialised }

    @_spi(Benchmark) public enum Dialect { case xml, html }

    /// Parses `input` with libxml2's SAX parser (no tree is built), every callback getting
    /// `userData`; `started` sees the parser context first (to stop it from a callback).
    /// Returns whether the document was well-formed.
    @discardableResult
    @_spi(Benchmark) public static func parse(_ input: [UInt8], as dialect: Dialect, handler: xmlSAXHandler, options: Int32,
                      userData: UnsafeMutableRawPointer, started: (xmlParserCtxtPtr) -> Void = { _ in }) -> Bool {
        ensureInitialised()
        return input.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                let created = switch dialect {
                case .xml: xmlCreateMemoryParserCtxt(chars.baseAddress, Int32(chars.count))
                case .html: htmlCreateMemoryParserCtxt(chars.baseAddress, Int32(chars.count))
                }
                guard let context = created else { return false }
                defer {
                    if let document = context.pointee.myDoc { xmlFreeDoc(document) }
                    switch dialect {
                    case .xml: xmlFreeParserCtxt(context)
                    case .html: htmlFreeParserCtxt(context)
                    }
                }
                context.pointee.sax.pointee = handler
                context.pointee.userData = userData
                started(context)
                switch dialect {
                case .xml:
                    _ = xmlCtxtUseOptions(context, options)
                    _ = xmlParseDocument(context)
                case .html:
                    _ = htmlCtxtUseOptions(context, options)
                    _ = htmlParseDocument(context)
                }
                return context.pointee.wellFormed != 0
            }
        }
    }

    /// True when the C string equals the ASCII literal.
    @inline(__always)
    static func equal(_ pointer: UnsafePointer<xmlChar>?, _ literal: StaticString) -> Bool {
        guard let pointer else { return false }
        return literal.withUTF8Buffer { equal(pointer, $0) }
    }

    /// True when the C string equals the bytes.
    static func equal(_ pointer: UnsafePointer<xmlChar>, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { equal(pointer, $0) }
    }

    @inline(__always)
    private static func equal(_ pointer: UnsafePointer<xmlChar>, _ expected: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < expected.count {
            if pointer[index] != expected[index] { return false }
            index += 1
        }
        return pointer[index] == 0
    }

    /// True when the C string contains the lowercase ASCII bytes, in any case.
    static func containsIgnoringASCIICase(_ pointer: UnsafePointer<xmlChar>, _ lowercase: [UInt8]) -> Bool {
        guard let first = lowercase.first else { return true }
        var start = 0
        while pointer[start] != 0 {
            if asciiLowercased(pointer[start]) == first {
                var matched = 1
                while matched < lowercase.count, pointer[start + matched] != 0,
                      asciiLowercased(pointer[start + matched]) == lowercase[matched] { matched += 1 }
                if matched == lowercase.count { return true }
            }
            start += 1
        }
        return false
    }

    @inline(__always)
    static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// A small non-negative decimal attribute value (`gridSpan`, `colspan`); nil when absent or junk.
    static func integer(_ pointer: UnsafePointer<xmlChar>?) -> Int? {
        guard let pointer else { return nil }
        var index = 0, value = 0, digits = 0
        while pointer[index] == 0x20 || pointer[index] == 0x09 { index += 1 }
        while pointer[index] >= 0x30, pointer[index] <= 0x39 {
            if value < 1_000_000 { value = value * 10 + Int(pointer[index] - 0x30) }
            index += 1
            digits += 1
        }
        return digits > 0 ? value : nil
    }
}
