import CPoppler
import NianbaoCore

/// The text layer of a PDF as poppler's GLib interface gives it: per page, every character with
/// its box. The document is opened from memory (no file, no network, no external streams), and
/// the limits are checked before a page is read.
enum PDFTextLayer {
    struct Limits: Sendable {
        /// Pages beyond this are not read: the file is judged hostile (a report has 5 to 20).
        var maximumPages = 200
        /// Characters over all pages (a report has about 10,000).
        var maximumCharacters = 2_000_000
    }

    /// One character of the text layer: its scalar and its box in points, y growing downwards.
    struct Glyph {
        var scalar: Unicode.Scalar
        var minX: Double, minY: Double, maxX: Double, maxY: Double
    }

    struct Page {
        var glyphs: [Glyph]
        var width: Double, height: Double
    }

    static func read(_ bytes: [UInt8], limits: Limits = Limits()) -> Result<[Page], ReadingFailure> {
        // poppler keeps a reference to the bytes only while the document lives; both end here.
        let gbytes = bytes.withUnsafeBytes { g_bytes_new($0.baseAddress, gsize($0.count)) }
        defer { g_bytes_unref(gbytes) }
        var error: UnsafeMutablePointer<GError>?
        guard let document = poppler_document_new_from_bytes(gbytes, nil, &error) else {
            let encrypted = error.map { $0.pointee.domain == poppler_error_quark() && $0.pointee.code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) } ?? false
            if let error { g_error_free(error) }
            return .failure(encrypted ? PDFFailures.encrypted : PDFFailures.damaged)
        }
        defer { g_object_unref(UnsafeMutableRawPointer(document)) }
        let pageCount = Int(poppler_document_get_n_pages(document))
        if pageCount > limits.maximumPages { return .failure(PDFFailures.tooManyPages(pageCount, limit: limits.maximumPages)) }
        var pages: [Page] = []
        pages.reserveCapacity(pageCount)
        var characters = 0
        for index in 0..<pageCount {
            guard let page = poppler_document_get_page(document, Int32(index)) else { return .failure(PDFFailures.damaged) }
            defer { g_object_unref(UnsafeMutableRawPointer(page)) }
            var width = 0.0, height = 0.0
            poppler_page_get_size(page, &width, &height)
            var rectangles: UnsafeMutablePointer<PopplerRectangle>?
            var rectangleCount: guint = 0
            guard let text = poppler_page_get_text(page) else {
                pages.append(Page(glyphs: [], width: width, height: height))
                continue
            }
            defer { g_free(text) }
            let hasLayout = poppler_page_get_text_layout(page, &rectangles, &rectangleCount) != 0
            defer { if let rectangles { g_free(rectangles) } }
            var glyphs: [Glyph] = []
            // One rectangle per character of the text, in the same order (line ends included).
            let scalars = String(cString: text).unicodeScalars
            if hasLayout, let rectangles {
                glyphs.reserveCapacity(Int(rectangleCount))
                var position = 0
                for scalar in scalars {
                    guard position < Int(rectangleCount) else { break }
                    let box = rectangles[position]
                    position += 1
                    if scalar == "\n" || scalar == "\r" { continue }
                    glyphs.append(Glyph(scalar: scalar, minX: min(box.x1, box.x2), minY: min(box.y1, box.y2), maxX: max(box.x1, box.x2), maxY: max(box.y1, box.y2)))
                }
            }
            characters += glyphs.count
            if characters > limits.maximumCharacters { return .failure(PDFFailures.tooMuchText(limit: limits.maximumCharacters)) }
            pages.append(Page(glyphs: glyphs, width: width, height: height))
        }
        return .success(pages)
    }
}

/// The verdicts for PDFs that cannot be read, each saying what to send instead (rules.md: NB104
/// when there is no usable text, NB105 when the file cannot be opened or breaks a limit).
enum PDFFailures {
    static let sendInstead = "请在WPS或Word中将报告原文件另存为.docx（或导出带文字层的PDF）后重新提交"
    static let sendInsteadEnglish = "save the report's original document as .docx in WPS or Word (or export a PDF with a text layer) and submit again"

    static let encrypted = ReadingFailure(
        code: .nb105, message: "PDF已加密（需要密码才能打开），无法读取其中的文字；请提交未加密的PDF，或\(sendInstead)",
        messageEnglish: "the PDF is encrypted (it needs a password to open), so its text cannot be read; submit an unencrypted PDF, or \(sendInsteadEnglish)")
    static let damaged = ReadingFailure(
        code: .nb105, message: "PDF文件已损坏，无法打开；\(sendInstead)",
        messageEnglish: "the PDF is damaged and cannot be opened; \(sendInsteadEnglish)")
    static let scanned = ReadingFailure(
        code: .nb104, message: "PDF没有文字层（扫描件或图片），无法读取其中的文字和表格；\(sendInstead)，不要提交扫描件",
        messageEnglish: "the PDF has no text layer (a scan or images), so its text and tables cannot be read; \(sendInsteadEnglish), not a scan")
    static let unmappedFonts = ReadingFailure(
        code: .nb104, message: "PDF中的文字无法提取（字体缺少Unicode映射，提取出的是乱码）；\(sendInstead)",
        messageEnglish: "the PDF's text cannot be extracted (its fonts have no Unicode map, so it comes out garbled); \(sendInsteadEnglish)")

    static func tooManyPages(_ pages: Int, limit: Int) -> ReadingFailure {
        ReadingFailure(code: .nb105, message: "PDF有\(pages)页，超过\(limit)页的上限，已拒绝读取；年度报告通常不超过20页，请检查文件",
                       messageEnglish: "the PDF has \(pages) pages, more than the limit of \(limit); an annual report rarely has more than 20, check the file")
    }

    static func tooMuchText(limit: Int) -> ReadingFailure {
        ReadingFailure(code: .nb105, message: "PDF的文字超过\(limit)个字符的上限，已拒绝读取；请检查文件",
                       messageEnglish: "the PDF holds more than \(limit) characters of text, the limit; check the file")
    }
}
