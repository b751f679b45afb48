import Glibc
import Synchronization

/// Watches the drop folder and every sub-folder with inotify and turns raw records into
/// `DropEvent`s, keeping the watch-descriptor ↔ folder map right across creations, renames
/// inside the tree (IN_MOVED_FROM/IN_MOVED_TO paired by cookie), moves in and out, and deletions.
///
/// New folders are watched (recursively) before `directoryAppeared` is reported, so a scan
/// started after that event cannot miss a file. Watches are added through `/proc/self/fd/N` of a
/// folder opened with O_NOFOLLOW from the drop root, so a symlink is never followed and deep
/// paths do not hit PATH_MAX (falls back to the path with IN_DONT_FOLLOW without /proc).
///
/// Thread safety: the state is behind a mutex; one thread is expected to call `waitForEvents`.
public final class DropFolderWatch: Sendable {
    /// The mask of every folder watch.
    public static let folderMask: InotifyMask = [
        .closeWrite, .movedTo, .movedFrom, .create, .delete, .deleteSelf, .moveSelf, .attrib, .onlyDir, .exclUnlink,
    ]

    public var dropRoot: String { engine.dropRoot }
    public var maxDepth: Int { engine.maxDepth }
    /// The inotify descriptor, to multiplex in another poll loop (then call `waitForEvents(timeout: .zero)`).
    public var fileDescriptor: Int32 { engine.inotify.fileDescriptor }

    private let engine: WatchEngine
    private let state: Mutex<WatchState>

    /// Watches `dropRoot` and every folder below it down to `maxDepth` (folders at that depth
    /// are not watched, matching `DropFolderScanner`). Folders that cannot be watched are listed
    /// by `unwatchedFolders`; running out of watches on a sub-folder is delivered as
    /// `.watchLimitReached` by the first `waitForEvents`.
    public init(dropRoot: String, maxDepth: Int = DropFolderScanner.defaultMaxDepth) throws(WatchFailure) {
        let inotify: Inotify
        do {
            inotify = try Inotify()
        } catch {
            throw WatchFailure(dropRoot: dropRoot, reason: error.errno == EMFILE
                ? .instanceLimitReached : .system(operation: "inotify_init1", errno: error.errno))
        }
        let engine = WatchEngine(inotify: inotify, dropRoot: dropRoot, maxDepth: max(1, maxDepth),
                                 useProcFD: access("/proc/self/fd", F_OK) == 0)
        var initial = WatchState()
        var events: [DropEvent] = []
        try engine.watchRoot(&initial, &events)
        initial.queued = events
        self.engine = engine
        self.state = Mutex(initial)
    }

    /// Waits until events arrive or `timeout` passes (nil: forever; `.zero`: just look), reads
    /// everything available (64 KiB per read) and returns the resulting events in order. Returns
    /// an empty array on timeout or when a signal interrupted the wait.
    public func waitForEvents(timeout: Duration?) -> [DropEvent] {
        let hasQueued = state.withLock { !$0.queued.isEmpty }
        let readable = engine.inotify.waitUntilReadable(timeout: hasQueued ? .zero : timeout)
        let engine = self.engine
        return state.withLock { state in
            var events = state.queued
            state.queued.removeAll()
            if readable { engine.drain(&state, &events) }
            return events
        }
    }

    /// Tries every folder again, as after an overflow: the whole tree is walked and each folder
    /// watched on its own inode. For the folders the last walk could not watch (the inotify watch
    /// limit since raised, a permission since fixed); folders no longer there are forgotten.
    /// Returns `directoryAppeared` for each folder watched now that was not (scan it: files may
    /// have arrived unseen), and `watchLimitReached` again while the limit still bites.
    public func retryUnwatched() -> [DropEvent] {
        let engine = self.engine
        return state.withLock { state in
            guard !state.finished else { return [] }
            let before = state.wdByPath
            var events: [DropEvent] = []
            engine.resynchronize(&state, &events)
            guard !state.finished else { return events }
            // The top of each newly watched subtree; its scan covers what is below.
            let fresh = state.wdByPath.filter { before[$0.key] != $0.value }.keys
            let freshSet = Set(fresh)
            for folder in fresh.sorted() where !(folder.parent.map(freshSet.contains) ?? false) {
                events.append(.directoryAppeared(folder))
            }
            return events
        }
    }

    /// True after `.dropFolderGone`: create a new watch once the folder is back.
    public var isFinished: Bool { state.withLock { $0.finished } }

    /// Folders currently watched (the root is `.root`), sorted.
    public var watchedFolders: [RelativePath] { state.withLock { $0.wdByPath.keys.sorted() } }

    /// Folders that could not be watched, with the errno of inotify_add_watch or open (EACCES,
    /// ENOSPC...). They are still found by scans, but only by scans.
    public var unwatchedFolders: [RelativePath: Int32] { state.withLock { $0.unwatchable } }
}

/// The mutable part of a watch.
struct WatchState: Sendable {
    var pathByWD: [Int32: RelativePath] = [:]
    var wdByPath: [RelativePath: Int32] = [:]
    var rootWD: Int32 = -1
    /// Folders seen leaving by IN_MOVED_FROM, waiting for their IN_MOVED_TO: their watches,
    /// relative to the moved folder.
    var movedAway: [(cookie: UInt32, watches: [(suffix: RelativePath, wd: Int32)])] = []
    var queued: [DropEvent] = []
    var unwatchable: [RelativePath: Int32] = [:]
    var finished = false
    /// The folder (device and inode) each watch is on, from fstat of the descriptor it was added
    /// through: a path names another folder once the folder is renamed and the name reused.
    var identityByWD: [Int32: FolderIdentity] = [:]
    /// Folders whose binding may be wrong (created, renamed into place, or their watch taken by
    /// another path): checked by inode once the events read together are applied.
    var touched: [RelativePath] = []

    /// Records `wd` ↔ `folder`; returns a different wd previously bound to the same path.
    @discardableResult
    mutating func bind(_ wd: Int32, _ folder: RelativePath) -> Int32? {
        if let old = pathByWD[wd], old != folder, wdByPath[old] == wd {
            // The folder watched under `old` is found at `folder` now: whatever is at `old` needs a look.
            wdByPath[old] = nil
            touched.append(old)
        }
        var displaced: Int32? = nil
        if let oldWD = wdByPath[folder], oldWD != wd {
            if pathByWD[oldWD] == folder { pathByWD[oldWD] = nil }
            displaced = oldWD
        }
        pathByWD[wd] = folder
        wdByPath[folder] = wd
        unwatchable[folder] = nil
        return displaced
    }

    mutating func unbind(_ wd: Int32) {
        identityByWD[wd] = nil
        guard let path = pathByWD.removeValue(forKey: wd) else { return }
        if wdByPath[path] == wd { wdByPath[path] = nil }
    }

    /// Removes `folder` and everything below it from the maps; returns their watches.
    mutating func detach(_ folder: RelativePath) -> [(suffix: RelativePath, wd: Int32)] {
        var detached: [(suffix: RelativePath, wd: Int32)] = []
        for (path, wd) in wdByPath where path.isWithin(folder) {
            wdByPath[path] = nil
            if pathByWD[wd] == path { pathByWD[wd] = nil }
            let suffix = path.replacingAncestor(folder, with: .root) ?? .root
            detached.append((suffix, wd))
        }
        for path in unwatchable.keys where path.isWithin(folder) { unwatchable[path] = nil }
        return detached
    }
}

/// The immutable part of a watch and the logic that applies events to a `WatchState`.
struct WatchEngine: Sendable {
    let inotify: Inotify
    let dropRoot: String
    let maxDepth: Int
    let useProcFD: Bool

    // MARK: Adding watches

    /// Watches the root and everything below it (used at start and after an overflow).
    func watchRoot(_ state: inout WatchState, _ events: inout [DropEvent]) throws(WatchFailure) {
        let rootFD: Int32
        switch openDropRoot(dropRoot) {
        case .success(let fd): rootFD = fd
        case .failure(let failure):
            let reason: WatchFailure.Reason = switch failure.code {
            case ENOENT: .dropFolderMissing
            case ENOTDIR: .notADirectory
            case EACCES, EPERM: .permissionDenied
            default: .system(operation: "open", errno: failure.code)
            }
            throw WatchFailure(dropRoot: dropRoot, reason: reason)
        }
        let wd: Int32
        do {
            wd = try addWatch(fd: rootFD, folder: .root)
        } catch {
            close(rootFD)
            throw WatchFailure(dropRoot: dropRoot, reason: error.errno == ENOSPC
                ? .watchLimitReached : .system(operation: "inotify_add_watch", errno: error.errno))
        }
        state.rootWD = wd
        state.bind(wd, .root)
        state.identityByWD[wd] = FolderIdentity(fd: rootFD)
        _ = watchChildren(of: rootFD, .root, &state, &events)
    }

    /// Watches `folder` (opened without following symlinks) and the folders below it.
    func watchTree(_ folder: RelativePath, _ state: inout WatchState, _ events: inout [DropEvent]) {
        guard folder.depth < maxDepth, case .success(let rootFD) = openDropRoot(dropRoot) else { return }
        defer { close(rootFD) }
        switch openFolderChain(root: rootFD, components: folder.components) {
        case .success(let fd):
            _ = watchFolder(fd, folder, &state, &events)
        case .failure(let failure):
            // Gone or replaced already: later events tell what happened. Unreadable: record it.
            if failure.code == EACCES || failure.code == EPERM { state.unwatchable[folder] = failure.code }
        }
    }

    /// Takes ownership of `fd`. Returns false when the watch limit was hit (stop the walk).
    private func watchFolder(_ fd: Int32, _ folder: RelativePath, _ state: inout WatchState, _ events: inout [DropEvent]) -> Bool {
        guard folder.depth < maxDepth else {
            close(fd)
            return true
        }
        let wd: Int32
        do {
            wd = try addWatch(fd: fd, folder: folder)
        } catch {
            close(fd)
            state.unwatchable[folder] = error.errno
            if error.errno == ENOSPC {
                events.append(.watchLimitReached(folder))
                return false
            }
            return true
        }
        if let displaced = state.bind(wd, folder) { removeWatch(displaced, &state) }
        state.identityByWD[wd] = FolderIdentity(fd: fd)
        return watchChildren(of: fd, folder, &state, &events)
    }

    /// Watches the sub-folders of the open folder `fd`; takes ownership of `fd`.
    private func watchChildren(of fd: Int32, _ folder: RelativePath, _ state: inout WatchState, _ events: inout [DropEvent]) -> Bool {
        guard let stream = fdopendir(fd) else {
            state.unwatchable[folder] = errno
            close(fd)
            return true
        }
        defer { closedir(stream) }
        let (names, _) = readFolderNames(stream)
        let folderFD = dirfd(stream)
        for (name, type) in names {
            if Int(type) != Int(DT_DIR) {
                guard Int(type) == Int(DT_UNKNOWN), case .success(let info) = statNoFollow(folderFD, name),
                      FileKind(mode: info.st_mode) == .directory else { continue }
            }
            let child = folder.appending(unchecked: name)
            guard child.depth < maxDepth else { continue }
            let childFD = withCName(name) { cName in retryingOnInterrupt { openat(folderFD, cName, folderOpenFlags) } }
            if childFD < 0 {
                if errno == EACCES || errno == EPERM { state.unwatchable[child] = errno }
                continue
            }
            if !watchFolder(childFD, child, &state, &events) { return false }
        }
        return true
    }

    private func addWatch(fd: Int32, folder: RelativePath) throws(InotifyFailure) -> Int32 {
        if useProcFD {
            return try inotify.addWatch("/proc/self/fd/\(fd)", mask: DropFolderWatch.folderMask)
        }
        if folder.isRoot {
            return try inotify.addWatch(dropRoot, mask: DropFolderWatch.folderMask)
        }
        let path = String(decoding: Array(dropRoot.utf8) + [0x2F] + folder.bytes, as: UTF8.self)
        guard Array(path.utf8) == Array(dropRoot.utf8) + [0x2F] + folder.bytes else {
            // Not valid UTF-8: inotify_add_watch via a String would change the name.
            throw InotifyFailure(operation: .addWatch, errno: EILSEQ, path: folder.display)
        }
        return try inotify.addWatch(path, mask: DropFolderWatch.folderMask.union(.dontFollow))
    }

    // MARK: Events

    func drain(_ state: inout WatchState, _ events: inout [DropEvent]) {
        guard let (records, drained) = try? inotify.readAvailable() else { return }
        if state.finished { return }
        for record in records {
            apply(record, &state, &events)
            if state.finished { return }
        }
        if drained {
            // A folder that left with IN_MOVED_FROM and no IN_MOVED_TO was moved out of the tree.
            for moved in state.movedAway {
                for watch in moved.watches { removeWatch(watch.wd, &state) }
            }
            state.movedAway.removeAll()
        }
        verifyTouched(&state, &events)
    }

    /// Checks each touched folder by inode: a folder with no watch, or with a watch on another
    /// folder (added by a path whose folder had been renamed and the name reused, then carried
    /// along by the rename events), gets a watch on its own inode and is reported as appeared,
    /// so that it is scanned for what arrived while it was not watched.
    func verifyTouched(_ state: inout WatchState, _ events: inout [DropEvent]) {
        guard !state.touched.isEmpty, !state.finished else { return }
        let paths = Set(state.touched).sorted { $0.depth != $1.depth ? $0.depth < $1.depth : $0 < $1 }
        state.touched.removeAll()
        for path in paths where !path.isRoot && path.depth < maxDepth {
            guard let identity = folderIdentity(at: path) else { continue }  // gone or no folder: its events tell
            if let wd = state.wdByPath[path], state.identityByWD[wd] == identity { continue }
            guard let parent = path.parent, state.wdByPath[parent] != nil else { continue }  // below an unwatched folder
            for watch in state.detach(path) { removeWatch(watch.wd, &state) }
            watchTree(path, &state, &events)
            events.append(.directoryAppeared(path))
        }
        state.touched.removeAll()
    }

    /// The device and inode of the folder at `path` now (lstat: a symlink is no folder).
    private func folderIdentity(at path: RelativePath) -> FolderIdentity? {
        var info = stat()
        let full = Array(dropRoot.utf8) + [UInt8(ascii: "/")] + path.bytes
        guard withCName(full, { lstat($0, &info) }) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
        return FolderIdentity(info)
    }

    private func removeWatch(_ wd: Int32, _ state: inout WatchState) {
        inotify.removeWatch(wd)
        state.identityByWD[wd] = nil
    }

    func apply(_ record: InotifyEvent, _ state: inout WatchState, _ events: inout [DropEvent]) {
        let mask = record.mask
        if mask.contains(.queueOverflow) {
            resynchronize(&state, &events)
            if !state.finished { events.append(.overflow) }
            return
        }
        guard let folder = state.pathByWD[record.wd] else { return }  // a watch already given up
        if record.wd == state.rootWD && !mask.isDisjoint(with: [.deleteSelf, .moveSelf, .unmount, .ignored]) {
            finish(&state, &events)
            return
        }
        if !mask.isDisjoint(with: [.ignored, .deleteSelf, .unmount]) {
            state.unbind(record.wd)
            return
        }
        guard !record.name.isEmpty else { return }  // IN_MOVE_SELF: handled through the parent
        let path = folder.appending(unchecked: record.name)
        let isDirectory = mask.contains(.isDir)

        if isDirectory {
            if mask.contains(.create) || mask.contains(.movedTo) { state.touched.append(path) }
            if mask.contains(.create) {
                watchTree(path, &state, &events)
                events.append(.directoryAppeared(path))
            }
            if mask.contains(.movedFrom) {
                state.movedAway.append((record.cookie, state.detach(path)))
                events.append(.directoryGone(path))
            }
            if mask.contains(.movedTo) {
                // An empty folder replaced by the rename is gone.
                for watch in state.detach(path) { removeWatch(watch.wd, &state) }
                if let index = state.movedAway.firstIndex(where: { $0.cookie == record.cookie }) {
                    let moved = state.movedAway.remove(at: index)
                    for watch in moved.watches {
                        if let displaced = state.bind(watch.wd, path.appending(watch.suffix)) { removeWatch(displaced, &state) }
                    }
                }
                if state.wdByPath[path] == nil { watchTree(path, &state, &events) }
                events.append(.directoryAppeared(path))
            }
            if mask.contains(.delete) {
                for watch in state.detach(path) { removeWatch(watch.wd, &state) }
                events.append(.directoryGone(path))
            }
            if mask.contains(.attrib), state.unwatchable[path] != nil {
                // A permission fixed with chmod: watch it now, and scan what it holds.
                watchTree(path, &state, &events)
                if state.wdByPath[path] != nil { events.append(.directoryAppeared(path)) }
            }
        } else if mask.contains(.closeWrite) || mask.contains(.movedTo) {
            events.append(.fileCompleted(path))
        } else if mask.contains(.delete) || mask.contains(.movedFrom) {
            events.append(.fileGone(path))
        } else if mask.contains(.attrib) {
            events.append(.fileAttributesChanged(path))
        } else if mask.contains(.create) {
            var info = stat()
            let full = Array(dropRoot.utf8) + [UInt8(ascii: "/")] + path.bytes
            guard withCName(full, { lstat($0, &info) }) == 0 else { return }  // vanished already
            if info.st_mode & S_IFMT != S_IFREG {
                // Symlinks, FIFOs, sockets and devices are never written and closed: their creation
                // is all there is to see, so it is reported for them to get their verdict at once.
                events.append(.fileCompleted(path))
            } else if info.st_nlink > 1 || (info.st_size > 0 && Self.changedAfterWrite(info)) {
                // Born with content: a hard link (`ln`, `cp --link`: a second link), or O_TMPFILE +
                // linkat (how several tools write atomically: the link changed the file after its
                // last write). No close event will follow. A file being written has ctime = mtime.
                events.append(.fileAppeared(path))
            }
        }
    }

    /// ctime after mtime: something other than a write (a link, a chmod) changed the file last.
    private static func changedAfterWrite(_ info: stat) -> Bool {
        (info.st_ctim.tv_sec, info.st_ctim.tv_nsec) > (info.st_mtim.tv_sec, info.st_mtim.tv_nsec)
    }

    /// After an overflow: the map may be stale in any way. Rebuild it from the tree; drop the
    /// watches no longer found there.
    func resynchronize(_ state: inout WatchState, _ events: inout [DropEvent]) {
        var previous = Set(state.pathByWD.keys)
        for moved in state.movedAway { previous.formUnion(moved.watches.map(\.wd)) }
        let oldRoot = state.rootWD
        var fresh = WatchState()
        do {
            try watchRoot(&fresh, &events)
        } catch {
            finish(&state, &events)
            return
        }
        guard fresh.rootWD == oldRoot else {
            // The path now names a different folder: the one watched is gone.
            state.pathByWD = fresh.pathByWD
            for wd in previous.union(fresh.pathByWD.keys) { inotify.removeWatch(wd) }
            finish(&state, &events)
            return
        }
        for wd in previous where fresh.pathByWD[wd] == nil { inotify.removeWatch(wd) }
        fresh.queued = state.queued
        state = fresh
    }

    private func finish(_ state: inout WatchState, _ events: inout [DropEvent]) {
        for wd in state.pathByWD.keys { inotify.removeWatch(wd) }
        for moved in state.movedAway { for watch in moved.watches { inotify.removeWatch(watch.wd) } }
        state.identityByWD.removeAll()
        state.pathByWD.removeAll()
        state.wdByPath.removeAll()
        state.movedAway.removeAll()
        state.finished = true
        events.append(.dropFolderGone)
    }
}

/// Which folder a watch is on: device and inode number.
struct FolderIdentity: Hashable, Sendable {
    let device: UInt64
    let inode: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    /// Nil when fstat fails (then the watch is taken as it is, unchecked).
    init?(fd: Int32) {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        self.init(info)
    }
}
