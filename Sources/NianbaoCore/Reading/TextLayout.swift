/// Reads the flattened shapes a table takes in a plain-text report into a document:
///
/// - `| a | b |` rows with uneven padding and merged-cell blanks, Markdown tables (`|---|`
///   rules skipped), tab-separated rows, and `a | b` rows without outer pipes;
/// - one cell per line ending in ` |` (a line that is only `|` is an empty cell, or closes the
///   cell written on the lines before it);
/// - one cell per paragraph, blank-line separated, with no delimiter at all.
///
/// Lines of a paragraph are joined (`LineJoining`, the rule of every format), so a label broken
/// across lines inside a cell is whole again.
/// Works on the UTF-8 bytes throughout: a cell is cut out of the text once, as a range.
public enum TextLayout {
    public static func document(of text: String) -> DocumentText {
        document(ofValidUTF8: Array(text.utf8))
    }

    /// The same from bytes already known to be valid UTF-8 (see `UTF8Survey`), and their lines
    /// when the survey has found them.
    static func document(ofValidUTF8 bytes: [UInt8], lines: [Range<Int>]? = nil, reshaping: Bool = true) -> DocumentText {
        var builder = Builder(document: DocumentText(bytes: bytes))
        let lines = lines ?? builder.lines()
        // A report run together on a few long lines is given its shape back first.
        if reshaping, let reshaped = FlattenedText.reshaped(bytes, lines: lines) {
            var document = document(ofValidUTF8: reshaped.text, reshaping: false)
            document.runTogetherRows = reshaped.notes
            return document
        }
        // Room for the widest table row and a few paragraph lines: no growing line by line.
        builder.cuts.reserveCapacity(32)
        builder.paragraph.reserveCapacity(8)
        for line in lines { builder.add(line) }
        builder.flushParagraph()
        return builder.document
    }

    private struct Builder {
        var document: DocumentText
        /// The lines of the paragraph being collected, trimmed; a line's cell when one was made.
        var paragraph: [(range: Range<Int>, cell: CellRecord?)] = []
        /// The line before was a tab-separated row.
        var afterTabRow = false
        /// Reused for cutting rows into cells and joining paragraphs.
        var cuts: [Range<Int>] = []
        var joined: [UInt8] = []

        /// Line ranges, split on LF, CRLF and lone CR.
        func lines() -> [Range<Int>] {
            document.withBytes { bytes in
                var lines: [Range<Int>] = []
                lines.reserveCapacity(bytes.count / 32)
                let breaks = CharacterClass.lineBreakLeads
                var start = 0, index = 0
                while case let found = bytes.firstIndex(of: breaks, from: index, to: bytes.count), found < bytes.count {
                    lines.append(start..<found)
                    // CRLF is one break.
                    let crlf = bytes[found] == UInt8(ascii: "\r") && found + 1 < bytes.count && bytes[found + 1] == UInt8(ascii: "\n")
                    index = found + (crlf ? 2 : 1)
                    start = index
                }
                lines.append(start..<bytes.count)
                return lines
            }
        }

        mutating func add(_ rawLine: Range<Int>) {
            // Taken out of `self` while the closure fills it: no overlapping access to `self`.
            var lineCuts = cuts
            cuts = []
            lineCuts.removeAll(keepingCapacity: true)
            let line = document.withBytes { LineShape($0, rawLine, cuttingInto: &lineCuts) }
            cuts = lineCuts
            let followsTabRow = afterTabRow
            afterTabRow = false
            if line.trimmed.isEmpty {
                flushParagraph()
                return
            }
            if line.pipes == 0, !line.hasTab {
                // Inside a tab-separated table, a row whose only text is its first or last cell
                // (`行政许可<TAB><TAB>`) keeps its empty cells; elsewhere edge tabs are indentation,
                // and a heading stays a heading. Headings are short lines: prose is not worth a
                // cell of its own here.
                let mayBeHeading = line.trimmed.count <= HeadingRecognizer.longestLineBytes
                let mayBeTabRow = followsTabRow && paragraph.isEmpty && line.rawHasTab
                var cell: CellRecord?, section: Section?
                if mayBeHeading || mayBeTabRow {
                    let record = document.makeCell(line.trimmed)
                    cell = record
                    section = document.withBytes { HeadingRecognizer.section(ofLine: Cell(record, in: $0)) }
                }
                if !(mayBeTabRow && section == nil) {
                    if mayBeHeading, let section, let cell {
                        flushParagraph()
                        document.blocks.append(.heading(section, cell: document.append(cell)))
                    } else {
                        paragraph.append((line.trimmed, cell))
                    }
                    return
                }
            }
            if line.pipes == 0 {
                flushParagraph()
                // Split before trimming tabs: leading and trailing tabs delimit empty cells
                // (a blank first or last value), they are not white space around the row.
                let row = document.withBytes { UTF8Scanning.trimmedRange($0.view(rawLine), keepingTabs: true) }
                cutAtTabs((rawLine.lowerBound + row.lowerBound)..<(rawLine.lowerBound + row.upperBound))
                let start = Int32(document.cells.count)
                document.appendCells(cuts[...])
                document.blocks.append(.row(start..<Int32(document.cells.count)))
                afterTabRow = true
                return
            }
            if !line.leadingPipe, line.trailingPipe, line.pipes == 1 {
                // `cell |`: a lone cell, possibly continuing lines written before it.
                paragraph.append((cuts[0], nil))
                closeParagraph(asCell: true)
                return
            }
            if line.onlyPipes {
                // A line that is only `|`: closes the cell above it, or is an empty cell.
                if paragraph.isEmpty {
                    document.blocks.append(.cell(document.append(document.makeCell(rawLine.lowerBound..<rawLine.lowerBound))))
                } else {
                    closeParagraph(asCell: true)
                }
                return
            }
            flushParagraph()
            let pieces = cuts[(line.leadingPipe ? 1 : 0)..<(cuts.count - (line.trailingPipe ? 1 : 0))]
            let start = document.cells.count
            document.appendCells(pieces)
            if document.cells[start...].allSatisfy(isMarkdownRule) {
                document.cells.removeSubrange(start...)
                return
            }
            document.blocks.append(.row(Int32(start)..<Int32(document.cells.count)))
        }

        mutating func flushParagraph() { closeParagraph(asCell: false) }

        private mutating func closeParagraph(asCell: Bool) {
            guard !paragraph.isEmpty else { return }
            let cell: CellRecord
            if paragraph.count == 1 {
                cell = paragraph[0].cell ?? document.makeCell(paragraph[0].range)
            } else {
                cell = document.makeCell(copying: joinedParagraph())
            }
            let index = document.append(cell)
            document.blocks.append(asCell ? .cell(index) : .paragraph(cell: index))
            paragraph.removeAll(keepingCapacity: true)
        }

        /// Joins a paragraph's lines (`LineJoining`).
        private mutating func joinedParagraph() -> [UInt8] {
            joined.removeAll(keepingCapacity: true)
            for (line, _) in paragraph { LineJoining.append(document.bytes[line], to: &joined) }
            return joined
        }

        /// Cuts `range` at every tab into `cuts`, keeping empty pieces; each piece trimmed.
        private mutating func cutAtTabs(_ range: Range<Int>) {
            var cuts = self.cuts
            self.cuts = []
            cuts.removeAll(keepingCapacity: true)
            document.withBytes { bytes in
                var start = range.lowerBound
                for index in range where CharacterClass.isTab(UInt32(bytes[index])) {
                    cuts.append(LineShape.trimmed(bytes, start..<index))
                    start = index + 1
                }
                cuts.append(LineShape.trimmed(bytes, start..<range.upperBound))
            }
            self.cuts = cuts
        }

        /// `---`, `:--:` and the like: the rule under a Markdown table header.
        private func isMarkdownRule(_ cell: CellRecord) -> Bool {
            !cell.key.isEmpty && document.bytes[cell.key].allSatisfy { $0 == 0x2D || $0 == 0x3A }
        }
    }
}

/// What one line of text holds, from one pass over its bytes; the line is cut at its pipes on
/// the way, since a line with pipes is nearly always a table row.
private struct LineShape {
    /// The line without white space at either end.
    var trimmed: Range<Int>
    /// Cell separators: `|`, full-width `｜` and box-drawing `│`.
    var pipes = 0
    var hasTab = false
    /// A tab anywhere, including the ends trimmed away.
    var rawHasTab = false
    var leadingPipe = false
    var trailingPipe = false
    var onlyPipes = false


    /// `cuts`: when the line has pipes, the trimmed pieces between them (empty ones kept),
    /// appended in order; untouched otherwise.
    init(_ bytes: ByteView, _ line: Range<Int>, cuttingInto cuts: inout [Range<Int>]) {
        let trimmed = UTF8Scanning.trimmedRange(bytes.view(line))
        self.trimmed = (line.lowerBound + trimmed.lowerBound)..<(line.lowerBound + trimmed.upperBound)
        let first = self.trimmed.lowerBound, end = self.trimmed.upperBound
        for index in line.lowerBound..<first where CharacterClass.isTab(UInt32(bytes[index])) { rawHasTab = true }
        for index in end..<line.upperBound where CharacterClass.isTab(UInt32(bytes[index])) { rawHasTab = true }
        // Only the bytes a separator starts with matter: straight from one to the next.
        let separatorLeads = CharacterClass.separatorLeads
        var pipeBytes = 0
        var start = first, index = first
        while case let found = bytes.firstIndex(of: separatorLeads, from: index, to: end), found < end {
            index = found
            let (value, length) = bytes.scalar(at: index)
            var width = 0
            if CharacterClass.isPipe(value) {
                width = length
            } else if CharacterClass.isTab(value) {
                hasTab = true
            }
            guard width > 0 else {
                index += 1
                continue
            }
            if index == first { leadingPipe = true }
            cuts.append(Self.trimmed(bytes, start..<index))
            pipes += 1
            pipeBytes += width
            index += width
            start = index
        }
        if hasTab { rawHasTab = true }
        guard pipes > 0 else { return }
        cuts.append(Self.trimmed(bytes, start..<end))
        trailingPipe = start == end  // the last separator ends the line
        onlyPipes = pipeBytes == self.trimmed.count
    }

    private static let space = UInt8(ascii: " ")

    /// A piece of a row without white space at either end.
    @inline(__always)
    static func trimmed(_ bytes: ByteView, _ piece: Range<Int>) -> Range<Int> {
        // The usual padding, one ASCII space on each side of `| 0 |`, goes first; the rest
        // of the trimming (other white space) is then mostly settled at once.
        var lower = piece.lowerBound, upper = piece.upperBound
        while lower < upper, bytes[lower] == Self.space { lower += 1 }
        while upper > lower, bytes[upper - 1] == Self.space { upper -= 1 }
        // Ends that start no white space (a digit, an ideograph) need nothing more.
        if upper == lower || (upper - lower == 1 && UTF8Scanning.leadsNoSpace(bytes[lower])) {
            return lower..<upper
        }
        let trimmed = UTF8Scanning.trimmedRange(bytes.view(lower..<upper))
        return (lower + trimmed.lowerBound)..<(lower + trimmed.upperBound)
    }
}
