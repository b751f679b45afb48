import Glibc

/// Reads one file of the drop folder without ever following a symlink or blocking.
///
/// Every folder on the path is opened from the drop root with
/// `openat(O_RDONLY|O_DIRECTORY|O_NOFOLLOW|O_CLOEXEC)` and the file itself with
/// `openat(O_RDONLY|O_NOFOLLOW|O_NONBLOCK|O_NOCTTY|O_CLOEXEC)`, after an `lstat` that refuses
/// anything but a regular file without opening it (so a FIFO or device is never even opened).
/// At most `sizeLimit + 1` bytes are read. Nothing in the drop folder is modified (the access
/// time is left alone too where O_NOATIME is permitted: as root or as the file's owner).
public struct SafeFileReader: Sendable {
    /// O_NOATIME (Glibc's module only exports it with _GNU_SOURCE): 01000000 on x86_64, arm64
    /// and the other architectures using the generic values.
    static let noAccessTime: Int32 = 0o1000000

    /// The drop folder; a symlink here is followed (the administrator chose this path).
    public let dropRoot: String
    /// Largest accepted file, in bytes.
    public let sizeLimit: Int64

    public init(dropRoot: String, sizeLimit: Int64) {
        self.dropRoot = dropRoot
        self.sizeLimit = max(0, sizeLimit)
    }

    /// Reads `path` completely, with its size, mtime, inode, device and SHA-256.
    public func read(_ path: RelativePath) throws(FileReadFailure) -> FileSnapshot {
        let components = path.components
        guard let name = components.last else { throw FileReadFailure(path: path, reason: .invalidPath) }

        let rootFD: Int32
        switch openDropRoot(dropRoot) {
        case .success(let fd): rootFD = fd
        case .failure(let failure):
            throw FileReadFailure(path: path, failedAt: .root, reason: .dropFolderUnavailable(errno: failure.code))
        }
        defer { close(rootFD) }

        let folders = Array(components.dropLast())
        let folderFD: Int32
        switch openFolderChain(root: rootFD, components: folders) {
        case .success(let fd): folderFD = fd
        case .failure(let failure):
            guard failure.index >= 0 else {
                throw FileReadFailure(path: path, failedAt: .root, reason: .dropFolderUnavailable(errno: failure.code))
            }
            let failedAt = RelativePath(unchecked: Array(folders[0...failure.index].joined(separator: [0x2F])))
            throw FileReadFailure(path: path, failedAt: failedAt, reason: SafeFileReader.folderReason(failure))
        }
        defer { close(folderFD) }

        // lstat first: refuse symlinks, FIFOs, sockets and devices without opening them.
        let before: stat
        switch statNoFollow(folderFD, name) {
        case .success(let info): before = info
        case .failure(let failure):
            throw FileReadFailure(path: path, reason: SafeFileReader.reason(errno: failure.code, operation: "fstatat"))
        }
        let kind = FileKind(mode: before.st_mode)
        guard kind == .regular else { throw FileReadFailure(path: path, reason: .init(kind: kind)) }
        guard Int64(before.st_size) <= sizeLimit else {
            throw FileReadFailure(path: path, reason: .tooLarge(size: Int64(before.st_size), limit: sizeLimit))
        }

        let flags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC
        let fd = withCName(name) { cName in
            // O_NOATIME keeps even the access time of the drop folder's files untouched; only the
            // owner (or CAP_FOWNER) may use it, everyone else gets EPERM and reads without it.
            let quiet = retryingOnInterrupt { openat(folderFD, cName, flags | SafeFileReader.noAccessTime) }
            if quiet >= 0 || errno != EPERM { return quiet }
            return retryingOnInterrupt { openat(folderFD, cName, flags) }
        }
        if fd < 0 {
            let code = errno
            if code == ENXIO, case .success(let info) = statNoFollow(folderFD, name), FileKind(mode: info.st_mode) != .regular {
                throw FileReadFailure(path: path, reason: .init(kind: FileKind(mode: info.st_mode)))
            }
            throw FileReadFailure(path: path, reason: SafeFileReader.reason(errno: code, operation: "openat"))
        }
        defer { close(fd) }

        // The authoritative check, on what was actually opened.
        var opened = stat()
        guard fstat(fd, &opened) == 0 else {
            throw FileReadFailure(path: path, reason: .ioError(operation: "fstat", errno: errno))
        }
        let openedKind = FileKind(mode: opened.st_mode)
        guard openedKind == .regular else { throw FileReadFailure(path: path, reason: .init(kind: openedKind)) }
        guard Int64(opened.st_size) <= sizeLimit else {
            throw FileReadFailure(path: path, reason: .tooLarge(size: Int64(opened.st_size), limit: sizeLimit))
        }

        let bytes: [UInt8]
        switch SafeFileReader.readBounded(fd: fd, sizeHint: Int64(opened.st_size), limit: sizeLimit) {
        case .complete(let read): bytes = read
        case .tooLarge(let atLeast):
            throw FileReadFailure(path: path, reason: .tooLarge(size: max(atLeast, Int64(opened.st_size)), limit: sizeLimit))
        case .failed(let code):
            throw FileReadFailure(path: path, reason: SafeFileReader.reason(errno: code, operation: "read"))
        }

        var after = stat()
        guard fstat(fd, &after) == 0 else {
            throw FileReadFailure(path: path, reason: .ioError(operation: "fstat", errno: errno))
        }
        let mtime = FileTime(opened.st_mtim)
        guard after.st_size == opened.st_size, FileTime(after.st_mtim) == mtime, Int64(bytes.count) == Int64(opened.st_size) else {
            throw FileReadFailure(path: path, reason: .changedWhileReading)
        }
        return FileSnapshot(path: path, size: Int64(bytes.count), mtime: mtime, ctime: FileTime(opened.st_ctim),
                            inode: UInt64(opened.st_ino), device: UInt64(opened.st_dev), bytes: bytes)
    }

    public enum BoundedRead: Equatable, Sendable {
        case complete([UInt8])
        /// More than `limit` bytes were there; this many were read (limit + 1).
        case tooLarge(atLeast: Int64)
        case failed(errno: Int32)
    }

    /// Reads until end of file, but never more than `limit + 1` bytes. `sizeHint` (from fstat)
    /// only sizes the first read: a file that grows while it is read is still cut off.
    /// Reads an open descriptor to its end, but never more than `limit + 1` bytes: a file over the
    /// limit (or growing past it while read) is reported without being read whole.
    public static func readBounded(fd: Int32, sizeHint: Int64, limit: Int64) -> BoundedRead {
        let maximum = limit == Int64.max ? Int64.max : limit + 1
        var bytes: [UInt8] = []
        var nextRead = Int(min(max(sizeHint, 0) + 1, maximum, 1 << 30))
        while Int64(bytes.count) < maximum {
            let room = Int(min(Int64(nextRead), maximum - Int64(bytes.count)))
            let start = bytes.count
            bytes.append(contentsOf: [UInt8](repeating: 0, count: room))
            var count = 0
            while true {
                count = bytes.withUnsafeMutableBytes { buffer in
                    Glibc.read(fd, buffer.baseAddress! + start, room)
                }
                if count < 0 && errno == EINTR { continue }
                break
            }
            if count < 0 { return .failed(errno: errno) }
            bytes.removeLast(room - count)
            if count == 0 { break }
            nextRead = 1 << 16
        }
        if Int64(bytes.count) > limit { return .tooLarge(atLeast: Int64(bytes.count)) }
        return .complete(bytes)
    }

    static func reason(errno code: Int32, operation: String) -> FileReadFailure.Reason {
        switch code {
        case ENOENT: .missing
        case ELOOP: .symlink
        case EACCES, EPERM: .permissionDenied
        case EAGAIN, EWOULDBLOCK: .busy
        case ENOTDIR: .notADirectory
        case EISDIR: .directory
        default: .ioError(operation: operation, errno: code)
        }
    }

    static func folderReason(_ failure: ChainFailure) -> FileReadFailure.Reason {
        if let kind = failure.kind, kind != .directory {
            return kind == .symlink ? .symlink : .notADirectory
        }
        return reason(errno: failure.code, operation: "openat")
    }
}
