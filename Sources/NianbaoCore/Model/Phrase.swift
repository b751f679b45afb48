/// A fixed piece of text that labels are searched for, with its character signature.
struct Phrase: Sendable, ExpressibleByStringLiteral {
    let text: String
    let signature: UInt64

    init(_ text: String) {
        self.text = text
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
