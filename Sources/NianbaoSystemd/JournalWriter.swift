import CSystemd
import Glibc

/// Sends structured entries to journald with `sd_journal_sendv`, and falls back to one
/// escaped line per entry on a file descriptor (stderr by default) when journald is not
/// reachable, so an entry is never dropped silently.
///
/// `sd_journal_sendv` returns 0 and drops the entry when the journal socket does not exist,
/// so the socket is `stat`ed before every send (one cheap syscall); a negative return (e.g.
/// -ECONNREFUSED from a stale socket) also falls back. A socket removed between the check
/// and the send can still lose that one entry: libsystemd gives no way to tell.
///
/// Thread-safe without locks: the writer is immutable and `sd_journal_sendv` may be called
/// from any thread. Fallback lines go out in one `write(2)` each, so lines up to `PIPE_BUF`
/// bytes never interleave on a pipe. The process should ignore `SIGPIPE` if the fallback
/// descriptor can be a pipe whose reader goes away.
public final class JournalWriter: Sendable {
    public static let defaultSocketPath = "/run/systemd/journal/socket"

    public let identifier: String
    /// The socket whose presence decides between journal and fallback. libsystemd always
    /// sends to its compiled-in ``defaultSocketPath``, so another path is only useful to
    /// force the fallback (tests).
    public let socketPath: String
    public let fallbackFD: Int32

    typealias Submit = @Sendable (UnsafePointer<iovec>, Int32) -> Int32
    private let submit: Submit

    public convenience init(identifier: String = "nianbao", socketPath: String = JournalWriter.defaultSocketPath, fallbackFD: Int32 = STDERR_FILENO) {
        self.init(identifier: identifier, socketPath: socketPath, fallbackFD: fallbackFD) { sd_journal_sendv($0, $1) }
    }

    /// For tests: `submit` stands in for `sd_journal_sendv`.
    init(identifier: String, socketPath: String, fallbackFD: Int32, submit: @escaping Submit) {
        precondition(!identifier.isEmpty, "journal identifier must not be empty")
        self.identifier = identifier
        self.socketPath = socketPath
        self.fallbackFD = fallbackFD
        self.submit = submit
    }

    /// True when a socket exists at ``socketPath`` and accepts a connection, i.e. a
    /// journald is listening (a stale socket left by a dead journald refuses).
    public var isJournalAvailable: Bool {
        guard socketProblem() == nil else { return false }
        return Self.acceptsConnection(socketPath)
    }

    /// Sends `entry` to the journal, or writes it to the fallback descriptor.
    @discardableResult
    public func send(_ entry: JournalEntry) -> JournalDelivery {
        if let problem = socketProblem() {
            return fallback(entry, reason: problem)
        }
        let result = sendToJournal(entry)
        if result < 0 {
            return fallback(entry, reason: "sd_journal_sendv failed: \(describeErrno(-result))")
        }
        return .journal
    }

    // MARK: - Journal

    private static let priorityValues = (0...7).map { String($0) }

    /// Lays all "NAME=value" fields out in one temporary buffer (on the stack when small)
    /// and points one iovec at each. libsystemd switches to its binary encoding by itself
    /// for values with newlines.
    private func sendToJournal(_ entry: JournalEntry) -> Int32 {
        let line = String(entry.codeLine)
        let fixed: KeyValuePairs<String, String> = [
            "SYSLOG_IDENTIFIER": identifier,
            "PRIORITY": Self.priorityValues[Int(entry.priority.rawValue)],
            "MESSAGE": entry.message,
            "MESSAGE_ID": entry.messageID,
            "CODE_FILE": entry.codeFile,
            "CODE_LINE": line,
            "CODE_FUNC": entry.codeFunction,
        ]
        var total = 0
        for field in fixed { total += field.key.utf8.count + 1 + field.value.utf8.count }
        for field in entry.fields { total += field.name.utf8.count + 1 + field.value.utf8.count }
        let count = fixed.count + entry.fields.count

        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: total) { bytes in
            withUnsafeTemporaryAllocation(of: iovec.self, capacity: count) { iovecs in
                var cursor = 0
                var index = 0
                func put(_ name: String, _ value: String) {
                    let start = cursor
                    cursor += UnsafeMutableBufferPointer(rebasing: bytes[cursor...]).initialize(from: name.utf8).1
                    bytes[cursor] = UInt8(ascii: "=")
                    cursor += 1
                    cursor += UnsafeMutableBufferPointer(rebasing: bytes[cursor...]).initialize(from: value.utf8).1
                    iovecs.initializeElement(at: index, to: iovec(iov_base: UnsafeMutableRawPointer(bytes.baseAddress! + start), iov_len: cursor - start))
                    index += 1
                }
                for field in fixed { put(field.key, field.value) }
                for field in entry.fields { put(field.name, field.value) }
                return submit(UnsafePointer(iovecs.baseAddress!), Int32(count))
            }
        }
    }

    /// Why the journal socket cannot be used, or nil when a socket is there.
    private func socketProblem() -> String? {
        var info = Glibc.stat()
        guard stat(socketPath, &info) == 0 else {
            return "journal socket \(socketPath): \(describeErrno(errno))"
        }
        guard info.st_mode & S_IFMT == S_IFSOCK else {
            return "journal socket \(socketPath) is not a socket"
        }
        return nil
    }

    private static func acceptsConnection(_ path: String) -> Bool {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: pathBytes) }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return result == 0
    }

    // MARK: - Fallback

    private func fallback(_ entry: JournalEntry, reason: String) -> JournalDelivery {
        let line = FallbackLine.render(entry, identifier: identifier)
        if let failure = Self.writeAll(line, to: fallbackFD) {
            return .fallback(reason: "\(reason); fallback write to fd \(fallbackFD) failed: \(failure)")
        }
        return .fallback(reason: reason)
    }

    /// One write(2) for the whole line when possible; retries on EINTR and short writes.
    private static func writeAll(_ bytes: [UInt8], to fd: Int32) -> String? {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return describeErrno(errno)
                }
                offset += written
            }
            return nil
        }
    }
}
