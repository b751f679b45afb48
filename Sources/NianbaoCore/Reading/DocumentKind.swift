/// What a file really is, judged by its first bytes and never by its name.
public enum DocumentKind: String, Sendable, Equatable {
    case empty, text, html, docx, zip, ole, pdf, rtf, image, archive

    /// Sniffs the content. ZIP containers are told apart by the caller once it can list them;
    /// here every ZIP is `.zip` unless its first entry name shows a Word document.
    public static func sniff(_ bytes: [UInt8]) -> DocumentKind {
        if bytes.isEmpty { return .empty }
        // Magic numbers are compared as static arrays: every report is sniffed, and literal
        // arrays here would be allocated on every call.
        func starts(_ magic: [UInt8]) -> Bool { bytes.starts(with: magic) }
        if starts(Magic.zip) { return zipLooksLikeWord(bytes) ? .docx : .zip }
        if starts(Magic.ole) { return .ole }
        if starts(Magic.pdf) { return .pdf }
        if starts(Magic.rtf) { return .rtf }
        if Magic.images.contains(where: starts) || (starts(Magic.riff) && bytes.count > 12 && bytes[8..<12].elementsEqual(Magic.webp)) {
            return .image
        }
        if Magic.archives.contains(where: starts) { return .archive }
        return looksLikeHTML(bytes) ? .html : .text
    }

    private enum Magic {
        static let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
        static let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        static let pdf = Array("%PDF-".utf8)
        static let rtf = Array("{\\rtf".utf8)
        static let images: [[UInt8]] = [[0x89, 0x50, 0x4E, 0x47], [0xFF, 0xD8, 0xFF], Array("GIF8".utf8), [0x49, 0x49, 0x2A, 0x00], [0x4D, 0x4D, 0x00, 0x2A]]
        static let riff = Array("RIFF".utf8)
        static let webp = Array("WEBP".utf8)
        static let archives: [[UInt8]] = [[0x1F, 0x8B], Array("Rar!".utf8), [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], [0x42, 0x5A, 0x68]]
        static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]
        static let wordFolder = Array("word/".utf8)
    }

    /// Word writes `[Content_Types].xml` or `word/…` as the first local file entries.
    private static func zipLooksLikeWord(_ bytes: [UInt8]) -> Bool {
        bytes.withByteView { $0.view(..<Swift.min($0.count, 4096)).has(Magic.wordFolder) }
    }

    /// An HTML page opens, after an optional BOM and white space, with a doctype, <html>, or a
    /// comment/meta/head tag; a report that merely mentions HTML further down is still text.
    private static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        var start = bytes.startIndex
        if bytes.starts(with: Magic.utf8BOM) { start += 3 }
        let head = bytes[start...].prefix(1024).drop(while: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
        // Every opening below starts with `<`, which no other character lowercases to: a report
        // is told from a page without decoding and lowercasing its first bytes.
        guard head.first == 0x3C else { return false }
        let lowered = String(decoding: head.prefix(64), as: UTF8.self).lowercased()
        return ["<!doctype html", "<html", "<head", "<meta", "<body", "<!--", "<?xml"].contains { lowered.hasPrefix($0) }
    }

    /// What nianbao reads, as every NB103 names it: .docx, .pdf, .html and .txt.
    public static let sendInstead = "请将报告另存为.docx、.pdf、.html或.txt格式后重新提交"
    public static let sendInsteadEnglish = "save the report as .docx, .pdf, .html or .txt and submit again"

    /// The verdict for kinds that are recognised but not read, saying what to send instead.
    /// Kinds a format reads have none (a pipeline without that format says so: `notRead`).
    public var unsupportedFailure: ReadingFailure? {
        let sendInstead = Self.sendInstead, sendInsteadEnglish = Self.sendInsteadEnglish
        switch self {
        case .text, .html, .docx, .pdf:
            return nil
        case .empty:
            return ReadingFailure(code: .nb103, message: "文件为空（0字节）；\(sendInstead)", messageEnglish: "the file is empty (0 bytes); \(sendInsteadEnglish)")
        case .zip:
            return ReadingFailure(code: .nb103, message: "文件是ZIP压缩包或Excel表格，不是Word文档；\(sendInstead)", messageEnglish: "the file is a ZIP archive or an Excel workbook, not a Word document; \(sendInsteadEnglish)")
        case .ole:
            return ReadingFailure(code: .nb103, message: "文件是旧版Word(.doc)或WPS(.wps)格式；请在Word或WPS中另存为.docx或.pdf后重新提交", messageEnglish: "the file is a legacy Word (.doc) or WPS (.wps) document; save it as .docx or .pdf in Word or WPS and submit again")
        case .rtf:
            return ReadingFailure(code: .nb103, message: "文件是RTF格式；\(sendInstead)", messageEnglish: "the file is RTF; \(sendInsteadEnglish)")
        case .image:
            return ReadingFailure(code: .nb103, message: "文件是图片，表格无法读取；\(sendInstead)", messageEnglish: "the file is an image, whose tables cannot be read; \(sendInsteadEnglish)")
        case .archive:
            return ReadingFailure(code: .nb103, message: "文件是压缩包；请解压后逐个提交报告文件", messageEnglish: "the file is a compressed archive; extract it and submit each report file")
        }
    }
}
