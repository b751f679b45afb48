import Crypto
import Foundation
import TestTools
import Testing

/// Where things are, and the small tools every daemon test uses: waiting for a condition with
/// a deadline, hashing bytes (running a program is `Tool.run`, of TestTools).
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
}

struct HarnessFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
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
