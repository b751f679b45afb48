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
