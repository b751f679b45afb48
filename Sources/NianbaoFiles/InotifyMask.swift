import Glibc

/// The `IN_*` bits of an inotify watch mask or event mask (Linux ABI values).
public struct InotifyMask: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    init(_ value: some BinaryInteger) { self.rawValue = UInt32(truncatingIfNeeded: value) }

    public static let access = InotifyMask(IN_ACCESS)
    public static let modify = InotifyMask(IN_MODIFY)
    public static let attrib = InotifyMask(IN_ATTRIB)
    public static let closeWrite = InotifyMask(IN_CLOSE_WRITE)
    public static let closeNoWrite = InotifyMask(IN_CLOSE_NOWRITE)
    public static let open = InotifyMask(IN_OPEN)
    public static let movedFrom = InotifyMask(IN_MOVED_FROM)
    public static let movedTo = InotifyMask(IN_MOVED_TO)
    public static let create = InotifyMask(IN_CREATE)
    public static let delete = InotifyMask(IN_DELETE)
    public static let deleteSelf = InotifyMask(IN_DELETE_SELF)
    public static let moveSelf = InotifyMask(IN_MOVE_SELF)
    public static let unmount = InotifyMask(IN_UNMOUNT)
    public static let queueOverflow = InotifyMask(IN_Q_OVERFLOW)
    public static let ignored = InotifyMask(IN_IGNORED)
    public static let onlyDir = InotifyMask(IN_ONLYDIR)
    public static let dontFollow = InotifyMask(IN_DONT_FOLLOW)
    public static let exclUnlink = InotifyMask(IN_EXCL_UNLINK)
    public static let maskCreate = InotifyMask(rawValue: 0x1000_0000)
    public static let maskAdd = InotifyMask(IN_MASK_ADD)
    public static let isDir = InotifyMask(IN_ISDIR)
    public static let oneShot = InotifyMask(rawValue: 0x8000_0000)

    private static let names: [(InotifyMask, String)] = [
        (.access, "ACCESS"), (.modify, "MODIFY"), (.attrib, "ATTRIB"), (.closeWrite, "CLOSE_WRITE"),
        (.closeNoWrite, "CLOSE_NOWRITE"), (.open, "OPEN"), (.movedFrom, "MOVED_FROM"), (.movedTo, "MOVED_TO"),
        (.create, "CREATE"), (.delete, "DELETE"), (.deleteSelf, "DELETE_SELF"), (.moveSelf, "MOVE_SELF"),
        (.unmount, "UNMOUNT"), (.queueOverflow, "Q_OVERFLOW"), (.ignored, "IGNORED"), (.onlyDir, "ONLYDIR"),
        (.dontFollow, "DONT_FOLLOW"), (.exclUnlink, "EXCL_UNLINK"), (.maskCreate, "MASK_CREATE"),
        (.maskAdd, "MASK_ADD"), (.isDir, "ISDIR"), (.oneShot, "ONESHOT"),
    ]

    /// `CREATE|ISDIR`
    public var description: String {
        var parts: [String] = []
        var rest = rawValue
        for (bit, name) in InotifyMask.names where contains(bit) {
            parts.append(name)
            rest &= ~bit.rawValue
        }
        if rest != 0 { parts.append("0x" + String(rest, radix: 16)) }
        return parts.isEmpty ? "0" : parts.joined(separator: "|")
    }
}
