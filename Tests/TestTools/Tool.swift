import Foundation
import Glibc
import Synchronization

/// Running a program from a test, shared by the test targets.
///
/// `swift test` runs the suites in parallel on a cooperative pool of one thread per core, so a
/// test never waits for a program on one of those threads (`waitUntilExit`, a sleep loop): a
/// LibreOffice conversion that held both threads of a 2-core machine for 30 s stopped every
/// other test's `await`, and a daemon test's wait ran out. The end is awaited through the
/// termination handler instead.
public enum Tool {
    /// Runs a program to its end: the output goes to temporary files (no pipe can fill up).
    /// `environment`: the test runner's without what would make a program talk to a service
    /// manager (`childEnvironment`) unless given. `timeout`: SIGTERM when it is over, SIGKILL
    /// 200 ms later, and the result says so.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           in folder: String? = nil, timeout: Duration? = nil) async throws -> ToolResult {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment ?? childEnvironment
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        let run = RunState()
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in
                run.ended.withLock { $0 = true }
                continuation.resume(returning: finished.terminationStatus)
            }
            do {
                try process.run()
                if let timeout { run.timeOut(pid: process.processIdentifier, after: timeout) }
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        run.cancelTimer()
        return ToolResult(status: status, stdout: try Data(contentsOf: outURL), stderr: try Data(contentsOf: errURL),
                          timedOut: run.timedOut.withLock { $0 })
    }

    /// The environment for programs started by tests: the test runner's, without anything
    /// that would make them talk to a service manager.
    public static var childEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for name in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "RUNTIME_DIRECTORY", "LISTEN_FDS", "LISTEN_PID",
                     "LISTEN_FDNAMES", "INVOCATION_ID", "JOURNAL_STREAM"] {
            environment[name] = nil
        }
        return environment
    }
}

/// What a finished program printed and how it ended.
public struct ToolResult: CustomStringConvertible, Sendable {
    public var status: Int32
    public var stdout: Data
    public var stderr: Data
    /// Ended by `Tool.run`'s time-out.
    public var timedOut = false

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    public var description: String { "exit \(status); stdout: \(stdoutText.prefix(2000)); stderr: \(stderrText.prefix(2000))" }
}

/// A run's end and its time-out, shared with the termination handler and the timer.
private final class RunState: Sendable {
    let ended = Mutex(false)
    let timedOut = Mutex(false)
    private let timer = Mutex<Task<Void, Never>?>(nil)

    /// SIGTERM after `timeout` if still running, SIGKILL 200 ms later.
    func timeOut(pid: Int32, after timeout: Duration) {
        timer.withLock { $0 = Task {
            try? await Task.sleep(for: timeout)
            guard !ended.withLock({ $0 }) else { return }
            timedOut.withLock { $0 = true }
            kill(pid, SIGTERM)
            try? await Task.sleep(for: .milliseconds(200))
            if !ended.withLock({ $0 }) { kill(pid, SIGKILL) }
        } }
    }

    func cancelTimer() { timer.withLock { $0?.cancel() } }
}
