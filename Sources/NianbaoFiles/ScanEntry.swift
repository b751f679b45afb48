/// One directory entry found by `DropFolderScanner`, from `lstat` (symlinks are not followed).
public struct ScanEntry: Hashable, Sendable {
    public let path: RelativePath
    public let kind: FileKind
    /// Bytes (for a symlink: the length of its target text).
    public let size: Int64
    public let mtime: FileTime
    public let inode: UInt64
    public let device: UInt64

    /// `path.display`.
    public var relativePath: String { path.display }

    public init(path: RelativePath, kind: FileKind, size: Int64, mtime: FileTime, inode: UInt64, device: UInt64) {
        self.path = path
        self.kind = kind
        self.size = size
        self.mtime = mtime
        self.inode = inode
        self.device = device
    }
}

/// Something the scan could not look into; the rest of the tree is still scanned.
public struct ScanProblem: Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        /// A folder at the depth limit: listed, but its contents are not.
        case tooDeep(maxDepth: Int)
        /// A folder that could not be opened or listed (EACCES...).
        case unreadableFolder(errno: Int32)
        /// An entry whose `lstat` failed with something other than ENOENT.
        case unstatable(errno: Int32)
    }

    public let path: RelativePath
    public let reason: Reason

    public init(path: RelativePath, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var messageZH: String {
        switch reason {
        case .tooDeep(let maxDepth):
            "文件夹“\(path.display)”嵌套超过 \(maxDepth) 层，其中的内容不会被检查；请减少文件夹层级"
        case .unreadableFolder(let code):
            "无法读取文件夹“\(path.display)”（\(describeErrno(code))）；请让服务账户可以读取并进入该文件夹"
        case .unstatable(let code):
            "无法获取“\(path.display)”的信息（\(describeErrno(code))）"
        }
    }

    public var messageEN: String {
        switch reason {
        case .tooDeep(let maxDepth):
            "the folder “\(path.display)” is nested deeper than \(maxDepth) levels; its contents are not checked: flatten the folders"
        case .unreadableFolder(let code):
            "cannot list the folder “\(path.display)” (\(describeErrno(code))); let the service account read and enter it"
        case .unstatable(let code):
            "cannot stat “\(path.display)” (\(describeErrno(code)))"
        }
    }

    public var description: String { messageEN }
}

/// What a scan found: every entry (folders included, in depth-first order, names sorted by
/// bytes within a folder) and the places it could not look into.
public struct ScanResult: Sendable {
    public var entries: [ScanEntry]
    public var problems: [ScanProblem]

    public init(entries: [ScanEntry] = [], problems: [ScanProblem] = []) {
        self.entries = entries
        self.problems = problems
    }

    /// Only the regular files.
    public var regularFiles: [ScanEntry] { entries.filter { $0.kind == .regular } }
}

/// The folder asked for could not be scanned at all.
public struct ScanFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        case dropFolderUnavailable(errno: Int32)
        case missing
        /// The folder (or one on its path, `failedAt`) is a symbolic link: not followed.
        case symlink
        case notADirectory
        case permissionDenied
        case system(operation: String, errno: Int32)
    }

    public let path: RelativePath
    public let failedAt: RelativePath
    public let reason: Reason

    public init(path: RelativePath, failedAt: RelativePath? = nil, reason: Reason) {
        self.path = path
        self.failedAt = failedAt ?? path
        self.reason = reason
    }

    public var messageZH: String {
        switch reason {
        case .dropFolderUnavailable(let code): "无法打开投递文件夹（\(describeErrno(code))）；请检查它是否存在、是否已挂载、服务账户是否可读"
        case .missing: "文件夹“\(failedAt.display)”不存在"
        case .symlink: "“\(failedAt.display)”是符号链接，不会被跟随"
        case .notADirectory: "“\(failedAt.display)”不是文件夹"
        case .permissionDenied: "没有权限读取文件夹“\(failedAt.display)”；请让服务账户可以读取并进入该文件夹"
        case .system(let operation, let code): "扫描“\(failedAt.display)”失败（\(operation)：\(describeErrno(code))）"
        }
    }

    public var messageEN: String {
        switch reason {
        case .dropFolderUnavailable(let code): "the drop folder cannot be opened (\(describeErrno(code))); check that it exists, is mounted and is readable by the service account"
        case .missing: "the folder “\(failedAt.display)” does not exist"
        case .symlink: "“\(failedAt.display)” is a symbolic link and is never followed"
        case .notADirectory: "“\(failedAt.display)” is not a folder"
        case .permissionDenied: "permission denied listing “\(failedAt.display)”; let the service account read and enter it"
        case .system(let operation, let code): "scanning “\(failedAt.display)” failed (\(operation): \(describeErrno(code)))"
        }
    }

    public var description: String { messageEN }
}
