import Glibc

/// Walks the drop folder (or one folder in it) with openat/fdopendir/readdir and
/// `fstatat(AT_SYMLINK_NOFOLLOW)`: never follows a symlink, never reads file contents, skips
/// nothing (temporary names are listed too; the caller filters them with `TemporaryNames`).
/// Entries that vanish between readdir and lstat are left out: they no longer exist.
public struct DropFolderScanner: Sendable {
    public static let defaultMaxDepth = 32

    public let dropRoot: String
    /// Entries up to this many components deep are listed; a folder at this depth is listed
    /// but not entered, and reported as a `ScanProblem` `.tooDeep`.
    public let maxDepth: Int

    public init(dropRoot: String, maxDepth: Int = DropFolderScanner.defaultMaxDepth) {
        self.dropRoot = dropRoot
        self.maxDepth = max(1, maxDepth)
    }

    /// Scans everything below `folder` (the whole drop folder by default). The folder itself is
    /// not among the entries.
    public func scan(_ folder: RelativePath = .root) throws(ScanFailure) -> ScanResult {
        let rootFD: Int32
        switch openDropRoot(dropRoot) {
        case .success(let fd): rootFD = fd
        case .failure(let failure):
            throw ScanFailure(path: folder, failedAt: .root, reason: .dropFolderUnavailable(errno: failure.code))
        }
        defer { close(rootFD) }

        let components = folder.components
        let folderFD: Int32
        switch openFolderChain(root: rootFD, components: components) {
        case .success(let fd): folderFD = fd
        case .failure(let failure):
            guard failure.index >= 0 else {
                throw ScanFailure(path: folder, failedAt: .root, reason: .dropFolderUnavailable(errno: failure.code))
            }
            let failedAt = RelativePath(unchecked: Array(components[0...failure.index].joined(separator: [0x2F])))
            let reason: ScanFailure.Reason
            if let kind = failure.kind, kind != .directory {
                reason = kind == .symlink ? .symlink : .notADirectory
            } else {
                switch failure.code {
                case ENOENT: reason = .missing
                case EACCES, EPERM: reason = .permissionDenied
                case ELOOP: reason = .symlink
                case ENOTDIR: reason = .notADirectory
                default: reason = .system(operation: "openat", errno: failure.code)
                }
            }
            throw ScanFailure(path: folder, failedAt: failedAt, reason: reason)
        }

        var result = ScanResult()
        if folder.depth >= maxDepth {
            close(folderFD)
            result.problems.append(ScanProblem(path: folder, reason: .tooDeep(maxDepth: maxDepth)))
            return result
        }
        guard let stream = fdopendir(folderFD) else {
            let code = errno
            close(folderFD)
            throw ScanFailure(path: folder, reason: .system(operation: "fdopendir", errno: code))
        }
        defer { closedir(stream) }
        walk(stream, folder, &result)
        return result
    }

    private func walk(_ stream: OpaquePointer, _ folder: RelativePath, _ result: inout ScanResult) {
        let (unsorted, readError) = readFolderNames(stream)
        if readError != 0 {
            result.problems.append(ScanProblem(path: folder, reason: .unreadableFolder(errno: readError)))
        }
        let names = unsorted.map(\.name).sorted(by: bytesPrecede)
        let fd = dirfd(stream)
        let childDepth = folder.depth + 1
        for name in names {
            let path = folder.appending(unchecked: name)
            let info: stat
            switch statNoFollow(fd, name) {
            case .success(let found): info = found
            case .failure(let failure):
                if failure.code != ENOENT {
                    result.problems.append(ScanProblem(path: path, reason: .unstatable(errno: failure.code)))
                }
                continue
            }
            let kind = FileKind(mode: info.st_mode)
            result.entries.append(ScanEntry(path: path, kind: kind, size: Int64(info.st_size), mtime: FileTime(info.st_mtim),
                                            inode: UInt64(info.st_ino), device: UInt64(info.st_dev)))
            guard kind == .directory else { continue }
            guard childDepth < maxDepth else {
                result.problems.append(ScanProblem(path: path, reason: .tooDeep(maxDepth: maxDepth)))
                continue
            }
            let childFD = withCName(name) { cName in retryingOnInterrupt { openat(fd, cName, folderOpenFlags) } }
            if childFD < 0 {
                let code = errno
                // Gone, or replaced by something else (e.g. a symlink) since lstat: not a folder here any more.
                if code != ENOENT && code != ENOTDIR && code != ELOOP {
                    result.problems.append(ScanProblem(path: path, reason: .unreadableFolder(errno: code)))
                }
                continue
            }
            guard let child = fdopendir(childFD) else {
                let code = errno
                close(childFD)
                result.problems.append(ScanProblem(path: path, reason: .unreadableFolder(errno: code)))
                continue
            }
            walk(child, path, &result)
            closedir(child)
        }
    }
}
