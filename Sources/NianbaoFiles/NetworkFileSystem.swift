import Glibc

/// Recognises network and cluster file systems by `statfs().f_type`: inotify never sees
/// changes made through another host of such a file system, so the daemon should warn and
/// rely on periodic rescans there.
public struct NetworkFileSystem: Hashable, Sendable, CustomStringConvertible {
    /// `f_type` magic number.
    public let magic: UInt64
    /// Short name ("nfs", "cifs", "fuse"...).
    public let name: String

    public var description: String { "\(name) (0x\(String(magic, radix: 16)))" }

    /// Known network/cluster file system magics (linux/magic.h and the file systems' sources).
    public static let known: [UInt64: String] = [
        0x6969: "nfs",
        0x517B: "smb",
        0xFF53_4D42: "cifs",
        0xFE53_4D42: "smb2",
        0x6573_5546: "fuse",  // sshfs, s3fs, glusterfs and others; also some local ones (ntfs-3g)
        0x00C3_6400: "ceph",
        0x0102_1997: "9p",
        0x5346_414F: "afs",
        0x6B41_4653: "afs",
        0x7375_7245: "coda",
        0x564C: "ncp",
        0x0116_1970: "gfs2",
        0x7461_636F: "ocfs2",
        0x0BD0_0BD0: "lustre",
        0x4750_4653: "gpfs",
        0x2003_0528: "orangefs",
    ]

    /// The network file system `path` is on, or nil for a local one (or when statfs fails).
    public static func detect(path: String) -> NetworkFileSystem? {
        guard let magic = fileSystemMagic(path: path) else { return nil }
        guard let name = known[magic] else { return nil }
        return NetworkFileSystem(magic: magic, name: name)
    }

    /// `statfs(path).f_type`, nil when statfs fails. (Glibc's module does not export statfs,
    /// so it is looked up with dlsym; `f_type` is the first field on every Linux architecture.)
    public static func fileSystemMagic(path: String) -> UInt64? {
        guard let symbol = dlsym(nil, "statfs") else { return nil }
        typealias StatfsFunction = @convention(c) (UnsafePointer<CChar>, UnsafeMutableRawPointer) -> Int32
        let statfsFunction = unsafeBitCast(symbol, to: StatfsFunction.self)
        // struct statfs is 120 bytes on x86_64 and aarch64; leave room.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 512, alignment: 16)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 0)
        guard statfsFunction(path, buffer.baseAddress!) == 0 else { return nil }
        // __fsword_t is a long: 8 bytes on 64-bit, 4 on 32-bit.
        if MemoryLayout<Int>.size == 8 {
            return UInt64(UInt32(truncatingIfNeeded: buffer.load(as: Int.self)))
        }
        return UInt64(buffer.load(as: UInt32.self))
    }
}

/// True when `path` is on a network or cluster file system (NFS, SMB/CIFS, FUSE, Ceph, 9P,
/// AFS, Coda...), where inotify misses changes made on other hosts.
public func isNetworkFileSystem(_ path: String) -> Bool {
    NetworkFileSystem.detect(path: path) != nil
}
