import NianbaoCore

/// Collects what a Word or HTML reader meets, in document order (paragraph text, line breaks,
/// tables, rows, cells with their spans), and turns it into the document blocks the core reads.
///
/// Paragraphs outside tables go through the core's `TextLayout`, exactly as the lines of a text
/// report do: headings are recognised the same way, and a report pasted as `|` rows into a
/// paragraph or a `<pre>` is still read. Tables become `.row` blocks on a proper grid: a
/// horizontally merged cell (gridSpan, colspan) is its text followed by empty cells, a vertically
/// merged one (vMerge continue, rowspan) is an empty cell in every row it covers after the first.
struct BlockAssembler {
    enum Item {
        case paragraph(String)
        case table(Table)
    }

    struct Cell {
        var items: [Item] = []
        var columnSpan = 1
        var rowSpan = 1
        /// A Word `vMerge` continuation: the cell above covers it; its own text is not shown.
        var continuesAbove = false
    }

    struct Table {
        var rows: [[Cell]] = []
    }

    /// The largest spans honoured; wider or taller merges are clamped (the grid stays bounded).
    static let maximumColumnSpan = 64
    static let maximumRowSpan = 1_000

    private var top: [Item] = []
    private var cells: [Cell] = []
    private var tables: [Table] = []
    /// The UTF-8 of the paragraph being written into the innermost open container, when one is
    /// open. Bytes, so that a reader appends what it scanned without making a String; one
    /// buffer, reused from paragraph to paragraph.
    private var paragraph: [UInt8] = []
    private var paragraphOpen = false

    mutating func text(_ string: String) {
        paragraphOpen = true
        paragraph.append(contentsOf: string.utf8)
    }

    mutating func text(byte: UInt8) {
        paragraphOpen = true
        paragraph.append(byte)
    }

    mutating func lineBreak() { text(byte: 0x0A) }

    mutating func paragraphBreak() {
        guard paragraphOpen else { return }
        paragraphOpen = false
        defer { paragraph.removeAll(keepingCapacity: true) }
        // Nothing but white space (ASCII, NBSP, U+3000…) makes no paragraph.
        guard Self.hasContent(paragraph) else { return }
        append(.paragraph(String(decoding: paragraph, as: UTF8.self)))
    }

    private static func hasContent(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) { index += 1; continue }
            if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 || bytes[index + 1] == 0x85 { index += 2; continue }
            if byte == 0xE3, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x80 { index += 3; continue }
            if byte == 0xE1, index + 2 < bytes.count, bytes[index + 1] == 0x9A, bytes[index + 2] == 0x80 { index += 3; continue }
            if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80 || bytes[index + 1] == 0x81 {
                // U+2000–U+200A, U+2028/9, U+202F, U+205F: the other Unicode spaces.
                let third = bytes[index + 2]
                if bytes[index + 1] == 0x80, third <= 0x8A || third == 0xA8 || third == 0xA9 || third == 0xAF { index += 3; continue }
                if bytes[index + 1] == 0x81, third == 0x9F { index += 3; continue }
            }
            return true
        }
        return false
    }

    private mutating func append(_ item: Item) {
        if cells.isEmpty { top.append(item) } else { cells[cells.count - 1].items.append(item) }
    }

    mutating func startTable() {
        paragraphBreak()
        tables.append(Table())
    }

    mutating func endTable() {
        guard let table = tables.popLast() else { return }
        paragraphBreak()
        append(.table(table))
    }

    mutating func startRow() {
        guard !tables.isEmpty else { return }
        paragraphBreak()
        tables[tables.count - 1].rows.append([])
    }

    mutating func startCell() {
        guard !tables.isEmpty else { return paragraphBreak() }
        paragraphBreak()
        if tables[tables.count - 1].rows.isEmpty { tables[tables.count - 1].rows.append([]) }
        cells.append(Cell())
    }

    /// The open cell's spans (Word's `tcPr` comes inside the cell, HTML's attributes on entry).
    mutating func setSpans(columns: Int? = nil, rows: Int? = nil, continuesAbove: Bool? = nil) {
        guard !cells.isEmpty else { return }
        if let columns { cells[cells.count - 1].columnSpan = min(max(columns, 1), Self.maximumColumnSpan) }
        if let rows { cells[cells.count - 1].rowSpan = min(max(rows, 1), Self.maximumRowSpan) }
        if let continuesAbove { cells[cells.count - 1].continuesAbove = continuesAbove }
    }

    /// Empty grid columns before the first cell of a row (Word's `gridBefore`).
    mutating func skipColumns(_ count: Int) {
        guard !tables.isEmpty, !tables[tables.count - 1].rows.isEmpty else { return }
        let cell = Cell(items: [], columnSpan: min(max(count, 1), Self.maximumColumnSpan))
        let row = tables[tables.count - 1].rows.count - 1
        tables[tables.count - 1].rows[row].append(cell)
    }

    mutating func endCell() {
        guard cells.count > 0 else { return paragraphBreak() }
        paragraphBreak()
        let cell = cells.removeLast()
        // Tags out of order can close a cell's table first (found by fuzzing: `finish()` looped
        // forever on such a page): the cell's content then stays, outside any table.
        guard !tables.isEmpty else {
            for item in cell.items { append(item) }
            return
        }
        if tables[tables.count - 1].rows.isEmpty { tables[tables.count - 1].rows.append([]) }
        let row = tables[tables.count - 1].rows.count - 1
        tables[tables.count - 1].rows[row].append(cell)
    }

    /// Closes whatever is still open (a truncated or sloppy document) and returns the blocks.
    mutating func finish() -> [DocumentBlock] {
        paragraphBreak()
        while !cells.isEmpty || !tables.isEmpty {
            if cells.count >= tables.count, !cells.isEmpty { endCell() } else { endTable() }
        }
        var blocks: [DocumentBlock] = []
        Self.flatten(top, into: &blocks)
        return blocks
    }

    // MARK: - Flattening

    private static func flatten(_ items: [Item], into blocks: inout [DocumentBlock]) {
        var text = ""
        func flushText() {
            guard !text.isEmpty else { return }
            blocks += TextLayout.blocks(of: text)
            text = ""
        }
        for item in items {
            switch item {
            case .paragraph(let paragraph):
                // A blank line between paragraphs: each stays its own paragraph, as in text.
                text += paragraph
                text += "\n\n"
            case .table(let table):
                flushText()
                flatten(table, into: &blocks)
            }
        }
        flushText()
    }

    private static func flatten(_ table: Table, into blocks: inout [DocumentBlock]) {
        // One column all the way down: a box or a layout table, not a report table.
        let singleColumn = table.rows.allSatisfy { $0.count <= 1 && ($0.first?.columnSpan ?? 1) == 1 }
        // Rows still covered by a rowspan from above, per grid column.
        var covered: [Int] = []
        for row in table.rows {
            if singleColumn || row.contains(where: isLayoutCell) {
                for cell in row where !cell.continuesAbove { flatten(cell.items, into: &blocks) }
                covered = covered.map { max($0 - 1, 0) }
                continue
            }
            var grid: [TextCell] = []
            // Cells that only stand for a merge (the rest of a colspan, a position covered from
            // above): trailing ones are dropped, as a text row drops its padding. A real cell
            // left blank stays, so a blank last figure is still a blank figure.
            var padding: [Bool] = []
            var column = 0
            func skipCovered() {
                while column < covered.count, covered[column] > 0 {
                    covered[column] -= 1
                    grid.append(TextCell(""))
                    padding.append(true)
                    column += 1
                }
            }
            for cell in row {
                skipCovered()
                grid.append(cell.continuesAbove ? TextCell("") : TextCell(text(of: cell)))
                padding.append(cell.continuesAbove)
                for _ in 1..<max(cell.columnSpan, 1) {
                    grid.append(TextCell(""))
                    padding.append(true)
                }
                if cell.rowSpan > 1 {
                    if covered.count < column + cell.columnSpan {
                        covered += Array(repeating: 0, count: column + cell.columnSpan - covered.count)
                    }
                    for index in column..<(column + cell.columnSpan) { covered[index] = cell.rowSpan - 1 }
                }
                column += cell.columnSpan
            }
            // Columns past the last cell still covered from above.
            while column < covered.count {
                if covered[column] > 0 { covered[column] -= 1 }
                grid.append(TextCell(""))
                padding.append(true)
                column += 1
            }
            while let last = grid.last, last.isEmpty, padding.last == true {
                grid.removeLast()
                padding.removeLast()
            }
            guard grid.contains(where: { !$0.isEmpty }) else { continue }
            blocks.append(.row(grid))
        }
    }

    /// A cell that holds a table, or several paragraphs of text, is page layout around the
    /// report (or around one of its tables), never one cell of a report table.
    private static func isLayoutCell(_ cell: Cell) -> Bool {
        var paragraphs = 0
        for item in cell.items {
            switch item {
            case .table: return true
            case .paragraph: paragraphs += 1
            }
        }
        return paragraphs >= 4
    }

    /// A cell's paragraphs joined as one label: CJK runs on, Latin words and numbers get a space.
    private static func text(of cell: Cell) -> String {
        var result = ""
        for item in cell.items {
            guard case .paragraph(let paragraph) = item else { continue }
            if let last = result.unicodeScalars.last, let first = paragraph.unicodeScalars.first,
               last.isASCII, first.isASCII, !last.properties.isWhitespace, !first.properties.isWhitespace {
                result.append(" ")
            }
            result += paragraph
        }
        return result
    }
}
