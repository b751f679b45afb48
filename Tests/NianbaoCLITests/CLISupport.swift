import Foundation
import Glibc
import Testing
import TestTools

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

/// Runs `nianbao` with arguments (`Tool.run`: output to files, awaited without holding a thread
/// of the cooperative pool), killed after `timeout` seconds.
/// `executable`: another program to run instead (e.g. /bin/sh, to build arguments that are not UTF-8).
func runNianbao(_ arguments: [String], timeout: Double = 60, in folder: String? = nil, executable: String = nianbaoBinary) async throws -> RunResult {
    let result = try await Tool.run(executable, arguments, in: folder, timeout: .seconds(timeout))
    return RunResult(
        status: result.status,
        stdout: String(data: result.stdout, encoding: .utf8) ?? "<not UTF-8>",
        stderr: String(data: result.stderr, encoding: .utf8) ?? "<not UTF-8>",
        timedOut: result.timedOut)
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
