import Foundation
import Glibc
import Synchronization
import Testing
import TestTools

/// A fresh folder per test holding the drop folder, the state folder, the status file and the
/// daemon's configuration and output. Kills any daemon still running and removes everything
/// when it goes away, however the test ended.
final class Sandbox: @unchecked Sendable {
    let root: String
    let drop: String
    let state: String
    let statusFile: String
    let configFile: String
    var ledgerPath: String { state + "/ledger.sqlite" }
    private let daemons = Mutex<[Daemon]>([])

    /// Short paths under /tmp: a socket made in the drop folder must fit in sun_path.
    init() throws {
        var template = Array("/tmp/nbd-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw HarnessFailure("mkdtemp failed: errno \(errno)") }
        root = String(cString: made)
        drop = root + "/drop"
        state = root + "/state"
        statusFile = root + "/run/status.json"
        configFile = root + "/nianbao.toml"
        try FileManager.default.createDirectory(atPath: drop, withIntermediateDirectories: true)
        // An explicit (empty: all defaults) configuration, so a host's /etc/nianbao/nianbao.toml never leaks in.
        try writeConfig("")
    }

    deinit {
        for daemon in daemons.withLock({ $0 }) { daemon.kill() }
        if let journalView { try? FileManager.default.removeItem(atPath: journalView) }
        // NIANBAO_KEEP_SANDBOX=1 keeps the folders (daemon output, ledger) to look into a failure.
        if ProcessInfo.processInfo.environment["NIANBAO_KEEP_SANDBOX"] != "1" {
            try? FileManager.default.removeItem(atPath: root)
        }
    }

    func writeConfig(_ toml: String) throws {
        try Data(toml.utf8).write(to: URL(fileURLWithPath: configFile), options: .atomic)
    }

    // MARK: the daemon

    /// Starts `nianbao watch` on this sandbox and waits for its `ready` journal entry.
    ///
    /// Under the harness the daemon runs in a mount namespace of its own whose
    /// /run/systemd/journal is a folder holding a hard link to the private journald's socket:
    /// the same journald (and `_PID`), but out of reach of tests of other targets running at the
    /// same time that take /run/systemd/journal/socket away for a moment (NianbaoSystemdTests'
    /// staleOrMissingSocketFallsBack), which would send this daemon's entries to stderr.
    /// `unshare` and `sh` exec, so the PID is the daemon's.
    @discardableResult
    /// `wrapper`: a command that execs the rest (e.g. `setpriv …`), keeping the PID the daemon's.
    func startDaemon(_ extra: [String] = [], wrapper: [String] = [], waitForReady: Bool = true,
                     sourceLocation: SourceLocation = #_sourceLocation) async throws -> Daemon {
        let binary = try Harness.binary(sourceLocation: sourceLocation)
        let arguments = ["watch", "--drop", drop, "--state-dir", state, "--status-file", statusFile, "--config", configFile] + extra
        let daemon: Daemon
        if ProcessInfo.processInfo.environment["NIANBAO_PRIVATE_JOURNALD"] == "1" {
            let view = try await privateJournalView()
            daemon = try launch("/usr/bin/unshare", [
                "--mount", "--propagation", "private", "/bin/sh", "-c",
                #"mount --bind "$1" /run/systemd/journal && shift && exec "$@""#, "sh", view,
            ] + wrapper + [binary] + arguments)
        } else if let first = wrapper.first {
            daemon = try launch(first, Array(wrapper.dropFirst()) + [binary] + arguments)
        } else {
            daemon = try launch(binary, arguments)
        }
        if waitForReady { try await daemon.waitForReady(sourceLocation: sourceLocation) }
        return daemon
    }

    private var journalView: String?

    /// A folder under /run (the harness's tmpfs, so a hard link can reach the socket) with
    /// `socket` linked to the live journald socket; made once per sandbox.
    private func privateJournalView() async throws -> String {
        if let journalView { return journalView }
        let view = "/run/nianbao-test-journal-" + (root as NSString).lastPathComponent
        try FileManager.default.createDirectory(atPath: view, withIntermediateDirectories: true)
        journalView = view
        let socket = "/run/systemd/journal/socket"
        let _: Void = try await eventually("a live journald socket at \(socket) to link to", within: .seconds(20), every: .milliseconds(20)) {
            unlink(view + "/socket")
            guard link(socket, view + "/socket") == 0 else { return .notYet("link: errno \(errno)") }
            // Not the stale socket another test leaves there for a moment: journald must answer.
            return Self.acceptsDatagrams(view + "/socket") ? .done(()) : .notYet("the socket refuses connections")
        }
        return view
    }

    private static func acceptsDatagrams(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        } == 0
    }

    /// Starts any program as a daemon of this sandbox (killed at the end of the test).
    func launch(_ executable: String, _ arguments: [String]) throws -> Daemon {
        let index = daemons.withLock { $0.count }
        let daemon = try Daemon(executable: executable, arguments: arguments, folder: root,
                                outputPrefix: root + "/daemon-\(index)")
        daemons.withLock { $0.append(daemon) }
        return daemon
    }

    // MARK: the drop folder

    func path(_ relative: String) -> String { drop + "/" + relative }

    /// Writes `data` at `relative` in the drop folder in one go (open, write, close), creating
    /// folders as needed: one IN_CLOSE_WRITE.
    func write(_ relative: String, _ data: Data) throws {
        try Self.writeFile(path(relative), data)
    }

    /// Writes the file outside the drop folder first (same file system), then renames it into place.
    func renameIntoPlace(_ relative: String, _ data: Data) throws {
        let staging = root + "/staging"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        let temporary = staging + "/" + UUID().uuidString
        try Self.writeFile(temporary, data)
        try FileManager.default.createDirectory(atPath: (path(relative) as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Self.rename(temporary, path(relative))
    }

    static func writeFile(_ path: String, _ data: Data) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw HarnessFailure("open \(path): errno \(errno)") }
        defer { close(fd) }
        try writeAll(fd, data, path)
    }

    static func writeAll(_ fd: Int32, _ data: Data, _ path: String) throws {
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw HarnessFailure("write \(path): errno \(errno)")
                }
                offset += written
            }
        }
    }

    static func rename(_ from: String, _ to: String) throws {
        guard Glibc.rename(from, to) == 0 else { throw HarnessFailure("rename \(from) → \(to): errno \(errno)") }
    }

    /// Every regular file below `folder` with its SHA-256, by path relative to `folder`;
    /// other kinds of entries as their kind.
    static func inventory(_ folder: String) throws -> [String: String] {
        var result: [String: String] = [:]
        guard let walker = FileManager.default.enumerator(atPath: folder) else { throw HarnessFailure("cannot list \(folder)") }
        while let relative = walker.nextObject() as? String {
            let full = folder + "/" + relative
            var info = stat()
            guard lstat(full, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFREG: result[relative] = try Harness.sha256(file: full)
            case S_IFDIR: result[relative] = "folder"
            case S_IFLNK: result[relative] = "symlink → " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? "?")
            default: result[relative] = "mode \(String(info.st_mode, radix: 8))"
            }
        }
        return result
    }

    // MARK: status

    func status() throws -> [String: Any]? {
        guard let data = FileManager.default.contents(atPath: statusFile) else { return nil }
        return try JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    /// `nianbao status --status-file F`.
    func statusCommand(_ file: String? = nil) async throws -> ToolResult {
        try await Tool.run(try Harness.binary(), ["status", "--status-file", file ?? statusFile], in: root)
    }
}

/// One running `nianbao watch` (or a wrapper that execs it, keeping the PID).
final class Daemon: @unchecked Sendable {
    let process: Process
    let pid: Int32
    let stdoutPath: String
    let stderrPath: String
    private let exit = ExitBox()

    init(executable: String, arguments: [String], folder: String, outputPrefix: String) throws {
        stdoutPath = outputPrefix + ".out"
        stderrPath = outputPrefix + ".err"
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        defer {
            try? out.close()
            try? err.close()
        }
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = Tool.childEnvironment
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        let exit = self.exit
        process.terminationHandler = { finished in
            exit.ended.withLock { $0 = (finished.terminationStatus, ContinuousClock.now) }
        }
        try process.run()
        pid = process.processIdentifier
    }

    deinit { kill() }

    var exitStatus: Int32? { exit.ended.withLock { $0?.status } }
    /// When it ended, as its termination handler saw it: unlike a test's own polling, not late
    /// when the test process's cooperative threads were busy.
    var exitedAt: ContinuousClock.Instant? { exit.ended.withLock { $0?.at } }
    var isRunning: Bool { exitStatus == nil }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    func signal(_ signal: Int32) {
        if isRunning { Glibc.kill(pid, signal) }
    }

    /// Every journal entry of this process, oldest first.
    func journal() async throws -> [JournalRecord] {
        try await Journal.entries(pid: pid)
    }

    func judgements() async throws -> [JournalRecord] {
        try await journal().filter(\.isJudgement)
    }

    /// Waits for the `ready` entry; fails at once, with its stderr, if the daemon died.
    func waitForReady(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        _ = try await waitForEntry("the daemon's ready entry (MESSAGE_ID \(MessageID.ready))", sourceLocation: sourceLocation) {
            $0.messageID == MessageID.ready
        }
    }

    /// Waits until an entry matching `match` is in the journal; returns all entries at that moment.
    @discardableResult
    func waitForEntry(_ what: String, within limit: Duration = .seconds(20), sourceLocation: SourceLocation = #_sourceLocation,
                      _ match: @escaping (JournalRecord) -> Bool) async throws -> [JournalRecord] {
        try await waitForJournal(what, within: limit, sourceLocation: sourceLocation) { entries in
            entries.contains(where: match) ? entries : nil
        }
    }

    /// Polls this daemon's journal until `condition` returns a value.
    @discardableResult
    func waitForJournal<T>(_ what: String, within limit: Duration = .seconds(20), sourceLocation: SourceLocation = #_sourceLocation,
                           _ condition: @escaping ([JournalRecord]) -> T?) async throws -> T {
        try await eventually(what, within: limit, every: .milliseconds(150), sourceLocation: sourceLocation) {
            if let status = self.exitStatus {
                Issue.record("the daemon (pid \(self.pid)) exited with \(status) while waiting for \(what); stderr: \(self.stderr.suffix(3000))",
                             sourceLocation: sourceLocation)
                throw HarnessFailure("daemon exited")
            }
            let entries = try await self.journal()
            if let value = condition(entries) { return .done(value) }
            return .notYet("\(entries.count) entries, the last: \(entries.suffix(3).map(\.description).joined(separator: "; "))"
                           + "; the daemon's stderr ends: \(self.stderr.suffix(600))")
        }
    }

    /// Waits until the journal holds a judgement of every file in `files`; returns the
    /// judgements of those files, by file (the latest of each).
    @discardableResult
    func waitForJudgements(of files: [String], within limit: Duration = .seconds(20),
                           sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: JournalRecord] {
        let wanted = Set(files)
        return try await waitForJournal("judgements of \(files.sorted())", within: limit, sourceLocation: sourceLocation) { entries in
            var found: [String: JournalRecord] = [:]
            for entry in entries where entry.isJudgement {
                if let file = entry.file, wanted.contains(file) { found[file] = entry }
            }
            return found.count == wanted.count ? found : nil
        }
    }

    /// Judgements per file in this daemon's journal.
    func judgementCounts() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for entry in try await judgements() { counts[entry.file ?? "?", default: 0] += 1 }
        return counts
    }

    /// SIGTERM, then SIGKILL if it has not ended within `grace`. Returns the exit status.
    @discardableResult
    func stop(grace: Duration = .seconds(10)) async -> Int32? {
        signal(SIGCONT)
        signal(SIGTERM)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: grace)
        while isRunning, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if isRunning {
            Issue.record("the daemon (pid \(pid)) did not stop within \(grace) of SIGTERM; killed")
            Glibc.kill(pid, SIGKILL)
            process.waitUntilExit()
        }
        return exitStatus
    }

    /// For clean-up when a test ended early, synchronously: SIGTERM, up to 3 s, then SIGKILL; reaped.
    func kill() {
        guard process.isRunning || isRunning else { return }
        Glibc.kill(pid, SIGCONT)
        Glibc.kill(pid, SIGTERM)
        for _ in 0..<150 where isRunning { usleep(20_000) }
        if isRunning { Glibc.kill(pid, SIGKILL) }
        process.waitUntilExit()
    }
}

/// The exit status and moment, set by Process's termination handler on another thread.
final class ExitBox: Sendable {
    let ended = Mutex<(status: Int32, at: ContinuousClock.Instant)?>(nil)
}
