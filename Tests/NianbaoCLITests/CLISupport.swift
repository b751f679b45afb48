import Foundation
import Glibc
import Synchronization
import Testing

/// The package root, found from this file: <root>/Tests/NianbaoCLITests/CLISupport.swift.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let seedPath = packageRoot.appendingPathComponent("Tests/Fixtures/seed-2023.txt").path
var seedText: String { try! String(contentsOfFile: seedPath, encoding: .utf8) }

/// The built `nianbao` executable (the test target depends on it, so it is built first);
/// NIANBAO_BINARY overrides it, as for the daemon tests (e.g. to run the tests against an older build).
let nianbaoBinary = ProcessInfo.processInfo.environment["NIANBAO_BINARY"].flatMap { $0.isEmpty ? nil : $0 }
    ?? packageRoot.appendingPathComponent(".build/debug/nianbao").path

struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var timedOut: Bool

    /// One JSON object per non-empty stdout line.
    var jsonLines: [[String: Any]] {
        stdout.split(separator: "\n").map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? ["unparsable": String(line)]
        }
    }
}

/// Runs `nianbao` with arguments, output to files (no pipe can fill up), killed after `timeout`.
/// `executable`: another program to run instead (e.g. /bin/sh, to build arguments that are not UTF-8).
///
/// The end is awaited through the termination handler: a test that sleeps on a thread of the
/// cooperative pool (two threads on two cores) while its program runs holds up every other
/// test's `await`, and the daemon tests' waits ran out that way.
func runNianbao(_ arguments: [String], timeout: Double = 60, in folder: String? = nil, executable: String = nianbaoBinary) async throws -> RunResult {
    let scratch = try TemporaryFolder("run")
    let outPath = scratch.file("stdout"), errPath = scratch.file("stderr")
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
    let out = FileHandle(forWritingAtPath: outPath)!, err = FileHandle(forWritingAtPath: errPath)!
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    let run = RunState()
    let status: Int32 = try await withCheckedThrowingContinuation { continuation in
        process.terminationHandler = { finished in
            run.ended.withLock { $0 = true }
            continuation.resume(returning: finished.terminationStatus)
        }
        do {
            try process.run()
            run.timeOut(pid: process.processIdentifier, after: timeout)
        } catch {
            process.terminationHandler = nil
            continuation.resume(throwing: error)
        }
    }
    run.cancelTimer()
    try out.close()
    try err.close()
    return RunResult(
        status: status,
        stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "<not UTF-8>",
        stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "<not UTF-8>",
        timedOut: run.timedOut.withLock { $0 })
}

/// A run's end and its time-out, shared with the termination handler and the timer.
private final class RunState: Sendable {
    let ended = Mutex(false)
    let timedOut = Mutex(false)
    private let timer = Mutex<Task<Void, Never>?>(nil)

    /// SIGTERM after `seconds` if still running, SIGKILL 200 ms later.
    func timeOut(pid: Int32, after seconds: Double) {
        timer.withLock { $0 = Task {
            try? await Task.sleep(for: .seconds(seconds))
            guard !ended.withLock({ $0 }) else { return }
            timedOut.withLock { $0 = true }
            kill(pid, SIGTERM)
            try? await Task.sleep(for: .milliseconds(200))
            if !ended.withLock({ $0 }) { kill(pid, SIGKILL) }
        } }
    }

    func cancelTimer() { timer.withLock { $0?.cancel() } }
}

/// A folder under /tmp, removed when released.
final class TemporaryFolder {
    let path: String

    init(_ label: String) throws {
        var template = Array("/tmp/nianbao-cli-\(label)-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { "\(path)/\(name)" }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let target = file(name)
        _ = FileManager.default.createFile(atPath: target, contents: Data(bytes))
        return target
    }

    @discardableResult
    func write(_ name: String, _ text: String) -> String { write(name, Array(text.utf8)) }
}
