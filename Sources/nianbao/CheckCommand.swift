import ArgumentParser
import NianbaoCore
import NianbaoFiles

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate report files once and exit (0: none rejected or unreadable, 1: otherwise).")

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(name: .long, help: "text (Chinese and English, one block per file) or json (JSON Lines).")
    var format: OutputFormat = .text

    @Flag(name: .long, help: "Also exit 1 when a report has warnings.")
    var strict = false

    @Option(name: .long, help: "Largest file to read, in bytes (NB102 above it).")
    var maxBytes: Int = 20 * 1024 * 1024

    @Argument(help: "Report files (.txt, .html, .docx, .pdf).")
    var files: [String]

    func run() throws {
        var failed = false
        for (index, path) in RawArguments.bytes(of: files).enumerated() {
            let outcome = CheckedFile.check(path: path, limit: maxBytes)
            // Escaped as the daemon escapes names (\xHH for bytes that are not UTF-8 and control
            // characters): the output stays valid UTF-8, one line per name.
            let file = RelativePath.escape(path)
            switch format {
            case .json:
                StandardOutput.write(outcome.json(file: file).serialized() + "\n")
            case .text:
                StandardOutput.write((index > 0 ? "\n" : "") + outcome.clerkText(file: file))
            }
            switch outcome.verdict {
            case .rejected, .unreadable: failed = true
            case .acceptedWithWarnings: if strict { failed = true }
            case .accepted: break
            }
        }
        if failed { throw ExitCode(1) }
    }
}
