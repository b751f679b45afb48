/// One raw inotify record: `struct inotify_event` with its name, NUL padding stripped.
public struct InotifyEvent: Hashable, Sendable, CustomStringConvertible {
    /// Watch descriptor; -1 for a queue overflow.
    public let wd: Int32
    public let mask: InotifyMask
    /// Pairs IN_MOVED_FROM with IN_MOVED_TO of the same rename; 0 otherwise.
    public let cookie: UInt32
    /// Name within the watched folder; empty for events about the folder itself.
    public let name: [UInt8]

    public init(wd: Int32, mask: InotifyMask, cookie: UInt32, name: [UInt8]) {
        self.wd = wd
        self.mask = mask
        self.cookie = cookie
        self.name = name
    }

    public var description: String {
        "wd=\(wd) \(mask) cookie=\(cookie) name=\(RelativePath.escape(name))"
    }

    /// Size of the fixed part of a record: wd, mask, cookie, len (4 bytes each).
    public static let headerSize = 16

    /// Parses the records of one `read()` of an inotify descriptor. Swift cannot see the
    /// flexible `name[]` member, so each record is read by hand: wd, mask, cookie and len at
    /// offsets 0, 4, 8, 12, then `len` bytes of name (NUL-padded) from offset 16. A truncated
    /// record at the end is ignored (the kernel never returns one).
    public static func parse(_ buffer: UnsafeRawBufferPointer) -> [InotifyEvent] {
        var events: [InotifyEvent] = []
        var offset = 0
        while buffer.count - offset >= headerSize {
            let wd = buffer.loadUnaligned(fromByteOffset: offset, as: Int32.self)
            let mask = buffer.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let cookie = buffer.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)
            let length = Int(buffer.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            let nameStart = offset + headerSize
            guard length <= buffer.count - nameStart else { break }
            var nameEnd = nameStart
            while nameEnd < nameStart + length && buffer[nameEnd] != 0 { nameEnd += 1 }
            let name = Array(buffer[nameStart..<nameEnd])
            events.append(InotifyEvent(wd: wd, mask: InotifyMask(rawValue: mask), cookie: cookie, name: name))
            offset = nameStart + length
        }
        return events
    }
}
