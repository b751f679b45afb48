import Glibc

/// One daemon per state folder: an exclusive flock on `<state>/nianbao.lock`, which holds the
/// holder's pid for the message of the next one. Two daemons on one ledger journal files twice
/// (same drop folder) or retire each other's rows in their start-up scans (another drop folder).
/// The kernel releases the lock when the process ends, kill -9 included: no stale lock.
struct StateFolderLock: Sendable {
    let fileDescriptor: Int32

    static func fileName(in stateDirectory: String) -> String { stateDirectory + "/nianbao.lock" }

    static func acquire(stateDirectory: String) throws(DaemonStartFailure) -> StateFolderLock {
        let path = fileName(in: stateDirectory)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw DaemonStartFailure(message: "无法打开状态文件夹的锁文件 \(path)（\(reason)） / cannot open the state folder's lock file \(path) (\(reason))")
        }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            let code = errno
            let holder = code == EWOULDBLOCK ? readHolder(fd) : nil
            close(fd)
            guard code == EWOULDBLOCK else {
                let reason = String(cString: strerror(code))
                throw DaemonStartFailure(message: "无法锁定状态文件夹 \(stateDirectory)（\(reason)） / cannot lock the state folder \(stateDirectory) (\(reason))")
            }
            let who = holder.map { "pid \($0)" } ?? "pid unknown"
            throw DaemonStartFailure(message: "另一个 nianbao 进程（\(who)）正在使用状态文件夹 \(stateDirectory)；同一状态文件夹只能运行一个守护进程，请先停止它（systemctl stop nianbao） / another nianbao (\(who)) is using the state folder \(stateDirectory): only one daemon may run per state folder; stop it first (systemctl stop nianbao)")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return StateFolderLock(fileDescriptor: fd)
    }

    private static func readHolder(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<count].prefix { $0 >= 0x30 && $0 <= 0x39 }, as: UTF8.self))
    }
}

/// A file's device and inode, to notice that the file at a path is no longer the one opened.
struct FileIdentity: Equatable, Sendable {
    let device: UInt64
    let inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
