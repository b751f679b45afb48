import Foundation
import Testing

/// scripts/with-journald itself: arguments, status, isolation. Needs root, as the script does.
@Suite struct WithJournaldScriptTests {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/with-journald").path

    @Test func passesArgumentsAndExitStatusFromAnyFolder() throws {
        // Inside: a private /run with a live journald, the marker, our own PID namespace.
        let check = #"""
        test "$1" = "two words" && test "$2" = "" && test -S /run/systemd/journal/socket \
          && test "$NIANBAO_PRIVATE_JOURNALD" = 1 && test "$(pwd)" = / \
          && echo inside | systemd-cat -t wj-probe && journalctl --sync \
          && journalctl -t wj-probe -o cat | grep -qx inside && exit 42
        """#
        let result = try run(Self.script, ["/bin/sh", "-c", check, "sh", "two words", ""], in: "/")
        #expect(result.status == 42, "\(result.stderr)")
    }

    @Test func leavesTheHostRunAlone() throws {
        let marker = "/run/nianbao-with-journald-test-\(getpid())"
        let result = try run(Self.script, ["/bin/sh", "-c", "touch \(marker)"], in: "/tmp")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test func commandNotFoundIsReported() throws {
        let result = try run(Self.script, ["/nonexistent/command"], in: "/tmp")
        #expect(result.status == 127)
    }

    @Test func noCommandIsAUsageError() throws {
        let result = try run(Self.script, [], in: "/tmp")
        #expect(result.status == 64)
        #expect(result.stderr.contains("usage"))
    }

    private func run(_ executable: String, _ arguments: [String], in folder: String) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stderr, as: UTF8.self))
    }
}
