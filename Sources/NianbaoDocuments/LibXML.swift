import CLibXML2

/// libxml2, initialised once before any thread uses it (its parser globals are set up here).
enum LibXML {
    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    static func ensureInitialised() { _ = initialised }

    /// True when the C string equals the ASCII literal.
    @inline(__always)
    static func equal(_ pointer: UnsafePointer<xmlChar>?, _ literal: StaticString) -> Bool {
        guard let pointer else { return false }
        return literal.withUTF8Buffer { expected in
            var index = 0
            while index < expected.count {
                if pointer[index] != expected[index] { return false }
                index += 1
            }
            return pointer[index] == 0
        }
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
