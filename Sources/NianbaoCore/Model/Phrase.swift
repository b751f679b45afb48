/// A fixed piece of text that labels are searched for, with its character signature.
struct Phrase: Sendable, ExpressibleByStringLiteral {
    let text: String
    let signature: UInt64

    init(_ text: String) {
        self.text = text
        self.signature = text.unicodeScalars.reduce(0) { $0 | Phrase.bit($1) }
    }

    init(stringLiteral text: String) { self.init(text) }

    static func bit(_ scalar: Unicode.Scalar) -> UInt64 { 1 << UInt64(scalar.value & 63) }
}
