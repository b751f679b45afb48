import Crypto

/// One version of a file of the drop folder, read completely and hashed.
public struct FileSnapshot: Hashable, Sendable {
    public let path: RelativePath
    /// Bytes read (equal to the size the file had before and after reading).
    public let size: Int64
    public let mtime: FileTime
    /// When the file last changed in any way (a write, chmod, link or rename). Unlike the mtime,
    /// which `touch`, `cp -p` and Samba clients set as they like, no program can set it.
    public let ctime: FileTime
    public let inode: UInt64
    public let device: UInt64
    public let bytes: [UInt8]
    /// Lower-case hex SHA-256 of `bytes`.
    public let sha256Hex: String

    /// `path.display`: printable, reversible (see `RelativePath.display`).
    public var relativePath: String { path.display }

    public init(path: RelativePath, size: Int64, mtime: FileTime, ctime: FileTime, inode: UInt64, device: UInt64, bytes: [UInt8]) {
        self.path = path
        self.size = size
        self.mtime = mtime
        self.ctime = ctime
        self.inode = inode
        self.device = device
        self.bytes = bytes
        self.sha256Hex = FileSnapshot.sha256Hex(of: bytes)
    }

    /// Lower-case hex SHA-256 (swift-crypto).
    public static func sha256Hex(of bytes: [UInt8]) -> String {
        var hasher = SHA256()
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        let digest = hasher.finalize()
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
