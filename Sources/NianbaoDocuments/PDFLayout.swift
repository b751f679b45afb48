import NianbaoCore

/// Rebuilds a report from the geometry of a PDF's text layer: characters into lines by their
/// baseline, lines into chunks where a gap wider than a character separates them (table cells),
/// page numbers and running headers dropped, prose re-joined across line and page breaks, and
/// the report's three tables rebuilt row by row with every number in the column its x position
/// says (so a blank cell stays blank and nothing shifts). What comes out is written through
/// `BlockAssembler`, as Word and web pages are.
enum PDFLayout {
    /// Characters that sit together on one line, separated from the next chunk by a gap.
    struct Chunk {
        var text: String
        var minX: Double, maxX: Double, minY: Double, maxY: Double
        var centerX: Double { (minX + maxX) / 2 }
        var width: Double { maxX - minX }
    }

    struct Line {
        var chunks: [Chunk]
        var minY: Double, maxY: Double
        /// The typical character height: the font size, near enough.
        var size: Double
        var page: Int
        var minX: Double { chunks.first?.minX ?? 0 }
        var maxX: Double { chunks.last?.maxX ?? 0 }
        var text: String { chunks.map(\.text).joined(separator: " ") }
    }

    /// How far apart pages are put: further than any page is tall.
    static let pageStride = 100_000.0

    static func document(of pages: [PDFTextLayer.Page]) -> DocumentText {
        var perPage = pages.enumerated().map { pageLines($0.element, index: $0.offset) }
        dropRunningHeaders(&perPage, pages: pages)
        let lines = perPage.flatMap { $0 }
        var assembler = BlockAssembler()
        Composer(lines: lines).write(to: &assembler)
        return assembler.finish()
    }

    // MARK: - Lines

    /// The lines of one page, top to bottom, without its page number or running header/footer.
    static func pageLines(_ page: PDFTextLayer.Page, index: Int) -> [Line] {
        let glyphs = page.glyphs.filter { $0.maxY > $0.minY && $0.maxX >= $0.minX }
        guard !glyphs.isEmpty else { return [] }
        // Characters by their vertical middle; a character joins the line whose middle is within
        // half a character of its own (subscripts and mixed fonts stay on their line).
        let order = glyphs.indices.sorted { (glyphs[$0].minY + glyphs[$0].maxY) < (glyphs[$1].minY + glyphs[$1].maxY) }
        var groups: [[PDFTextLayer.Glyph]] = []
        var groupMiddle = 0.0, groupHeight = 0.0
        for position in order {
            let glyph = glyphs[position]
            let middle = (glyph.minY + glyph.maxY) / 2, height = glyph.maxY - glyph.minY
            if !groups.isEmpty, abs(middle - groupMiddle) <= max(min(height, groupHeight) * 0.45, 0.5) {
                groups[groups.count - 1].append(glyph)
            } else {
                groups.append([glyph])
                groupMiddle = middle
                groupHeight = height
            }
        }
        mergeInterleaved(&groups)
        var lines = groups.compactMap { line(of: $0, page: index) }
        dropPageChrome(&lines, pageHeight: page.height)
        // Pages one below the other: ordering by y orders by page first.
        let offset = Double(index) * pageStride
        for position in lines.indices {
            lines[position].minY += offset
            lines[position].maxY += offset
            for chunk in lines[position].chunks.indices {
                lines[position].chunks[chunk].minY += offset
                lines[position].chunks[chunk].maxY += offset
            }
        }
        return lines
    }

    /// Two header cells of one table row in different fonts can sit so far apart in height
    /// that their characters fall into two lines (`本年` `止件数` over `本年废` `效件数`), which
    /// then read as four cells. A line lying mostly within the height of the one above it, with
    /// no character where that one has one, is the same line.
    private static func mergeInterleaved(_ groups: inout [[PDFTextLayer.Glyph]]) {
        func extent(_ glyphs: [PDFTextLayer.Glyph]) -> (minY: Double, maxY: Double) {
            var minY = Double.infinity, maxY = -Double.infinity
            for glyph in glyphs where !TextNormalizer.isSpace(glyph.scalar) {
                minY = min(minY, glyph.minY); maxY = max(maxY, glyph.maxY)
            }
            return (minY, maxY)
        }
        var position = 1
        while position < groups.count {
            let upper = extent(groups[position - 1]), lower = extent(groups[position])
            let overlap = min(upper.maxY, lower.maxY) - max(upper.minY, lower.minY)
            let smaller = min(upper.maxY - upper.minY, lower.maxY - lower.minY)
            if smaller > 0, overlap >= 0.6 * smaller,
               !groups[position].contains(where: { glyph in
                   groups[position - 1].contains { $0.minX < glyph.maxX - 0.5 && glyph.minX < $0.maxX - 0.5 }
               }) {
                groups[position - 1] += groups.remove(at: position)
            } else {
                position += 1
            }
        }
    }

    private static func line(of glyphs: [PDFTextLayer.Glyph], page: Int) -> Line? {
        let sorted = glyphs.sorted { $0.minX < $1.minX }
        let heights = sorted.filter { !TextNormalizer.isSpace($0.scalar) }.map { $0.maxY - $0.minY }.sorted()
        guard !heights.isEmpty else { return nil }
        let size = heights[heights.count / 2]
        var chunks: [Chunk] = []
        var text = String.UnicodeScalarView()
        var box: (minX: Double, maxX: Double, minY: Double, maxY: Double)?
        var lastMaxX = -Double.infinity, lastMaxY = 0.0
        // A space is written only when the next character comes, and not between a Chinese
        // character and a Latin letter or digit: office suites widen that gap (autospace,
        // `2023 年`), and the text layer reports it as a space the document does not hold.
        var pendingSpace = false
        var lastScalar: Unicode.Scalar?
        func close() {
            if let current = box {
                let trimmed = String(text).trimmingSpaces
                if !trimmed.isEmpty { chunks.append(Chunk(text: trimmed, minX: current.minX, maxX: current.maxX, minY: current.minY, maxY: current.maxY)) }
            }
            text = String.UnicodeScalarView()
            box = nil
            pendingSpace = false
        }
        for glyph in sorted {
            if TextNormalizer.isSpace(glyph.scalar) {
                if box != nil { pendingSpace = true }
                continue
            }
            // A gap wider than half a character: the next cell (prose keeps its characters
            // and its spaces closer than that). A narrower gap with the baseline shifted is the
            // next cell too: cells aligned apart in a tight table (a merged group label's
            // `度办理结` a third of a line above `（四）无法提` beside it).
            let gap = glyph.minX - lastMaxX
            if box != nil, gap > size * 0.45 || (gap > size * 0.2 && abs(glyph.maxY - lastMaxY) > size * 0.2) { close() }
            if var current = box {
                current.minX = min(current.minX, glyph.minX); current.maxX = max(current.maxX, glyph.maxX)
                current.minY = min(current.minY, glyph.minY); current.maxY = max(current.maxY, glyph.maxY)
                box = current
            } else {
                box = (glyph.minX, glyph.maxX, glyph.minY, glyph.maxY)
            }
            if pendingSpace, let lastScalar, !Self.isAutospaceGap(lastScalar, glyph.scalar) { text.append(" ") }
            pendingSpace = false
            text.append(glyph.scalar)
            lastScalar = glyph.scalar
            lastMaxX = glyph.maxX
            lastMaxY = glyph.maxY
        }
        close()
        guard !chunks.isEmpty else { return nil }
        return Line(chunks: chunks, minY: chunks.map(\.minY).min()!, maxY: chunks.map(\.maxY).max()!, size: size, page: page)
    }

    /// Between a Chinese character and an ASCII letter or digit, either way round: where office
    /// suites add space of their own.
    static func isAutospaceGap(_ left: Unicode.Scalar, _ right: Unicode.Scalar) -> Bool {
        func isLatin(_ scalar: Unicode.Scalar) -> Bool { scalar.isASCII && scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) }
        func isChinese(_ scalar: Unicode.Scalar) -> Bool { ("\u{4E00}"..."\u{9FFF}").contains(scalar) || ("\u{3400}"..."\u{4DBF}").contains(scalar) }
        return (isChinese(left) && isLatin(right)) || (isLatin(left) && isChinese(right))
    }

    /// A running header or footer: the same text in the same size as the first or last line of
    /// two or more pages, in the top or bottom tenth of the page (`2023年度 政府信息公开工作年度报告`).
    /// The size tells the title on page 1 from the same words in a small running header on the
    /// later pages (WPS's 首页不同).
    private static func dropRunningHeaders(_ perPage: inout [[Line]], pages: [PDFTextLayer.Page]) {
        guard perPage.count >= 2 else { return }
        func key(_ line: Line) -> String { "\(line.text.withoutSpaces) \(Int(line.size.rounded()))" }
        var seen: [String: Int] = [:]
        func margins(_ lines: [Line], page: Int) -> [Int] {
            let height = max(pages[page].height, 1), top = Double(page) * pageStride
            var found: [Int] = []
            if let first = lines.indices.first, lines[first].minY - top < height * 0.1 { found.append(first) }
            if let last = lines.indices.last, lines[last].maxY - top > height * 0.9, !found.contains(last) { found.append(last) }
            return found
        }
        for (page, lines) in perPage.enumerated() {
            for index in margins(lines, page: page) { seen[key(lines[index]), default: 0] += 1 }
        }
        for page in perPage.indices {
            let drop = margins(perPage[page], page: page).filter { seen[key(perPage[page][$0]), default: 0] >= 2 }
            for index in drop.sorted(by: >) { perPage[page].remove(at: index) }
        }
    }

    /// Page numbers (`-3-`, `— 3 —`, `3`, `第3页`, `第3页 共6页`) in the top or bottom tenth of a
    /// page are dropped: they fall between rows of a table and inside sentences.
    private static func dropPageChrome(_ lines: inout [Line], pageHeight: Double) {
        let margin = max(pageHeight, 1) * 0.1
        lines.removeAll { line in
            guard line.minY < margin || line.maxY > max(pageHeight, 1) - margin, line.chunks.count <= 2 else { return false }
            return line.chunks.allSatisfy { isPageNumber($0.text) }
        }
    }

    static func isPageNumber(_ text: String) -> Bool {
        var digits = 0, other = 0
        for scalar in text.unicodeScalars {
            if scalar.isDigitLike { digits += 1 } else if !"-－—–‐ 　·第页共/ ".unicodeScalars.contains(scalar) && !"PageofPAGE".unicodeScalars.contains(scalar) { other += 1 }
        }
        return digits > 0 && digits <= 4 && other == 0
    }
}

extension Unicode.Scalar {
    /// ASCII or full-width digits (the core's definition).
    var isDigitLike: Bool { TextNormalizer.isDigit(self) }
}

extension String {
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !TextNormalizer.isSpace($0) }),
              let last = scalars.lastIndex(where: { !TextNormalizer.isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }

    /// Without any white space: header words split over lines or spaced out compare equal.
    var withoutSpaces: String { TextNormalizer.removingSpaces(self) }
}
