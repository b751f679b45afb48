/// A fixed piece of text that labels are searched for, with its character signature.
struct Phrase: Sendable, ExpressibleByStringLiteral {
    let text: String
    /// The UTF-8 bytes, kept as an array: searching needs them as a buffer, and a String
    /// would have to hand out its storage on every search.
    let bytes: [UInt8]
    let signature: UInt64

    init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
        self.signature = Phrase.signature(of: text)
    }

    init(stringLiteral text: String) { self.init(text) }

    /// The bit a character sets in a signature.
    @inline(__always)
    static func bit(_ value: UInt32) -> UInt64 { 1 << UInt64(value & 63) }

    static func signature(of text: some StringProtocol) -> UInt64 {
        text.unicodeScalars.reduce(0) { $0 | bit($1.value) }
    }
}
