import Foundation

/// A fresh folder under /tmp, removed when the value goes away. Short paths, because a
/// socket path must fit in sun_path (108 bytes).
final class TemporaryFolder {
    let path: String

    init() throws {
        var template = Array("/tmp/nianbao-sd-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        path = String(cString: made)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
