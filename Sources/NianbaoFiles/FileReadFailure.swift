/// Why a file of the drop folder was not read, with a Chinese and an English explanation
/// that tells the person who dropped it what to do.
public struct FileReadFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        /// ENOENT: the file (or a folder on its path) does not exist (any more).
        case missing
        /// The file, or a folder on its path (`failedAt`), is a symbolic link; never followed.
        case symlink
        case directory
        case fifo
        case socket
        case characterDevice
        case blockDevice
        case unknownKind
        /// A component of the path (`failedAt`) is not a folder.
        case notADirectory
        /// EACCES / EPERM.
        case permissionDenied
        /// Larger than `limit`; `size` is what is known (at least `limit + 1` when it grew while read).
        case tooLarge(size: Int64, limit: Int64)
        /// EAGAIN/EWOULDBLOCK on open: another program holds a lease (e.g. a Samba oplock). Retry later.
        case busy
        /// Size or mtime changed while it was read: still being written. Retry later.
        case changedWhileReading
        /// The drop root, `.`/`..` or otherwise not a file path.
        case invalidPath
        /// The drop folder itself could not be opened.
        case dropFolderUnavailable(errno: Int32)
        /// Any other system error (EIO, ENOMEM, EMFILE...).
        case ioError(operation: String, errno: Int32)
    }

    /// The path that was asked for.
    public let path: RelativePath
    /// The component where it failed (equal to `path` unless a folder on the way was the problem).
    public let failedAt: RelativePath
    public let reason: Reason

    public init(path: RelativePath, failedAt: RelativePath? = nil, reason: Reason) {
        self.path = path
        self.failedAt = failedAt ?? path
        self.reason = reason
    }

    /// True when trying again later may succeed (busy, changing, vanished while renamed).
    public var isTransient: Bool {
        switch reason {
        case .busy, .changedWhileReading: true
        default: false
        }
    }

    /// Stable machine-readable code (for JSON, the ledger and journal fields).
    public var code: String {
        switch reason {
        case .missing: "missing"
        case .symlink: "symlink"
        case .directory: "directory"
        case .fifo: "fifo"
        case .socket: "socket"
        case .characterDevice: "character_device"
        case .blockDevice: "block_device"
        case .unknownKind: "unknown_kind"
        case .notADirectory: "not_a_directory"
        case .permissionDenied: "permission_denied"
        case .tooLarge: "too_large"
        case .busy: "busy"
        case .changedWhileReading: "changed_while_reading"
        case .invalidPath: "invalid_path"
        case .dropFolderUnavailable: "drop_folder_unavailable"
        case .ioError: "io_error"
        }
    }

    private var onTheWay: Bool { failedAt != path }

    public var messageZH: String {
        let folder = "“\(failedAt.display)”"
        switch reason {
        case .missing:
            return onTheWay
                ? "路径中的文件夹\(folder)不存在（可能已被移走或删除）；请确认文件已上传到正确的位置"
                : "文件不存在（可能已被移走、改名或删除）；请确认文件已上传完成"
        case .symlink:
            return onTheWay
                ? "路径中的文件夹\(folder)是符号链接，不会被跟随；请把文件本身放进投递文件夹"
                : "文件是符号链接，不会被读取；请直接上传文件本身"
        case .directory:
            return "这是一个文件夹，不是文件"
        case .fifo:
            return "这是一个命名管道（FIFO），不是普通文件，不会被读取；请上传普通文件"
        case .socket:
            return "这是一个套接字（socket），不是普通文件，不会被读取；请上传普通文件"
        case .characterDevice:
            return "这是一个字符设备，不是普通文件，不会被读取；请上传普通文件"
        case .blockDevice:
            return "这是一个块设备，不是普通文件，不会被读取；请上传普通文件"
        case .unknownKind:
            return "这不是普通文件，不会被读取；请上传普通文件"
        case .notADirectory:
            return "路径中的\(folder)不是文件夹；请检查路径"
        case .permissionDenied:
            return onTheWay
                ? "没有权限进入文件夹\(folder)；请让服务账户可以进入该文件夹（例如 chmod o+rx 或调整所属组）"
                : "没有读取权限；请让服务账户可以读取该文件（例如 chmod o+r 或调整所属组），并检查上传工具设置的权限"
        case .tooLarge(let size, let limit):
            return "文件过大（至少 \(size) 字节，上限 \(limit) 字节），未读取；年报不应这么大，请检查是否上传了正确的文件，或由管理员调高大小上限"
        case .busy:
            return "文件正被其他程序锁定（租约或机会锁），暂时无法读取；稍后会自动重试"
        case .changedWhileReading:
            return "读取期间文件仍在变化（可能还在上传）；上传完成后会重新读取"
        case .invalidPath:
            return "路径无效（不是投递文件夹中的文件）"
        case .dropFolderUnavailable(let code):
            return "无法打开投递文件夹（\(describeErrno(code))）；请检查它是否存在、是否已挂载，以及服务账户是否有权限读取"
        case .ioError(let operation, let code):
            return "读取失败（\(operation)：\(describeErrno(code))）；请检查磁盘和文件系统，稍后会重试"
        }
    }

    public var messageEN: String {
        let folder = "“\(failedAt.display)”"
        switch reason {
        case .missing:
            return onTheWay
                ? "the folder \(folder) on the path does not exist (it may have been moved or deleted); check that the file was uploaded to the right place"
                : "the file does not exist (it may have been moved, renamed or deleted); check that the upload finished"
        case .symlink:
            return onTheWay
                ? "the folder \(folder) on the path is a symbolic link and is never followed; put the file itself into the drop folder"
                : "the path is a symbolic link and is never followed; upload the file itself"
        case .directory:
            return "the path is a folder, not a file"
        case .fifo:
            return "the path is a named pipe (FIFO), not a regular file, and is not read; upload a regular file"
        case .socket:
            return "the path is a socket, not a regular file, and is not read; upload a regular file"
        case .characterDevice:
            return "the path is a character device, not a regular file, and is not read; upload a regular file"
        case .blockDevice:
            return "the path is a block device, not a regular file, and is not read; upload a regular file"
        case .unknownKind:
            return "the path is not a regular file and is not read; upload a regular file"
        case .notADirectory:
            return "\(folder) on the path is not a folder; check the path"
        case .permissionDenied:
            return onTheWay
                ? "permission denied entering the folder \(folder); let the service account enter it (e.g. chmod o+rx, or set its group)"
                : "permission denied; make the file readable by the service account (e.g. chmod o+r, or set its group) and check the permissions your upload tool sets"
        case .tooLarge(let size, let limit):
            return "the file is too large (at least \(size) bytes, limit \(limit) bytes) and was not read; an annual report should not be this large: check that the right file was uploaded, or have the administrator raise the limit"
        case .busy:
            return "the file is locked by another program (a lease or oplock) and cannot be read yet; it will be retried"
        case .changedWhileReading:
            return "the file changed while it was read (probably still uploading); it will be read again once complete"
        case .invalidPath:
            return "invalid path (not a file inside the drop folder)"
        case .dropFolderUnavailable(let code):
            return "the drop folder cannot be opened (\(describeErrno(code))); check that it exists, is mounted and is readable by the service account"
        case .ioError(let operation, let code):
            return "reading failed (\(operation): \(describeErrno(code))); check the disk and file system; it will be retried"
        }
    }

    public var description: String { "\(path.display): \(code): \(messageEN)" }
}

extension FileReadFailure.Reason {
    init(kind: FileKind) {
        switch kind {
        case .regular: self = .unknownKind  // not used for regular files
        case .directory: self = .directory
        case .symlink: self = .symlink
        case .fifo: self = .fifo
        case .socket: self = .socket
        case .characterDevice: self = .characterDevice
        case .blockDevice: self = .blockDevice
        case .other: self = .unknownKind
        }
    }
}
