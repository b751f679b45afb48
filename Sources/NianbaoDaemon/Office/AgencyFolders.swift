import Glibc
import NianbaoFiles

/// The agencies' sub-folders of the drop folder: its first-level folders, not symlinks, not
/// hidden or temporary names (the daemon ignores those). Sorted by name. Empty when the drop
/// folder cannot be read.
public enum AgencyFolders {
    public static func list(drop: String) -> [String] {
        guard let folder = opendir(drop) else { return [] }
        defer { closedir(folder) }
        var names: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            guard !TemporaryNames.isTemporary(name), let text = String(validating: name, as: UTF8.self) else { continue }
            var info = stat()
            guard lstat(drop + "/" + text, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { continue }
            names.append(text)
        }
        return names.sorted()
    }
}
