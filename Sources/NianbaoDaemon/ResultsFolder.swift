import Glibc
import NianbaoCore
import NianbaoFiles

/// The optional feedback folder: for each judged file, `<file>.nianbao.txt` (Chinese first)
/// and `<file>.nianbao.json` (the JSON of `check`), in a tree mirroring the agency folders.
/// It can be exported read-only on the same share; the drop folder itself is never written.
struct ResultsFolder: Sendable {
    let root: String
    /// The office's time zone, for the receipt's arrival time.
    var utcOffsetHours = 8

    /// The text starts with the receipt (`Receipt.text`), then a blank line, then the findings.
    func write(_ judgement: Judgement) throws(AtomicWriteFailure) {
        let base = root + "/" + judgement.file
        Self.makeParents(of: base)
        let text = Receipt.text(of: judgement.record, utcOffsetHours: utcOffsetHours) + "\n" + judgement.outcome.clerkText(file: judgement.file)
        try AtomicFileWriter.write(text, to: base + ".nianbao.txt", sync: false)
        try AtomicFileWriter.write(judgement.outcome.json(file: judgement.file).serialized() + "\n", to: base + ".nianbao.json", sync: false)
    }

    private static func makeParents(of path: String) {
        var prefix = ""
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        for (index, part) in parts.enumerated() {
            prefix += (index == 0 ? "" : "/") + part
            if !prefix.isEmpty { mkdir(prefix, 0o755) }
        }
    }
}
