import ArgumentParser
import Glibc
import NianbaoDaemon
import NianbaoFiles

/// Every agency's state and figures for the report year, for the office's own summary.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export every agency's state and the figures of its latest report (csv, xlsx, json or html), with a 合计 (total) row.",
        discussion: "Reads the daemon's configuration, roster and ledger (read-only: safe while the daemon runs). "
            + "Standard output when no --output is given, except for xlsx.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, xlsx, json, html }

    @OptionGroup var office: OfficeOptions

    @Option(name: .long, help: "csv (UTF-8 with BOM, RFC 4180), xlsx (three sheets), json (JSON Lines) or html (one self-contained page).")
    var format: Format

    @Option(name: .long, help: "The file to write (replaced atomically). Required for xlsx.")
    var output: String?

    func validate() throws {
        if format == .xlsx, output == nil { throw ValidationError("--format xlsx needs --output FILE (a spreadsheet is not written to a terminal)") }
    }

    func run() throws {
        if let output { checkFolder(of: output) }
        let view = try office.load(withDetails: true)
        let text: String
        switch format {
        case .xlsx:
            do {
                try XLSXExport.write(OfficeExport(view), to: output!)
            } catch {
                fail(error.description)
            }
            return
        case .csv: text = OfficeExport(view).csv()
        case .json: text = OfficeExport(view).jsonLines()
        case .html: text = OfficePage.html(view, generatedAtMs: OfficeSources.nowMilliseconds())
        }
        guard let output else {
            StandardOutput.write(text)
            return
        }
        do {
            try AtomicFileWriter.write(text, to: output, sync: true)
        } catch {
            fail("无法写入 cannot write \(output): \(error.messageZH) / \(error.messageEN)")
        }
    }

    /// A folder that does not exist or cannot be written: said before any work is done.
    private func checkFolder(of path: String) {
        let folder = path.lastIndex(of: "/").map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        var info = stat()
        guard stat(folder, &info) == 0 else {
            fail("输出文件夹不存在 the output folder \(folder) does not exist: create it first, or choose another --output")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            fail("输出位置不是文件夹 \(folder) is a file, not a folder: choose another --output")
        }
        // access(2) for root too: a read-only mount (EROFS) or an immutable folder (EPERM) refuses it.
        guard access(folder, W_OK) == 0 else {
            fail("输出文件夹不可写 the output folder \(folder) is not writable (\(String(cString: strerror(errno)))): choose another --output")
        }
    }
}
