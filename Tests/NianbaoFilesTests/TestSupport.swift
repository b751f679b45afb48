import Foundation
import Glibc
import Testing
@testable import NianbaoFiles

/// A real folder under /tmp, removed (with `rm -rf`, which copes with any name) when released.
final class TemporaryFolder {
    let path: String

    /// `inMemory`: under /dev/shm (tmpfs) when it exists, for tests that create tens of
    /// thousands of files (creating a file on this machine's ext4 costs ~0.5 ms of kernel time).
    init(_ label: String = "t", inMemory: Bool = false) {
        let base = inMemory && access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        var template = Array("\(base)/nianbao-files-\(label)-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(created != nil, "mkdtemp failed: \(errno)")
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        chmod(path, 0o755)
    }

    deinit {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/rm")
        process.arguments = ["-rf", path]
        try? process.run()
        process.waitUntilExit()
    }

    func absolute(_ relative: String) -> String { relative.isEmpty ? path : "\(path)/\(relative)" }

    /// `mkdir -p`.
    func makeFolder(_ relative: String) {
        var current = path
        for component in relative.split(separator: "/") {
            current += "/\(component)"
            mkdir(current, 0o755)
        }
    }

    /// Writes a file (created or truncated) and closes it.
    func write(_ relative: String, _ content: String) {
        writeFile(absolute(relative), Array(content.utf8))
    }

    func write(_ relative: String, bytes: [UInt8]) {
        writeFile(absolute(relative), bytes)
    }
}

/// Absolute path bytes: folder + "/" + raw name.
func pathBytes(_ folder: String, _ name: [UInt8]) -> [UInt8] {
    Array(folder.utf8) + [0x2F] + name
}

func withCPath<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
    let cString = bytes.map { CChar(bitPattern: $0) } + [0]
    return cString.withUnsafeBufferPointer { body($0.baseAddress!) }
}

@discardableResult
func writeFile(_ path: String, _ bytes: [UInt8]) -> Bool {
    writeFile(bytes: Array(path.utf8), bytes)
}

@discardableResult
func writeFile(bytes path: [UInt8], _ content: [UInt8]) -> Bool {
    let fd = withCPath(path) { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
    guard fd >= 0 else { return false }
    var offset = 0
    while offset < content.count {
        let count = content.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, content.count - offset) }
        guard count > 0 else { break }
        offset += count
    }
    close(fd)
    return offset == content.count
}

func run(_ executable: String, _ arguments: [String]) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    do { try process.run() } catch { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
}

func path(_ string: String) -> RelativePath {
    RelativePath(string)!
}

/// Collects events until `done` says so (or `timeout`), then keeps listening for `settle` so
/// that any extra (unwanted) event shows up too.
func collect(_ watch: DropFolderWatch, timeout: Duration = .seconds(10), settle: Duration = .milliseconds(300),
             until done: ([DropEvent]) -> Bool) -> [DropEvent] {
    var events: [DropEvent] = []
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while !done(events) && clock.now < deadline {
        events += watch.waitForEvents(timeout: .milliseconds(50))
    }
    let quietUntil = clock.now + settle
    while clock.now < quietUntil {
        events += watch.waitForEvents(timeout: .milliseconds(50))
    }
    return events
}

/// Everything the watch reports within `duration` (expected: nothing).
func quiet(_ watch: DropFolderWatch, for duration: Duration = .milliseconds(500)) -> [DropEvent] {
    collect(watch, timeout: .zero, settle: duration) { _ in true }
}

/// Only events that are not about temporary names (what the daemon acts on).
func relevant(_ events: [DropEvent]) -> [DropEvent] {
    events.filter { event in
        switch event {
        case .fileCompleted(let path), .fileGone(let path), .fileAppeared(let path), .fileAttributesChanged(let path), .directoryAppeared(let path), .directoryGone(let path):
            !TemporaryNames.isIgnored(path)
        default: true
        }
    }
}

/// setfsuid(2) is per thread (glibc does not broadcast it), so a test can drop file-system
/// privileges for itself only. Glibc's module does not export it: look it up.
func setFileSystemUID(_ uid: UInt32) {
    typealias Function = @convention(c) (UInt32) -> Int32
    let symbol = dlsym(nil, "setfsuid")!
    _ = unsafeBitCast(symbol, to: Function.self)(uid)
}
