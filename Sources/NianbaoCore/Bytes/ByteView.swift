/// A read-only view of UTF-8 bytes kept alive by someone else (a `DocumentText`, a `Prose`, an
/// array), valid while the closure that handed it out runs (`withByteView`,
/// `DocumentText.withBytes`). Outside Bytes/ the core reads bytes only through this type, the
/// way swift-nio keeps raw pointers behind `ByteBuffer`: a view cannot be advanced past its
/// end, and every slice of it is a view again, counted from 0.
///
/// What it buys, measured: the readers compare labels on views into one buffer instead of
/// making a String per cell (0.507 M instructions per seed report, against several million
/// with Substrings).
struct ByteView: RandomAccessCollection {
    /// The raw bytes: for the rest of Bytes/ only (a test keeps `Unsafe` out of other folders).
    let unsafeBuffer: UnsafeBufferPointer<UInt8>

    init(_ unsafeBuffer: UnsafeBufferPointer<UInt8>) {
        self.unsafeBuffer = unsafeBuffer
    }

    private var buffer: UnsafeBufferPointer<UInt8> { unsafeBuffer }

    /// An empty view.
    init() { unsafeBuffer = UnsafeBufferPointer(start: nil, count: 0) }

    var startIndex: Int { 0 }
    var endIndex: Int { buffer.count }
    var count: Int { buffer.count }
    var isEmpty: Bool { buffer.isEmpty }

    @inline(__always)
    subscript(index: Int) -> UInt8 { buffer[index] }

    @inline(__always)
    subscript(bounds: Range<Int>) -> Slice<ByteView> { Slice(base: self, bounds: bounds) }

    /// The bytes in `range`, as a view of their own (indices from 0).
    @inline(__always)
    func view(_ range: some RangeExpression<Int>) -> ByteView {
        ByteView(UnsafeBufferPointer(rebasing: buffer[range.relative(to: self)]))
    }

    /// The bytes after the first `prefixCount` bytes (none when there are fewer).
    func dropping(_ prefixCount: Int) -> ByteView { view(Swift.min(prefixCount, count)...) }

    func withContiguousStorageIfAvailable<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result? {
        try body(buffer)
    }

    /// The bytes as text (they are UTF-8).
    var text: String { String(decoding: buffer, as: UTF8.self) }

    /// Where `other` starts within this view, when it is a view into the same bytes; nil otherwise.
    func offset(of other: ByteView) -> Int? {
        guard let base = buffer.baseAddress, let start = other.buffer.baseAddress,
              start >= base, start + other.count <= base + count else { return nil }
        return start - base
    }

    // MARK: Comparisons with fixed text

    /// True when `pattern` occurs in the view.
    @inline(__always)
    func has(_ pattern: [UInt8]) -> Bool { find(pattern, from: 0) != nil }

    func has(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { ByteSearch.find(ByteView($0), in: self, from: 0) != nil }
    }

    /// True when `other` holds exactly the same bytes.
    @inline(__always)
    func same(_ other: ByteView) -> Bool { count == other.count && buffer.elementsEqual(other.buffer) }

    @inline(__always)
    func same(_ pattern: [UInt8]) -> Bool {
        count == pattern.count && pattern.withUnsafeBufferPointer { $0.elementsEqual(buffer) }
    }

    func same(_ text: String) -> Bool {
        var text = text
        return count == text.utf8.count && text.withUTF8 { $0.elementsEqual(buffer) }
    }

    @inline(__always)
    func hasPrefix(_ pattern: [UInt8]) -> Bool {
        count >= pattern.count && pattern.withUnsafeBufferPointer { buffer[0..<$0.count].elementsEqual($0) }
    }

    func hasPrefix(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { prefix in count >= prefix.count && buffer[0..<prefix.count].elementsEqual(prefix) }
    }

    func hasSuffix(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { suffix in count >= suffix.count && buffer[(count - suffix.count)...].elementsEqual(suffix) }
    }

    /// The first occurrence of `pattern` at or after `start`.
    @inline(__always)
    func find(_ pattern: [UInt8], from start: Int) -> Int? {
        pattern.withByteView { ByteSearch.find($0, in: self, from: start) }
    }

    /// The first occurrence of the three bytes of one scalar at or after `start`, with no
    /// pattern array (an ideograph, a CJK punctuation mark).
    @inline(__always)
    func find(_ first: UInt8, _ second: UInt8, _ third: UInt8, from start: Int) -> Int? {
        withUnsafeBytes(of: (first, second, third)) { pattern in
            ByteSearch.find(ByteView(pattern.assumingMemoryBound(to: UInt8.self)), in: self, from: start)
        }
    }

    // MARK: Word scans

    /// Eight bytes from `index`, the first in the lowest bits (see `ByteWords`).
    @inline(__always)
    func word(at index: Int) -> UInt64 { ByteWords.load(self, at: index) }

    /// The `count` bytes (at most 8) from `index` as one number, the first in the lowest bits:
    /// two ideographs compared in one comparison.
    @inline(__always)
    func integer(at index: Int, count: Int) -> UInt64 {
        let mask: UInt64 = count >= 8 ? ~0 : (1 << UInt64(8 * count)) - 1
        if index + 8 <= self.count { return word(at: index) & mask }
        var value: UInt64 = 0
        for offset in (0..<count).reversed() { value = value << 8 | UInt64(self[index + offset]) }
        return value
    }

    // MARK: Decoding

    /// The scalar starting at `index` and its length in bytes (valid UTF-8).
    @inline(__always)
    func scalar(at index: Int) -> (value: UInt32, length: Int) { UTF8Scanning.scalar(self, at: index) }
}

extension Array<UInt8> {
    /// Runs `body` with a view of the array's bytes.
    @inline(__always)
    func withByteView<Result>(_ body: (ByteView) throws -> Result) rethrows -> Result {
        try withUnsafeBufferPointer { try body(ByteView($0)) }
    }
}

extension ArraySlice<UInt8> {
    /// Runs `body` with a view of the slice's bytes (indices from 0).
    @inline(__always)
    func withByteView<Result>(_ body: (ByteView) throws -> Result) rethrows -> Result {
        try withUnsafeBufferPointer { try body(ByteView($0)) }
    }
}

extension StringProtocol {
    /// Runs `body` with a view of the text's UTF-8 (copied out first only when the string
    /// is not stored contiguously).
    func withByteView<Result>(_ body: (ByteView) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable({ body(ByteView($0)) }) { return result }
        return Array(utf8).withByteView(body)
    }
}

/// The one-byte tag of a case of an enum without payload and with fewer than 256 cases: its
/// position in the declaration. A bit cast, checked to be one byte (the check folds away):
/// the rules ask every cell's row and column for it, and `allCases.firstIndex` would search.
@inline(__always)
func caseTag<Case>(_ value: Case) -> UInt8 {
    precondition(MemoryLayout<Case>.size == 1, "only a payload-free enum of fewer than 256 cases is one byte")
    return unsafeBitCast(value, to: UInt8.self)
}
