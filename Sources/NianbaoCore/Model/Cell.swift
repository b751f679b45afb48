/// One cell of a `DocumentText` as the readers see it: views into the document's bytes, valid
/// while `DocumentText.withBytes` runs (the table token stream is made inside it). Read it
/// through its API (`contains`, `equals`, `printed`, `shape`, `length`), never byte by byte.
/// A value with no references, so passing cells around the table readers costs no reference
/// counting.
struct Cell {
    /// As printed, trimmed: used in messages.
    let original: ByteView
    /// NFKC-folded with all white space removed: used to compare labels and read numbers.
    let key: ByteView
    /// Characters (Unicode scalars) in the key: labels and values are told apart by length.
    let length: Int
    /// Which characters the key holds (see `Phrase.bit`): a phrase with a character the key
    /// lacks cannot occur in it, which rules out most label comparisons without a search.
    let signature: UInt64
    /// The key read as a number, once.
    let shape: NumberShape

    @inline(__always)
    init(_ record: CellRecord, in bytes: ByteView) {
        original = bytes.view(Int(record.original.lowerBound)..<Int(record.original.upperBound))
        key = bytes.view(Int(record.key.lowerBound)..<Int(record.key.upperBound))
        length = Int(record.length)
        signature = record.signature
        shape = record.shape
    }

    /// True when the key contains the phrase.
    @inline(__always)
    func contains(_ phrase: Phrase) -> Bool {
        phrase.signature & ~signature == 0 && key.has(phrase)
    }

    /// True when the key is exactly the phrase.
    @inline(__always)
    func equals(_ phrase: Phrase) -> Bool {
        phrase.signature == signature && key.same(phrase)
    }

    var printed: String {
        // Most cells of a table are one digit: no decoding for those.
        if original.count == 1, UTF8.isASCII(original[0]) { return Cell.asciiStrings[Int(original[0])] }
        return original.text
    }

    private static let asciiStrings: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }

    var isEmpty: Bool { key.isEmpty }
}

/// A cell's key compared with a phrase (the phrase's bytes; see `ByteView` for text).
extension ByteView {
    @inline(__always)
    func has(_ phrase: Phrase) -> Bool { has(phrase.bytes) }

    @inline(__always)
    func same(_ phrase: Phrase) -> Bool { same(phrase.bytes) }

    @inline(__always)
    func hasPrefix(_ phrase: Phrase) -> Bool { hasPrefix(phrase.bytes) }
}
