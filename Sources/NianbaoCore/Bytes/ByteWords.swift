/// Eight bytes at a time: where a word holds a given byte, or one below a limit (the classic
/// "has zero byte" test).
enum ByteWords {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of every byte of `word` equal to `byte`, and possibly of some bytes above
    /// one: the lowest bit set is always a match, so `offsetOfFirst` of the mask is exact.
    @inline(__always)
    static func matches(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs
    }

    /// The first byte a nonzero `matches` mask (or several OR-ed together) points at, for a
    /// word loaded with `load(_:at:)`.
    @inline(__always)
    static func offsetOfFirst(_ mask: UInt64) -> Int { mask.trailingZeroBitCount >> 3 }

    /// Eight bytes from `index`, the first in the lowest bits whatever the platform's byte order.
    @inline(__always)
    static func load(_ bytes: ByteView, at index: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.unsafeBuffer.baseAddress! + index).loadUnaligned(as: UInt64.self))
    }

    /// The high bit of bytes of `word` below `limit` (at most 0x80), like `matches`: the lowest
    /// bit set is always such a byte, bytes from 0x80 up are never reported.
    @inline(__always)
    static func below(_ word: UInt64, _ limit: UInt8) -> UInt64 {
        (word &- ones &* UInt64(limit)) & ~word & highs
    }
}

/// One to four byte values a scan looks for (see `ByteView.firstIndex(of:from:to:)`).
struct ByteTargets {
    private let patterns: (UInt64, UInt64, UInt64, UInt64)
    private let bytes: (UInt8, UInt8, UInt8, UInt8)
    private let count: Int

    @inline(__always)
    init(_ first: UInt8, _ second: UInt8? = nil, _ third: UInt8? = nil, _ fourth: UInt8? = nil) {
        // Missing targets repeat the first: harmless, and skipped by `count`.
        let second2 = second ?? first, third2 = third ?? first, fourth2 = fourth ?? first
        count = fourth != nil ? 4 : third != nil ? 3 : second != nil ? 2 : 1
        bytes = (first, second2, third2, fourth2)
        patterns = (ByteWords.ones &* UInt64(first), ByteWords.ones &* UInt64(second2),
                    ByteWords.ones &* UInt64(third2), ByteWords.ones &* UInt64(fourth2))
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        byte == bytes.0 || (count > 1 && (byte == bytes.1 || (count > 2 && (byte == bytes.2 || (count > 3 && byte == bytes.3)))))
    }

    /// The high bit of every byte of `word` that is a target (and possibly of some bytes
    /// after one): the lowest bit set is always a target, as for `ByteWords.matches`.
    @inline(__always)
    func matches(_ word: UInt64) -> UInt64 {
        var mask = Self.zeroBytes(word ^ patterns.0)
        if count > 1 { mask |= Self.zeroBytes(word ^ patterns.1) }
        if count > 2 { mask |= Self.zeroBytes(word ^ patterns.2) }
        if count > 3 { mask |= Self.zeroBytes(word ^ patterns.3) }
        return mask
    }

    @inline(__always)
    private static func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ByteWords.ones) & ~x & ByteWords.highs }
}

extension ByteView {
    /// The first index in `start..<end` whose byte is one of `targets`; `end` when there is
    /// none. The one word scan of the core: eight bytes at a time, straight past those that
    /// are none of the targets (about four times fewer instructions than byte by byte on a
    /// report's text, where the targets are rare).
    @inline(__always)
    func firstIndex(of targets: ByteTargets, from start: Int, to end: Int) -> Int {
        var index = start
        while index + 8 <= end {
            let mask = targets.matches(word(at: index))
            if mask != 0 { return index + ByteWords.offsetOfFirst(mask) }
            index += 8
        }
        while index < end, !targets.contains(self[index]) { index += 1 }
        return index
    }
}
