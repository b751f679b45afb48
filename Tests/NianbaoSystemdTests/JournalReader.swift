import Foundation
import Testing

/// Reads entries back from the private journald that scripts/with-journald starts.
enum JournalReader {
    enum Failure: Error, CustomStringConvertible {
        case journalctl(arguments: [String], status: Int32, stderr: String)
        case badJSON(String)

        var description: String {
            switch self {
            case let .journalctl(arguments, status, stderr): "journalctl \(arguments.joined(separator: " ")) exited \(status): \(stderr)"
            case let .badJSON(line): "journalctl printed a line that is not a JSON object: \(line)"
            }
        }
    }

    /// Journal tests must not pass vacuously, nor touch the host's journal.
    static func requirePrivateJournald() throws {
        try #require(
            ProcessInfo.processInfo.environment["NIANBAO_PRIVATE_JOURNALD"] == "1",
            "this test needs a private journald: run under scripts/with-journald, e.g. `scripts/with-journald swift test --skip-build --filter NianbaoSystemdTests`"
        )
    }

    /// For tests that tamper with /run/systemd/journal: besides the variable, PID 1 must be
    /// the harness script, so the host's journald can never be touched.
    static func requireHarnessNamespace() throws {
        try requirePrivateJournald()
        let cmdline = (try? String(contentsOfFile: "/proc/1/cmdline", encoding: .utf8)) ?? ""
        let arguments = cmdline.split(separator: "\0")
        try #require(arguments.count > 1 && arguments[1].hasSuffix("scripts/with-journald"),
                     "PID 1 is not scripts/with-journald; refusing to touch /run/systemd/journal")
    }

    static func uniqueIdentifier() -> String {
        "nianbao-test-" + UUID().uuidString.prefix(8).lowercased()
    }

    /// Every entry with `SYSLOG_IDENTIFIER=identifier` (plus `matches` like `FIELD=value`),
    /// oldest first, as field name → values (a field can repeat in an entry).
    static func entries(identifier: String, matches: [String] = []) throws -> [[String: [String]]] {
        _ = try journalctl(["--sync"])
        let output = try journalctl(["-o", "json", "--all", "--no-pager", "-t", identifier] + matches)
        return try output.split(separator: UInt8(ascii: "\n")).map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                throw Failure.badJSON(String(decoding: line, as: UTF8.self))
            }
            return object.mapValues(values(of:))
        }
    }

    /// journalctl prints a value as a string, as an array of byte values when it is not
    /// printable UTF-8, and as an array of those when the field repeats.
    private static func values(of json: Any) -> [String] {
        if let text = json as? String { return [text] }
        if let bytes = json as? [Int] { return [String(decoding: bytes.map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self)] }
        if let many = json as? [Any] { return many.flatMap(values(of:)) }
        return ["<\(json)>"]
    }

    private static func journalctl(_ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/journalctl")
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // journalctl's stderr is a line or two at most, so reading it second cannot block.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure.journalctl(arguments: arguments, status: process.terminationStatus,
                                     stderr: String(decoding: stderr, as: UTF8.self))
        }
        return data
    }
}
