/// What a directory entry is, from `lstat` (a symlink is never followed).
public enum FileKind: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case regular
    case directory
    case symlink
    case fifo
    case socket
    case characterDevice = "character_device"
    case blockDevice = "block_device"
    case other

    public var isDevice: Bool { self == .characterDevice || self == .blockDevice }

    public var description: String { rawValue }
}
