import Foundation
import Glibc
import Testing
import TestTools

/// A systemd-journald of one test's own, that the test may stop and start again.
///
/// The harness's journald serves every test running at the same time, so stopping it would
/// break them. This one lives in a mount namespace of its own (held by a `sleep`), with a fresh
/// tmpfs on /run: its socket is that namespace's /run/systemd/journal/socket, where libsystemd
/// looks, and its journal files go to a folder of the sandbox bound at /run/log/journal, where
/// `journalctl -D` reads them from outside. Programs join the namespace with `nsenter --mount`,
/// which execs them: the PID stays theirs.
final class OwnJournald: @unchecked Sendable {
    let sandbox: Sandbox
    let holder: Daemon
    let journalFolder: String
    private(set) var journald: Daemon?
    var namespace: String { "/proc/\(holder.pid)/ns/mnt" }
    /// The namespace's journal socket, seen through the holder's root.
    var socket: String { "/proc/\(holder.pid)/root/run/systemd/journal/socket" }

    init(_ sandbox: Sandbox) async throws {
        self.sandbox = sandbox
        journalFolder = sandbox.root + "/own-journal"
        try FileManager.default.createDirectory(atPath: journalFolder, withIntermediateDirectories: true)
        let marker = sandbox.root + "/own-journal-namespace-ready"
        holder = try sandbox.launch("/usr/bin/unshare", [
            "--mount", "--propagation", "private", "/bin/sh", "-c",
            #"mount -t tmpfs -o mode=755 tmpfs /run && mkdir -p /run/systemd/journal /run/log/journal && mount --bind "$1" /run/log/journal && touch "$2" && exec sleep 3600"#,
            "sh", journalFolder, marker,
        ])
        let _: Void = try await eventually("the journal namespace set up") {
            if let status = holder.exitStatus { throw HarnessFailure("the namespace holder exited with \(status): \(holder.stderr)") }
            return FileManager.default.fileExists(atPath: marker) ? .done(()) : .notYet("no marker yet")
        }
        try await start()
    }

    /// Starts journald in the namespace and waits until its socket takes datagrams.
    func start() async throws {
        let previous = try? FileManager.default.attributesOfItem(atPath: socket)[.systemFileNumber] as? Int
        let started = try sandbox.launch("/usr/bin/nsenter", ["--mount=\(namespace)", "/lib/systemd/systemd-journald"])
        journald = started
        let _: Void = try await eventually("our own journald's socket", within: .seconds(10), every: .milliseconds(20)) {
            if let status = started.exitStatus { throw HarnessFailure("journald exited with \(status): \(started.stderr)") }
            let inode = try? FileManager.default.attributesOfItem(atPath: socket)[.systemFileNumber] as? Int
            return inode != nil && inode != previous ? .done(()) : .notYet("no new socket at \(socket)")
        }
    }

    /// SIGTERM, and waits until it is gone (its socket stays behind, refusing datagrams).
    func stop() async throws {
        guard let journald else { return }
        journald.signal(SIGTERM)
        let _: Void = try await eventually("our own journald stopped", within: .seconds(10), every: .milliseconds(20)) {
            journald.isRunning ? .notYet("still running") : .done(())
        }
        self.journald = nil
    }

    /// `nianbao watch` on the sandbox, in the namespace (stderr is the fallback when journald is down).
    func startDaemon() throws -> Daemon {
        let sandbox = self.sandbox
        return try sandbox.launch("/usr/bin/nsenter", [
            "--mount=\(namespace)", try Harness.binary(), "watch", "--drop", sandbox.drop, "--state-dir", sandbox.state,
            "--status-file", sandbox.statusFile, "--config", sandbox.configFile,
        ])
    }

    /// Every entry of process `pid` in this journald's files, oldest first.
    func entries(pid: Int32) async throws -> [JournalRecord] {
        let result = try await Tool.run("/usr/bin/journalctl", ["-D", journalFolder, "-o", "json", "--all", "--no-pager", "_PID=\(pid)"])
        guard result.status == 0 || result.stdout.isEmpty else { throw HarnessFailure("journalctl -D failed: \(result)") }
        return try Journal.parse(result.stdout)
    }

    @discardableResult
    func waitForEntries<T>(_ what: String, pid: Int32, within limit: Duration = .seconds(20),
                           sourceLocation: SourceLocation = #_sourceLocation,
                           _ condition: @escaping ([JournalRecord]) -> T?) async throws -> T {
        try await eventually(what, within: limit, every: .milliseconds(150), sourceLocation: sourceLocation) {
            let entries = try await self.entries(pid: pid)
            if let value = condition(entries) { return .done(value) }
            return .notYet("\(entries.count) entries, the last: \(entries.suffix(2).map(\.description))")
        }
    }
}
