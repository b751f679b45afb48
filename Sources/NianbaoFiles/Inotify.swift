import Glibc

/// A thin wrapper over one inotify instance (`inotify_init1(IN_NONBLOCK|IN_CLOEXEC)`).
/// The descriptor is closed when the object goes away. All methods are plain system calls on
/// an immutable descriptor, so the object can be shared between threads.
public final class Inotify: Sendable {
    /// Bytes per `read()`: 64 KiB holds at least 240 records with maximal names.
    public static let readBufferSize = 65536

    /// The inotify descriptor, for callers that multiplex it in their own poll loop.
    public let fileDescriptor: Int32

    public init() throws(InotifyFailure) {
        let fd = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        guard fd >= 0 else { throw InotifyFailure(operation: .initialize, errno: errno, path: nil) }
        fileDescriptor = fd
    }

    deinit {
        close(fileDescriptor)
    }

    /// `inotify_add_watch`; returns the watch descriptor. Adding a watch on an inode already
    /// watched by this instance returns the existing descriptor (and replaces its mask).
    @discardableResult
    public func addWatch(_ path: String, mask: InotifyMask) throws(InotifyFailure) -> Int32 {
        let wd = inotify_add_watch(fileDescriptor, path, mask.rawValue)
        guard wd >= 0 else { throw InotifyFailure(operation: .addWatch, errno: errno, path: path) }
        return wd
    }

    /// `inotify_rm_watch`; false when the watch was already gone (EINVAL).
    @discardableResult
    public func removeWatch(_ wd: Int32) -> Bool {
        inotify_rm_watch(fileDescriptor, wd) == 0
    }

    /// `poll()` for readability. `timeout` nil waits forever, zero does not wait. Returns false
    /// on timeout or when interrupted by a signal (so a daemon loop can look at its flags).
    public func waitUntilReadable(timeout: Duration?) -> Bool {
        var descriptor = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
        let result = poll(&descriptor, 1, Inotify.pollMilliseconds(timeout))
        return result > 0 && descriptor.revents & Int16(POLLIN) != 0
    }

    /// Reads every record available now with a 64 KiB buffer, up to `maxReads` reads.
    /// `drained` is true when the queue was found empty (EAGAIN) at the end.
    public func readAvailable(maxReads: Int = 1024) throws(InotifyFailure) -> (events: [InotifyEvent], drained: Bool) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Inotify.readBufferSize, alignment: 8)
        defer { buffer.deallocate() }
        var events: [InotifyEvent] = []
        var reads = 0
        while reads < maxReads {
            let count = Glibc.read(fileDescriptor, buffer.baseAddress, buffer.count)
            if count < 0 {
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN || code == EWOULDBLOCK { return (events, true) }
                throw InotifyFailure(operation: .read, errno: code, path: nil)
            }
            if count == 0 { return (events, true) }
            reads += 1
            events.append(contentsOf: InotifyEvent.parse(UnsafeRawBufferPointer(rebasing: buffer[0..<count])))
        }
        return (events, false)
    }

    /// Milliseconds for poll(): -1 for nil, rounded up, clamped to Int32.
    static func pollMilliseconds(_ timeout: Duration?) -> Int32 {
        guard let timeout else { return -1 }
        let (seconds, attoseconds) = timeout.components
        if seconds < 0 || (seconds == 0 && attoseconds <= 0) { return 0 }
        let perMillisecond: Int64 = 1_000_000_000_000_000
        let fraction = (attoseconds + perMillisecond - 1) / perMillisecond
        let (milliseconds, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        if overflow { return Int32.max }
        return Int32(clamping: milliseconds + fraction)
    }
}

/// An inotify system call failed.
public struct InotifyFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Operation: String, Hashable, Sendable {
        case initialize = "inotify_init1"
        case addWatch = "inotify_add_watch"
        case read = "read"
    }

    public let operation: Operation
    public let errno: Int32
    public let path: String?

    public init(operation: Operation, errno: Int32, path: String?) {
        self.operation = operation
        self.errno = errno
        self.path = path
    }

    public var messageZH: String {
        switch (operation, errno) {
        case (.addWatch, ENOSPC):
            "inotify 监视数量已达上限（\(path ?? "")）；请提高 sysctl fs.inotify.max_user_watches，例如 sysctl -w fs.inotify.max_user_watches=524288，并写入 /etc/sysctl.d/ 以便重启后生效"
        case (.initialize, EMFILE):
            "inotify 实例数量已达上限；请提高 sysctl fs.inotify.max_user_instances，或停止占用 inotify 的其他程序"
        default:
            "\(operation.rawValue) 失败\(path.map { "（\($0)）" } ?? "")：\(describeErrno(errno))"
        }
    }

    public var messageEN: String {
        switch (operation, errno) {
        case (.addWatch, ENOSPC):
            "the inotify watch limit is reached (\(path ?? "")); raise sysctl fs.inotify.max_user_watches, e.g. sysctl -w fs.inotify.max_user_watches=524288, and persist it in /etc/sysctl.d/"
        case (.initialize, EMFILE):
            "the inotify instance limit is reached; raise sysctl fs.inotify.max_user_instances or stop other programs holding inotify instances"
        default:
            "\(operation.rawValue) failed\(path.map { " (\($0))" } ?? ""): \(describeErrno(errno))"
        }
    }

    public var description: String { messageEN }
}
