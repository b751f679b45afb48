/// Names the daemon ignores until they are renamed: uploads in progress, editor and Office
/// lock files, hidden files and desktop litter. Matching is on the raw bytes of one name;
/// suffixes and the fixed names compare ASCII case-insensitively.
public enum TemporaryNames {
    /// Suffixes (compared case-insensitively) of files still being written.
    public static let temporarySuffixes: [String] = [
        ".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", ".swp",
        ".filepart",  // WinSCP uploads
        ".crswap",    // Chromium File System Access API
    ]

    /// Whole names (compared case-insensitively) that are never reports.
    public static let ignoredNames: [String] = ["thumbs.db", "desktop.ini"]

    /// True for a name (one path component) to ignore:
    /// `.*` (hidden: `._x`, `.DS_Store`, `.~lock.x#`, rsync's `.x.AbCdEf`), `~$*` (Office owner
    /// files), `*~` (editor backups), `*.tmp` (also `~*.tmp`), `*.temp`, `*.part`, `*.partial`,
    /// `*.crdownload`, `*.download`, `*.swp`, `*.filepart`, `*.crswap`, `*.sb-*` (macOS safe save
    /// through Samba/gvfs), `Thumbs.db`, `desktop.ini`.
    public static func isTemporary(_ name: [UInt8]) -> Bool {
        guard let first = name.first else { return true }
        if first == UInt8(ascii: ".") { return true }
        if name.starts(with: [UInt8(ascii: "~"), UInt8(ascii: "$")]) { return true }
        if name.last == UInt8(ascii: "~") { return true }
        let lowered = name.map(asciiLowercased)
        for suffix in lowercasedSuffixes where lowered.count > suffix.count && lowered.ends(with: suffix) {
            return true
        }
        for ignored in lowercasedNames where lowered == ignored { return true }
        // *.sb-*: ".sb-" after at least one character.
        if let index = firstIndex(of: samba, in: lowered), index > 0 { return true }
        return false
    }

    public static func isTemporary(_ name: String) -> Bool {
        isTemporary(Array(name.utf8))
    }

    /// True when any component of `path` is temporary or hidden (a file in `.Trash/` or in
    /// `.~upload/` is ignored too). The root is not ignored.
    public static func isIgnored(_ path: RelativePath) -> Bool {
        path.components.contains { isTemporary($0) }
    }

    private static let lowercasedSuffixes: [[UInt8]] = temporarySuffixes.map { Array($0.utf8) }
    private static let lowercasedNames: [[UInt8]] = ignoredNames.map { Array($0.utf8) }
    private static let samba: [UInt8] = Array(".sb-".utf8)

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }

    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && self[(count - suffix.count)...].elementsEqual(suffix)
    }
}
