import Glibc

/// The daemon's outputs must lie outside the drop folder: a status file, Prometheus file,
/// results folder or ledger inside it would be judged, rewritten because it was judged, and
/// judged again, forever (about 11 verdicts a second for a status file, ever deeper
/// `results/results/…` for a results folder), and the daemon never writes into the drop folder.
extension DaemonConfiguration {
    /// Refuses outputs inside the drop folder (compared after resolving symlinks, "." and "..").
    func refuseOutputsInsideDrop(statusFile: String, source: String) throws(ConfigurationError) {
        let dropFolder = Self.resolvedComponents(drop)
        var outputs = [("state_dir", stateDirectory), ("status_file", statusFile)]
        if let prometheusFile { outputs.append(("prometheus_file", prometheusFile)) }
        if let resultsDirectory { outputs.append(("results_dir", resultsDirectory)) }
        for (key, path) in outputs {
            let resolved = Self.resolvedComponents(path)
            guard resolved.count >= dropFolder.count, Array(resolved.prefix(dropFolder.count)) == dropFolder else { continue }
            throw ConfigurationError(
                file: source,
                problem: "“\(key)”（\(path)）位于投递文件夹“\(drop)”之内：程序会检查并改写自己的输出，循环不止；请把它放到投递文件夹之外",
                problemEnglish: "'\(key)' (\(path)) is inside the drop folder \(drop): the daemon would judge its own output, rewrite it, and judge it again, forever; put it outside the drop folder")
        }
    }

    /// The absolute path as components: the longest part that exists through realpath (symlinks
    /// and ".." resolved as the kernel would), the rest (which cannot hold a symlink) lexically.
    static func resolvedComponents(_ path: String) -> [String] {
        var absolute = path
        if !path.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let cwd = getcwd(&buffer, buffer.count) != nil ? String(cString: buffer) : "/"
            absolute = cwd + "/" + path
        }
        var parts = absolute.split(separator: "/").map(String.init)
        var missing: [String] = []
        while true {
            let candidate = "/" + parts.joined(separator: "/")
            if let real = realpath(candidate, nil) {
                defer { free(real) }
                var resolved = String(cString: real).split(separator: "/").map(String.init)
                for part in missing.reversed() {
                    switch part {
                    case ".", "": continue
                    case "..": _ = resolved.popLast()
                    default: resolved.append(part)
                    }
                }
                return resolved
            }
            guard let last = parts.popLast() else { return missing.reversed().filter { $0 != "." && $0 != ".." } }
            missing.append(last)
        }
    }
}
