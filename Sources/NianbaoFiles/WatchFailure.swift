/// `DropFolderWatch` could not start.
public struct WatchFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        case dropFolderMissing
        case notADirectory
        case permissionDenied
        /// ENOSPC on the drop root itself: fs.inotify.max_user_watches.
        case watchLimitReached
        /// EMFILE from inotify_init1: fs.inotify.max_user_instances.
        case instanceLimitReached
        case system(operation: String, errno: Int32)
    }

    public let dropRoot: String
    public let reason: Reason

    public init(dropRoot: String, reason: Reason) {
        self.dropRoot = dropRoot
        self.reason = reason
    }

    public var messageZH: String {
        switch reason {
        case .dropFolderMissing: "投递文件夹“\(dropRoot)”不存在；请创建它或用 --drop 指定正确的路径"
        case .notADirectory: "投递路径“\(dropRoot)”不是文件夹"
        case .permissionDenied: "没有权限读取投递文件夹“\(dropRoot)”；请让服务账户可以读取并进入它"
        case .watchLimitReached: "inotify 监视数量已达上限，无法监视“\(dropRoot)”；请提高 sysctl fs.inotify.max_user_watches（例如 sysctl -w fs.inotify.max_user_watches=524288，并写入 /etc/sysctl.d/）"
        case .instanceLimitReached: "inotify 实例数量已达上限；请提高 sysctl fs.inotify.max_user_instances"
        case .system(let operation, let code): "无法监视投递文件夹“\(dropRoot)”（\(operation)：\(describeErrno(code))）"
        }
    }

    public var messageEN: String {
        switch reason {
        case .dropFolderMissing: "the drop folder “\(dropRoot)” does not exist; create it or give the right path with --drop"
        case .notADirectory: "the drop path “\(dropRoot)” is not a folder"
        case .permissionDenied: "permission denied on the drop folder “\(dropRoot)”; let the service account read and enter it"
        case .watchLimitReached: "the inotify watch limit is reached, cannot watch “\(dropRoot)”; raise sysctl fs.inotify.max_user_watches (e.g. sysctl -w fs.inotify.max_user_watches=524288, persisted in /etc/sysctl.d/)"
        case .instanceLimitReached: "the inotify instance limit is reached; raise sysctl fs.inotify.max_user_instances"
        case .system(let operation, let code): "cannot watch the drop folder “\(dropRoot)” (\(operation): \(describeErrno(code)))"
        }
    }

    public var description: String { messageEN }
}
