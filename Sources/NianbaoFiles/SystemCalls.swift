import Glibc

// Small internal helpers around Glibc: errno names, EINTR retries, NUL-terminated names.

/// "ENOSPC (No space left on device)".
func describeErrno(_ code: Int32) -> String {
    "\(errnoName(code)) (\(String(cString: strerror(code))))"
}

/// The symbolic name of an errno value, or "errno N" when it is not one we name.
func errnoName(_ code: Int32) -> String {
    switch code {
    case EPERM: "EPERM"
    case ENOENT: "ENOENT"
    case EINTR: "EINTR"
    case EIO: "EIO"
    case ENXIO: "ENXIO"
    case EBADF: "EBADF"
    case EAGAIN: "EAGAIN"
    case ENOMEM: "ENOMEM"
    case EACCES: "EACCES"
    case EFAULT: "EFAULT"
    case EBUSY: "EBUSY"
    case EEXIST: "EEXIST"
    case EXDEV: "EXDEV"
    case ENODEV: "ENODEV"
    case ENOTDIR: "ENOTDIR"
    case EISDIR: "EISDIR"
    case EINVAL: "EINVAL"
    case ENFILE: "ENFILE"
    case EMFILE: "EMFILE"
    case ETXTBSY: "ETXTBSY"
    case EFBIG: "EFBIG"
    case ENOSPC: "ENOSPC"
    case ESPIPE: "ESPIPE"
    case EROFS: "EROFS"
    case EMLINK: "EMLINK"
    case ENAMETOOLONG: "ENAMETOOLONG"
    case ELOOP: "ELOOP"
    case EOVERFLOW: "EOVERFLOW"
    case ESTALE: "ESTALE"
    case EDQUOT: "EDQUOT"
    case ENOTEMPTY: "ENOTEMPTY"
    case ETIMEDOUT: "ETIMEDOUT"
    case EOPNOTSUPP: "EOPNOTSUPP"
    default: "errno \(code)"
    }
}

/// Calls `body` again while it fails with EINTR; returns its result with errno intact.
@inline(__always)
func retryingOnInterrupt(_ body: () -> Int32) -> Int32 {
    while true {
        let result = body()
        if result == -1 && errno == EINTR { continue }
        return result
    }
}

/// Calls `body` with `bytes` as a NUL-terminated C string.
@inline(__always)
func withCName<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { buffer in
        let base = UnsafeMutableRawPointer(buffer.baseAddress!)
        bytes.withUnsafeBytes { source in
            if let sourceBase = source.baseAddress { base.copyMemory(from: sourceBase, byteCount: source.count) }
        }
        base.storeBytes(of: 0, toByteOffset: bytes.count, as: UInt8.self)
        return body(UnsafePointer(buffer.baseAddress!))
    }
}

/// Flags used for every folder opened below the drop root: never follow a symlink.
let folderOpenFlags: Int32 = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC

/// `lstat` relative to a folder descriptor, retried on EINTR. Returns errno on failure.
func statNoFollow(_ folder: Int32, _ name: [UInt8]) -> Result<stat, SystemErrno> {
    var info = stat()
    let result = withCName(name) { cName in
        retryingOnInterrupt { fstatat(folder, cName, &info, AT_SYMLINK_NOFOLLOW) }
    }
    return result == 0 ? .success(info) : .failure(SystemErrno(errno))
}

/// Byte-wise order of two names (memcmp, then length), as `lexicographicallyPrecedes` but fast
/// in debug builds too.
func bytesPrecede(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    let common = min(lhs.count, rhs.count)
    let order = lhs.withUnsafeBytes { left in
        rhs.withUnsafeBytes { right in
            common == 0 ? 0 : memcmp(left.baseAddress!, right.baseAddress!, common)
        }
    }
    return order != 0 ? order < 0 : lhs.count < rhs.count
}

/// An errno value as an Error, for `Result`.
struct SystemErrno: Error, Equatable {
    let code: Int32
    init(_ code: Int32) { self.code = code }
}

extension FileKind {
    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFLNK: self = .symlink
        case S_IFIFO: self = .fifo
        case S_IFSOCK: self = .socket
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        default: self = .other
        }
    }
}

extension FileTime {
    init(_ time: timespec) {
        self.init(seconds: Int64(time.tv_sec), nanoseconds: Int32(truncatingIfNeeded: time.tv_nsec))
    }
}

/// Reads the names in an open folder stream (without "." and ".."), with the d_type hint.
/// Returns the errno of a failing readdir, if any, alongside what was read.
func readFolderNames(_ stream: OpaquePointer) -> (names: [(name: [UInt8], type: UInt8)], errno: Int32) {
    var names: [(name: [UInt8], type: UInt8)] = []
    let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
    while true {
        errno = 0
        guard let entry = readdir(stream) else {
            return (names, errno)
        }
        let namePointer = UnsafeRawPointer(entry).advanced(by: nameOffset).assumingMemoryBound(to: UInt8.self)
        let length = strlen(UnsafeRawPointer(namePointer).assumingMemoryBound(to: CChar.self))
        let name = Array(UnsafeBufferPointer(start: namePointer, count: length))
        if name == [0x2E] || name == [0x2E, 0x2E] { continue }
        names.append((name, entry.pointee.d_type))
    }
}

/// Opens the drop root itself (following a symlink there: the administrator chose that path).
func openDropRoot(_ path: String) -> Result<Int32, SystemErrno> {
    let fd = retryingOnInterrupt { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
    return fd >= 0 ? .success(fd) : .failure(SystemErrno(errno))
}

/// Opens `components` below `root` one at a time with O_NOFOLLOW. Does not close `root`.
/// On failure reports the index of the component that failed and errno.
func openFolderChain(root: Int32, components: [[UInt8]]) -> Result<Int32, ChainFailure> {
    var current = retryingOnInterrupt { openat(root, ".", folderOpenFlags) }
    if current < 0 { return .failure(ChainFailure(index: -1, code: errno)) }
    for (index, component) in components.enumerated() {
        let next = withCName(component) { name in
            retryingOnInterrupt { openat(current, name, folderOpenFlags) }
        }
        let code = errno
        if next < 0 {
            // ENOTDIR or ELOOP: find out what the component really is.
            var kind: FileKind? = nil
            if case .success(let info) = statNoFollow(current, component) { kind = FileKind(mode: info.st_mode) }
            close(current)
            return .failure(ChainFailure(index: index, code: code, kind: kind))
        }
        close(current)
        current = next
    }
    return .success(current)
}

struct ChainFailure: Error {
    /// Index of the failing component; -1 when the root itself could not be reopened.
    let index: Int
    let code: Int32
    /// What the failing component turned out to be when it exists but could not be opened as a folder.
    var kind: FileKind? = nil
}
