/// Reads the flattened shapes a table takes in a plain-text report into document blocks:
///
/// - `| a | b |` rows with uneven padding and merged-cell blanks, Markdown tables (`|---|`
///   rules skipped), tab-separated rows, and `a | b` rows without outer pipes;
/// - one cell per line ending in ` |` (a line that is only `|` is an empty cell, or closes the
///   cell written on the lines before it);
/// - one cell per paragraph, blank-line separated, with no delimiter at all.
///
/// Lines of a paragraph are joined, so a label broken across lines inside a cell is whole again.
public enum TextLayout {
    public static func blocks(of text: String) -> [DocumentBlock] {
        var builder = Builder()
        for line in text.splitLines() {
            builder.add(line)
        }
        builder.flushParagraph()
        return builder.blocks
    }

    private struct Builder {
        var blocks: [DocumentBlock] = []
        var paragraph: [Substring] = []
        /// The line before was a tab-separated row.
        var afterTabRow = false

        mutating func add(_ rawLine: Substring) {
            let line = rawLine.trimmingWhiteSpace()
            let followsTabRow = afterTabRow
            afterTabRow = false
            if line.isEmpty {
                flushParagraph()
                return
            }
            let (pipes, hasTab) = line.withBytes { bytes in
                var pipes = 0, hasTab = false, index = 0
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == 0x7C { pipes += 1 } else if byte == 0x09 { hasTab = true } else if byte >= 0xE2 {
                        let (value, _) = UTF8Scanning.scalar(bytes, at: index)
                        if value == 0xFF5C || value == 0x2502 { pipes += 1 }
                    }
                    index += 1
                }
                return (pipes, hasTab)
            }
            // Inside a tab-separated table, a row whose only text is its first or last cell
            // (`行政许可<TAB><TAB>`) keeps its empty cells; elsewhere edge tabs are indentation,
            // and a heading stays a heading.
            let edgeTabsInTable = pipes == 0 && !hasTab && followsTabRow && paragraph.isEmpty
                && rawLine.unicodeScalars.contains("\t") && HeadingRecognizer.section(ofLine: TextCell(line)) == nil
            if pipes == 0, !hasTab, !edgeTabsInTable {
                // Headings are short lines: prose is not worth a cell of its own here.
                if line.utf8.count <= HeadingRecognizer.longestLineBytes, case let cell = TextCell(line),
                   let section = HeadingRecognizer.section(ofLine: cell) {
                    flushParagraph()
                    blocks.append(.heading(section, cell))
                } else {
                    paragraph.append(line)
                }
                return
            }
            if pipes == 0 {
                flushParagraph()
                // Split before trimming tabs: leading and trailing tabs delimit empty cells
                // (a blank first or last value), they are not white space around the row.
                let cells = rawLine.trimmingWhiteSpace(keepingTabs: true).splitScalars(where: { $0 == "\t" })
                blocks.append(.row(cells.map { TextCell($0) }))
                afterTabRow = true
                return
            }
            var cells = line.splitScalars(where: isPipe)
            let leadingPipe = line.unicodeScalars.first.map(isPipe) ?? false
            let trailingPipe = line.unicodeScalars.last.map(isPipe) ?? false
            if !leadingPipe, trailingPipe, pipes == 1 {
                // `cell |`: a lone cell, possibly continuing lines written before it.
                paragraph.append(cells[0])
                closeParagraphAsCell()
                return
            }
            if line.unicodeScalars.allSatisfy(isPipe) {
                // A line that is only `|`: closes the cell above it, or is an empty cell.
                if paragraph.isEmpty { blocks.append(.cell(TextCell(""))) } else { closeParagraphAsCell() }
                return
            }
            flushParagraph()
            if leadingPipe { cells.removeFirst() }
            if trailingPipe { cells.removeLast() }
            let row = cells.map { TextCell($0) }
            if row.allSatisfy(isMarkdownRule) { return }
            blocks.append(.row(row))
        }

        mutating func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            blocks.append(.paragraph(TextCell(joined())))
            paragraph.removeAll(keepingCapacity: true)
        }

        private mutating func closeParagraphAsCell() {
            blocks.append(.cell(TextCell(joined())))
            paragraph.removeAll(keepingCapacity: true)
        }

        /// Joins a paragraph's lines: CJK text runs on without a space, Latin words get one.
        private func joined() -> String {
            guard paragraph.count > 1 else { return String(paragraph.first ?? "") }
            var result = String(paragraph[0])
            for line in paragraph.dropFirst() {
                if let last = result.unicodeScalars.last, let first = line.unicodeScalars.first,
                   last.isASCII, first.isASCII, last.properties.isAlphabetic || last.properties.numericType != nil,
                   first.properties.isAlphabetic || first.properties.numericType != nil {
                    result.append(" ")
                }
                result.append(contentsOf: line)
            }
            return result
        }
    }

    private static func isPipe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "|" || scalar == "｜" || scalar == "│"
    }

    /// `---`, `:--:` and the like: the rule under a Markdown table header.
    private static func isMarkdownRule(_ cell: TextCell) -> Bool {
        !cell.key.isEmpty && cell.key.utf8.allSatisfy { $0 == 0x2D || $0 == 0x3A }
    }
}

extension String {
    /// Splits on LF, CRLF and lone CR, scanning bytes (line breaks are ASCII).
    func splitLines() -> [Substring] {
        let whole = self[...]
        let cuts: [Range<Int>] = whole.withBytes { bytes in
            var cuts: [Range<Int>] = []
            var start = 0, index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0A || byte == 0x0D {
                    cuts.append(start..<index)
                    index += byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                    start = index
                } else {
                    index += 1
                }
            }
            cuts.append(start..<bytes.count)
            return cuts
        }
        return cuts.map(whole.byteSlice)
    }
}

