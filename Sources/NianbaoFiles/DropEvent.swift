/// What happened in the drop folder, in the terms the daemon acts on.
public enum DropEvent: Hashable, Sendable, CustomStringConvertible {
    /// A non-folder entry was closed after writing (IN_CLOSE_WRITE) or renamed into place
    /// (IN_MOVED_TO). Temporary names are reported too: filter with `TemporaryNames`.
    case fileCompleted(RelativePath)
    /// A non-folder entry was deleted (IN_DELETE) or renamed away (IN_MOVED_FROM; a rename
    /// inside the drop folder is followed by `fileCompleted` with the new name).
    case fileGone(RelativePath)
    /// A regular file appeared with its content already there (IN_CREATE of a hard link,
    /// `cp --link`, O_TMPFILE + linkat): no close event may follow. Judge it once it has been
    /// left alone for the quiet period (a writer still at work keeps changing its mtime).
    case fileAppeared(RelativePath)
    /// A non-folder entry's permissions, owner or times changed (IN_ATTRIB): a file that could
    /// not be read may be readable now (a permission fixed with chmod).
    case fileAttributesChanged(RelativePath)
    /// A folder was created, moved in from outside, or is the new name of a renamed folder.
    /// Its watches (and those of its sub-folders) are already in place: scan it now, recursively,
    /// to find files that arrived before the watches existed.
    case directoryAppeared(RelativePath)
    /// A folder was deleted, moved out of the drop folder, or renamed (then followed by
    /// `directoryAppeared` with the new name). Everything below it is gone from that path.
    case directoryGone(RelativePath)
    /// IN_Q_OVERFLOW: events were lost. The watches have been re-synchronised with the tree
    /// already; the caller must rescan the whole drop folder.
    case overflow
    /// ENOSPC from inotify_add_watch: this folder (and what is below it) is not watched.
    case watchLimitReached(RelativePath)
    /// The drop folder itself was deleted, moved or unmounted; this watch is finished.
    case dropFolderGone

    public var description: String {
        switch self {
        case .fileCompleted(let path): "fileCompleted(\(path.display))"
        case .fileGone(let path): "fileGone(\(path.display))"
        case .fileAppeared(let path): "fileAppeared(\(path.display))"
        case .fileAttributesChanged(let path): "fileAttributesChanged(\(path.display))"
        case .directoryAppeared(let path): "directoryAppeared(\(path.display))"
        case .directoryGone(let path): "directoryGone(\(path.display))"
        case .overflow: "overflow"
        case .watchLimitReached(let path): "watchLimitReached(\(path.display))"
        case .dropFolderGone: "dropFolderGone"
        }
    }

    /// A sentence for the journal / status file (Chinese).
    public var messageZH: String {
        switch self {
        case .fileCompleted(let path): "文件“\(path.display)”已写完"
        case .fileGone(let path): "文件“\(path.display)”已删除或改名"
        case .fileAppeared(let path): "文件“\(path.display)”已出现"
        case .fileAttributesChanged(let path): "文件“\(path.display)”的权限或属性已改变"
        case .directoryAppeared(let path): "出现新文件夹“\(path.display)”"
        case .directoryGone(let path): "文件夹“\(path.display)”已删除或移走"
        case .overflow:
            "inotify 事件队列溢出，部分事件已丢失；将重新扫描整个投递文件夹（如经常发生，可提高 sysctl fs.inotify.max_queued_events）"
        case .watchLimitReached(let path):
            "inotify 监视数量已达上限，文件夹“\(path.display)”及其子文件夹中的新文件不会被及时发现；请提高 sysctl fs.inotify.max_user_watches（例如 sysctl -w fs.inotify.max_user_watches=524288，并写入 /etc/sysctl.d/ 持久生效），然后重新加载服务"
        case .dropFolderGone:
            "投递文件夹已被删除、移走或卸载，监视已停止；请恢复该文件夹"
        }
    }

    /// A sentence for the journal / status file (English).
    public var messageEN: String {
        switch self {
        case .fileCompleted(let path): "file “\(path.display)” was completed"
        case .fileGone(let path): "file “\(path.display)” was deleted or renamed away"
        case .fileAppeared(let path): "file “\(path.display)” appeared"
        case .fileAttributesChanged(let path): "the permissions or attributes of file “\(path.display)” changed"
        case .directoryAppeared(let path): "folder “\(path.display)” appeared"
        case .directoryGone(let path): "folder “\(path.display)” was deleted or moved away"
        case .overflow:
            "the inotify event queue overflowed and events were lost; rescanning the whole drop folder (if this happens often, raise sysctl fs.inotify.max_queued_events)"
        case .watchLimitReached(let path):
            "the inotify watch limit is reached: new files in “\(path.display)” and below will not be noticed promptly; raise sysctl fs.inotify.max_user_watches (e.g. sysctl -w fs.inotify.max_user_watches=524288, persisted in /etc/sysctl.d/), then reload the service"
        case .dropFolderGone:
            "the drop folder was deleted, moved or unmounted; watching stopped: restore the folder"
        }
    }
}
