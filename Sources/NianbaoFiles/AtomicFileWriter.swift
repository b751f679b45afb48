import Glibc
import Synchronization

private let temporaryCounter = Atomic<Int>(0)

/// Replaces a file atomically: writes a temporary file in the same folder
/// (`.<name>.tmp-<pid>-<counter>`, O_CREAT|O_EXCL, mode 0644 unless told otherwise), optionally
/// fsyncs it, renames it over the target and (when syncing) fsyncs the folder. Readers see the
/// old or the new content, never a mix. The temporary file is removed on any failure.
public enum AtomicFileWriter {
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644, sync: Bool = true) throws(AtomicWriteFailure) {
        let (folder, name) = split(path)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw AtomicWriteFailure(path: path, temporaryPath: nil, operation: .createTemporary, errno: EISDIR)
        }
        let folderFD = retryingOnInterrupt { open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard folderFD >= 0 else {
            throw AtomicWriteFailure(path: path, temporaryPath: nil, operation: .openFolder, errno: errno)
        }
        defer { close(folderFD) }

        // Create the temporary file; a stale one from an earlier process with the same pid is skipped.
        var temporaryName = ""
        var fd: Int32 = -1
        for _ in 0..<100 {
            let counter = temporaryCounter.wrappingAdd(1, ordering: .relaxed).newValue
            temporaryName = ".\(name).tmp-\(getpid())-\(counter)"
            fd = retryingOnInterrupt {
                openat(folderFD, temporaryName, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            }
            if fd >= 0 || errno != EEXIST { break }
        }
        let temporaryPath = folder == "." && !path.hasPrefix("./") ? temporaryName : "\(folder)/\(temporaryName)"
        guard fd >= 0 else {
            throw AtomicWriteFailure(path: path, temporaryPath: temporaryPath, operation: .createTemporary, errno: errno)
        }

        func fail(_ operation: AtomicWriteFailure.Operation, _ code: Int32, closeFile: Bool) -> AtomicWriteFailure {
            if closeFile { close(fd) }
            unlinkat(folderFD, temporaryName, 0)
            return AtomicWriteFailure(path: path, temporaryPath: temporaryPath, operation: operation, errno: code)
        }

        // The umask must not change the mode the status file is meant to have.
        if fchmod(fd, mode) != 0 { throw fail(.write, errno, closeFile: true) }

        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                Glibc.write(fd, buffer.baseAddress! + written, buffer.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw fail(.write, errno, closeFile: true)
            }
            written += count
        }
        if sync && retryingOnInterrupt({ fsync(fd) }) != 0 { throw fail(.sync, errno, closeFile: true) }
        // close() can report delayed write errors (NFS, quotas).
        if close(fd) != 0 && errno != EINTR { throw fail(.write, errno, closeFile: false) }

        if renameat(folderFD, temporaryName, folderFD, name) != 0 { throw fail(.rename, errno, closeFile: false) }
        if sync && retryingOnInterrupt({ fsync(folderFD) }) != 0 {
            // The new content is in place; only its durability across a crash is uncertain.
            throw AtomicWriteFailure(path: path, temporaryPath: nil, operation: .syncFolder, errno: errno)
        }
    }

    public static func write(_ text: String, to path: String, mode: mode_t = 0o644, sync: Bool = true) throws(AtomicWriteFailure) {
        try write(Array(text.utf8), to: path, mode: mode, sync: sync)
    }

    /// "a/b/c" → ("a/b", "c"); "c" → (".", "c"); "/c" → ("/", "c").
    static func split(_ path: String) -> (folder: String, name: String) {
        let bytes = Array(path.utf8)
        guard let slash = bytes.lastIndex(of: 0x2F) else { return (".", path) }
        let folder = slash == 0 ? "/" : String(decoding: bytes[..<slash], as: UTF8.self)
        return (folder, String(decoding: bytes[(slash + 1)...], as: UTF8.self))
    }
}

/// Writing a file atomically failed; nothing was left behind (except after `.syncFolder`,
/// where the new content is already in place).
public struct AtomicWriteFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Operation: String, Hashable, Sendable {
        case openFolder = "open folder"
        case createTemporary = "create temporary file"
        case write = "write"
        case sync = "fsync"
        case rename = "rename"
        case syncFolder = "fsync folder"
    }

    public let path: String
    public let temporaryPath: String?
    public let operation: Operation
    public let errno: Int32

    public init(path: String, temporaryPath: String?, operation: Operation, errno: Int32) {
        self.path = path
        self.temporaryPath = temporaryPath
        self.operation = operation
        self.errno = errno
    }

    public var messageZH: String {
        let hint: String = switch errno {
        case ENOSPC: "磁盘已满；请清理空间"
        case EDQUOT: "磁盘配额已用完；请清理空间或提高配额"
        case EROFS: "文件系统是只读的；请把该文件放到可写的位置（例如 systemd 的 StateDirectory= 或 RuntimeDirectory=）"
        case EACCES, EPERM: "没有写入权限；请让服务账户可以写入该文件夹"
        case ENOENT: "文件夹不存在；请先创建它"
        case EIO: "输入输出错误；请检查磁盘"
        default: describeErrno(errno)
        }
        return "无法写入“\(path)”（\(operation.rawValue)：\(errnoName(errno))）：\(hint)"
    }

    public var messageEN: String {
        let hint: String = switch errno {
        case ENOSPC: "the disk is full; free some space"
        case EDQUOT: "the disk quota is exhausted; free some space or raise the quota"
        case EROFS: "the file system is read-only; put the file somewhere writable (e.g. systemd StateDirectory= or RuntimeDirectory=)"
        case EACCES, EPERM: "permission denied; let the service account write to that folder"
        case ENOENT: "the folder does not exist; create it first"
        case EIO: "input/output error; check the disk"
        default: describeErrno(errno)
        }
        return "cannot write “\(path)” (\(operation.rawValue): \(errnoName(errno))): \(hint)"
    }

    public var description: String { messageEN }
}
