import Crypto
import Foundation
import Testing

/// Where things are, and the small tools every daemon test uses: running a program,
/// waiting for a condition with a deadline, hashing bytes.
enum Harness {
    /// The package root, from this file's path (Tests/NianbaoDaemonTests/Support/Harness.swift).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let seedPath = packageRoot.appendingPathComponent("Tests/Fixtures/seed-2023.txt").path

    /// The real `nianbao` executable. `swift build --build-tests` builds it (NianbaoCLITests
    /// depends on the executable target). Looked for next to the running test binary first (so
    /// `--scratch-path` and other triples work), then in `.build/debug/`. NIANBAO_BINARY overrides.
    static func binary(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        var candidates: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["NIANBAO_BINARY"], !explicit.isEmpty {
            candidates.append(explicit)
        } else {
            if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
                // …/debug/nianbaoPackageTests.xctest (or a helper inside it): try its folder and the one above.
                var folder = URL(fileURLWithPath: exe).deletingLastPathComponent()
                for _ in 0..<3 {
                    candidates.append(folder.appendingPathComponent("nianbao").path)
                    folder = folder.deletingLastPathComponent()
                }
            }
            candidates.append(packageRoot.appendingPathComponent(".build/debug/nianbao").path)
        }
        for candidate in candidates {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder), !isFolder.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        Issue.record("""
            the nianbao executable was not found (looked at \(candidates.joined(separator: ", "))). \
            Build it first: `swift build --build-tests` (it builds the executable because NianbaoCLITests depends on it), \
            then `scripts/with-journald swift test --skip-build --filter NianbaoDaemonTests`.
            """, sourceLocation: sourceLocation)
        throw HarnessFailure("no nianbao executable")
    }

    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    static func sha256(file path: String) throws -> String {
        sha256(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The environment for programs started by tests: the test runner's, without anything
    /// that would make the daemon talk to a service manager.
    static var childEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for name in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "RUNTIME_DIRECTORY", "LISTEN_FDS", "LISTEN_PID",
                     "LISTEN_FDNAMES", "INVOCATION_ID", "JOURNAL_STREAM"] {
            environment[name] = nil
        }
        return environment
    }
}

struct HarnessFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// What a finished program printed and how it ended.
struct ToolResult: CustomStringConvertible {
    var status: Int32
    var stdout: Data
    var stderr: Data

    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    var description: String { "exit \(status); stdout: \(stdoutText.prefix(2000)); stderr: \(stderrText.prefix(2000))" }
}

enum Tool {
    /// Runs a program to its end without blocking a thread of the cooperative pool: the output
    /// goes to temporary files (no pipe can fill up), the end is awaited through the
    /// termination handler.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                    in folder: String? = nil) async throws -> ToolResult {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("nbd-tool-\(UUID().uuidString)")
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
        process.environment = environment ?? Harness.childEnvironment
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return ToolResult(status: status, stdout: try Data(contentsOf: outURL), stderr: try Data(contentsOf: errURL))
    }
}

/// Waits for a condition by polling, up to a deadline. Never a fixed sleep: returns as soon as
/// `probe` yields a value; on time-out the failure says what was awaited and what was last seen.
///
/// Only a probe begun after the deadline can time the wait out: when this task could not run
/// for a while (the test process's cooperative pool busy), the probe that was under way looked
/// at the world as it was before, and failing on it would blame the daemon for the pause.
func eventually<T>(_ what: @autoclosure () -> String, within limit: Duration = .seconds(20), every interval: Duration = .milliseconds(100),
                   sourceLocation: SourceLocation = #_sourceLocation,
                   _ probe: () async throws -> Probe<T>) async throws -> T {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: limit)
    var last = "nothing observed yet"
    while true {
        let begun = clock.now
        switch try await probe() {
        case .done(let value): return value
        case .notYet(let observed): last = observed
        }
        if begun >= deadline { break }
        try await Task.sleep(for: interval)
    }
    let message = "timed out after \(limit) waiting for: \(what()); last observed: \(last)"
    Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    throw HarnessFailure(message)
}

enum Probe<T> {
    case done(T)
    case notYet(String)
}
