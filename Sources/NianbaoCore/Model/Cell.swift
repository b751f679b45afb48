/// One cell of a `DocumentText` as the readers see it: views into the document's bytes, valid
/// while `DocumentText.withCells` runs. A value with no references, so passing cells around
/// the table readers costs no reference counting.
struct Cell {
    /// As printed, trimmed: used in messages.
    let original: UnsafeBufferPointer<UInt8>
    /// NFKC-folded with all white space removed: used to compare labels and read numbers.
    let key: UnsafeBufferPointer<UInt8>
    /// Characters (Unicode scalars) in the key: labels and values are told apart by length.
    let length: Int
    /// Which characters the key holds (see `Phrase.bit`): a phrase with a character the key
    /// lacks cannot occur in it, which rules out most label comparisons without a search.
    let signature: UInt64
    /// The key read as a number, once.
    let shape: NumberShape

    @inline(__always)
    init(_ record: CellRecord, in bytes: UnsafeBufferPointer<UInt8>) {
        original = UnsafeBufferPointer(rebasing: bytes[Int(record.original.lowerBound)..<Int(record.original.upperBound)])
        key = UnsafeBufferPointer(rebasing: bytes[Int(record.key.lowerBound)..<Int(record.key.upperBound)])
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
        if original.count == 1, original[0] < 0x80 { return Cell.asciiStrings[Int(original[0])] }
        return String(decoding: original, as: UTF8.self)
    }

    private static let asciiStrings: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }

    var isEmpty: Bool { key.isEmpty }
}

/// Byte-level comparisons of a cell's key with fixed text.
extension UnsafeBufferPointer<UInt8> {
    func has(_ phrase: Phrase) -> Bool {
        phrase.bytes.withUnsafeBufferPointer { ByteSearch.find($0, in: self, from: 0) != nil }
    }

    func has(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { ByteSearch.find($0, in: self, from: 0) != nil }
    }

    func same(_ phrase: Phrase) -> Bool {
        count == phrase.bytes.count && phrase.bytes.withUnsafeBufferPointer { $0.elementsEqual(self) }
    }

    func hasPrefix(_ phrase: Phrase) -> Bool {
        count >= phrase.bytes.count && phrase.bytes.withUnsafeBufferPointer { self[0..<$0.count].elementsEqual($0) }
    }

    func same(_ text: String) -> Bool {
        var text = text
        return count == text.utf8.count && text.withUTF8 { $0.elementsEqual(self) }
    }

    func hasPrefix(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { prefix in count >= prefix.count && self[0..<prefix.count].elementsEqual(prefix) }
    }

    func hasSuffix(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { suffix in count >= suffix.count && self[(count - suffix.count)...].elementsEqual(suffix) }
    }

    /// The bytes after the first `count` bytes.
    func dropping(_ prefixCount: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: self[Swift.min(prefixCount, count)...])
    }

    var text: String { String(decoding: self, as: UTF8.self) }
}
