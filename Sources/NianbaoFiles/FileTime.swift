/// A file time as the kernel keeps it: seconds since the epoch plus nanoseconds.
public struct FileTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var seconds: Int64
    /// 0 ..< 1_000_000_000
    public var nanoseconds: Int32

    public init(seconds: Int64, nanoseconds: Int32) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    public static func < (lhs: FileTime, rhs: FileTime) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }

    /// Since the epoch in nanoseconds, as the ledger keeps an mtime.
    public var nanosecondsSinceEpoch: Int64 { seconds * 1_000_000_000 + Int64(nanoseconds) }

    /// Since the epoch in milliseconds, as arrivals are kept.
    public var millisecondsSinceEpoch: Int64 { seconds * 1000 + Int64(nanoseconds) / 1_000_000 }

    /// `1768896902.123456789`
    public var description: String {
        let fraction = String(nanoseconds)
        return "\(seconds).\(String(repeating: "0", count: max(0, 9 - fraction.count)))\(fraction)"
    }
}
