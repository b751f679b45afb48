import NianbaoCore

/// Collects what a Word or HTML reader meets, in document order (paragraph text, line breaks,
/// tables, rows, cells with their spans), and writes it into the `DocumentText` the core reads.
///
/// Paragraphs outside tables go through the core's `TextLayout`, exactly as the lines of a text
/// report do: headings are recognised the same way, and a report pasted as `|` rows into a
/// paragraph or a `<pre>` is still read. Tables become rows on a proper grid: a horizontally
/// merged cell (gridSpan, colspan) is its text followed by empty cells, a vertically merged one
/// (vMerge continue, rowspan) is an empty cell in every row it covers after the first; but a
/// merged 0 is 0 in each row it covers, and a merged number other than 0 is copied into each
/// and the copies marked as one merged cell (`DocumentText.markMerged`): the core then says
/// the number cannot be split between those rows.
///
/// All paragraph text goes into one byte buffer (`text`) as the readers scan it; a paragraph is
/// a range of it. No String is made per paragraph or per cell.
struct BlockAssembler {
    enum Item {
        /// A range of `text`.
        case paragraph(Range<Int>)
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
    /// Every paragraph's UTF-8, one after the other.
    private var text: [UInt8] = []
    /// Where the open paragraph begins in `text`, when one is open.
    private var paragraphStart: Int?

    init() {
        text.reserveCapacity(16_384)
    }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        if paragraphStart == nil { paragraphStart = text.count }
        text.append(contentsOf: bytes)
    }

    @inline(__always)
    mutating func text(byte: UInt8) {
        if paragraphStart == nil { paragraphStart = text.count }
        text.append(byte)
    }

    mutating func lineBreak() { text(byte: 0x0A) }

    mutating func paragraphBreak() {
        guard let start = paragraphStart else { return }
        paragraphStart = nil
        // Nothing but white space (ASCII, NBSP, U+3000…) makes no paragraph.
        guard !DocumentText.isBlank(text[start...]) else {
            text.removeSubrange(start...)
            return
        }
        append(.paragraph(start..<text.count))
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

    /// Closes whatever is still open (a truncated or sloppy document) and returns the document.
    mutating func finish() -> DocumentText {
        paragraphBreak()
        while !cells.isEmpty || !tables.isEmpty {
            if cells.count >= tables.count, !cells.isEmpty { endCell() } else { endTable() }
        }
        var writer = Writer(text: text)
        writer.write(top)
        return writer.document
    }
}

/// Turns the assembled items into the document: runs of paragraphs through `TextLayout`, tables
/// row by row onto their grid.
private struct Writer {
    let text: [UInt8]
    var document = DocumentText()
    /// Reused: the paragraphs of a run joined, and the texts of one grid row.
    var joined: [UInt8] = []
    var row: [UInt8] = []
    var rowCells: [Range<Int>] = []
    /// Per grid cell of the row: it only stands for a merge (the rest of a colspan, a position
    /// covered from above).
    var rowPadding: [Bool] = []
    /// The table's cells merged down several rows that hold a number other than 0: the text,
    /// and the cells written for it so far (its own first).
    var mergedNumbers: [(text: [UInt8], cells: [Int32])] = []
    /// Cells of the row being built that belong to one of `mergedNumbers`: where in the row.
    var rowMergedSlots: [(position: Int, merged: Int)] = []
    /// Cells of the row being built that hold a number other than 0, by grid column: each may
    /// be merged down by Word's vMerge in the rows below.
    var rowNumberCells: [(column: Int, position: Int)] = []

    init(text: [UInt8]) {
        self.text = text
    }

    mutating func write(_ items: [BlockAssembler.Item]) {
        var pending = false
        for item in items {
            switch item {
            case .paragraph(let range):
                // A blank line between paragraphs: each stays its own paragraph, as in text.
                joined.append(contentsOf: text[range])
                joined.append(0x0A)
                joined.append(0x0A)
                pending = true
            case .table(let table):
                if pending { flushParagraphs() }
                pending = false
                write(table)
            }
        }
        if pending { flushParagraphs() }
    }

    private mutating func flushParagraphs() {
        document.append(TextLayout.document(of: String(decoding: joined, as: UTF8.self)))
        joined.removeAll(keepingCapacity: true)
    }

    private mutating func write(_ table: BlockAssembler.Table) {
        // One column all the way down: a box or a layout table, not a report table.
        let singleColumn = table.rows.allSatisfy { $0.count <= 1 && ($0.first?.columnSpan ?? 1) == 1 }
        // Rows still covered by a rowspan from above, per grid column, and whether the merged
        // cell is a 0: a 0 merged down several rows is 0 in each of them.
        var covered: [Int] = []
        var coveredZero: [Bool] = []
        /// Grid columns where a column header spanning several starts, and its span.
        var headerSpans: [Int] = []
        /// Grid columns whose last cell that was not a continuation holds a 0 (Word's vMerge).
        var zeroAbove: [Bool] = []
        /// Per grid column: the merged number a rowspan from above covers it with.
        var coveredNumber: [Int?] = []
        /// Per grid column, Word's vMerge: the last cell that was not a continuation when it holds
        /// a number other than 0 (its text and cell), and the merged number it became once a
        /// continuation met it.
        var numberAbove: [(text: Range<Int>, cell: Int32, merged: Int?)?] = []
        /// The texts of `numberAbove`, one after the other: no array per figure.
        var numbersAboveText: [UInt8] = []
        // A layout row writes the tables inside it first (`write(cell.items)`): theirs are
        // their own.
        let outerMergedNumbers = mergedNumbers
        mergedNumbers = []
        defer {
            for merged in mergedNumbers { document.markMerged(merged.cells) }
            mergedNumbers = outerMergedNumbers
        }
        for cells in table.rows {
            if singleColumn || cells.contains(where: Self.isLayoutCell) {
                for cell in cells where !cell.continuesAbove { write(cell.items) }
                for index in covered.indices where covered[index] > 0 { covered[index] -= 1 }
                continue
            }
            row.removeAll(keepingCapacity: true)
            rowCells.removeAll(keepingCapacity: true)
            rowPadding.removeAll(keepingCapacity: true)
            rowMergedSlots.removeAll(keepingCapacity: true)
            rowNumberCells.removeAll(keepingCapacity: true)
            var column = 0
            for cell in cells {
                while column < covered.count, covered[column] > 0 {
                    covered[column] -= 1
                    addCovered(zero: coveredZero[column], merged: coveredNumber[column])
                    column += 1
                }
                /// Where the cell's own text is in the row (its colspan's padding follows).
                var cellPosition = -1
                if cell.continuesAbove {
                    // Word's vertical merge: a 0 merged down is 0 in each row it covers; a
                    // number other than 0 is the same merged number in each.
                    if column < zeroAbove.count, zeroAbove[column] {
                        addZero()
                    } else if column < numberAbove.count, let above = numberAbove[column] {
                        let merged = above.merged ?? mergedNumbers.count
                        if above.merged == nil {
                            mergedNumbers.append((Array(numbersAboveText[above.text]), [above.cell]))
                            numberAbove[column]!.merged = merged
                        }
                        addCopy(of: merged)
                    } else {
                        addCell(padding: true)
                    }
                } else {
                    addCell(cell)
                    cellPosition = rowCells.count - 1
                    if column < numberAbove.count { numberAbove[column] = nil }
                    if DocumentText.readsAsNonZeroNumber(row[rowCells[cellPosition]]) { rowNumberCells.append((column, cellPosition)) }
                    let zero = isZero(rowCells[rowCells.count - 1])
                    if column < zeroAbove.count {
                        zeroAbove[column] = zero
                    } else if zero {
                        zeroAbove += Array(repeating: false, count: column + 1 - zeroAbove.count)
                        zeroAbove[column] = true
                    }
                }
                // A column header (自然人, 总计, 结果维持…) spanning grid columns makes them one
                // column: a cell below spanning exactly those is one value, not a value and a
                // phantom blank. Any other merge keeps its padding.
                if cell.columnSpan > 1 {
                    if !cell.continuesAbove, Self.isColumnHeader(row[rowCells[rowCells.count - 1]]) {
                        if headerSpans.count <= column { headerSpans += Array(repeating: 0, count: column + 1 - headerSpans.count) }
                        headerSpans[column] = cell.columnSpan
                    } else if column >= headerSpans.count || headerSpans[column] != cell.columnSpan {
                        for _ in 1..<cell.columnSpan { addCell(padding: true) }
                    }
                }
                if cell.rowSpan > 1 {
                    if covered.count < column + cell.columnSpan {
                        covered += Array(repeating: 0, count: column + cell.columnSpan - covered.count)
                        coveredZero += Array(repeating: false, count: column + cell.columnSpan - coveredZero.count)
                        coveredNumber += Array(repeating: nil, count: column + cell.columnSpan - coveredNumber.count)
                    }
                    let zero = !cell.continuesAbove && isZero(rowCells[rowCells.count - 1])
                    var merged: Int?
                    if let number = rowNumberCells.last, number.column == column, number.position == cellPosition {
                        merged = mergedNumbers.count
                        mergedNumbers.append((Array(row[rowCells[number.position]]), []))
                        rowMergedSlots.append((number.position, merged!))
                    }
                    for index in column..<(column + cell.columnSpan) {
                        covered[index] = cell.rowSpan - 1
                        coveredZero[index] = zero && index == column
                        coveredNumber[index] = index == column ? merged : nil
                    }
                }
                column += cell.columnSpan
            }
            // Columns past the last cell still covered from above.
            while column < covered.count {
                if covered[column] > 0 {
                    covered[column] -= 1
                    addCovered(zero: coveredZero[column], merged: coveredNumber[column])
                } else {
                    addCell(padding: true)
                }
                column += 1
            }
            guard let first = writeRow() else { continue }
            for slot in rowMergedSlots { mergedNumbers[slot.merged].cells.append(first + Int32(slot.position)) }
            for number in rowNumberCells {
                if numberAbove.count <= number.column { numberAbove += Array(repeating: nil, count: number.column + 1 - numberAbove.count) }
                let start = numbersAboveText.count
                numbersAboveText.append(contentsOf: row[rowCells[number.position]])
                numberAbove[number.column] = (start..<numbersAboveText.count, first + Int32(number.position), nil)
            }
        }
    }

    /// The value columns' headers of the three tables, white space removed.
    private static let columnHeaders: Set<[UInt8]> = Set(
        (ApplicantColumn.allCases.map(\.label) + ReviewColumn.allCases.map(\.label) + ["本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量"])
            .map { Array($0.utf8) })

    private static func isColumnHeader(_ text: ArraySlice<UInt8>) -> Bool {
        text.count <= 24 && columnHeaders.contains(text.filter { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 })
    }

    /// A cell holding exactly `0`.
    @inline(__always)
    private func isZero(_ cell: Range<Int>) -> Bool { cell.count == 1 && row[cell.lowerBound] == 0x30 }

    /// A position covered by a rowspan from above: 0 for a merged 0, the merged number's copy,
    /// or padding.
    private mutating func addCovered(zero: Bool, merged: Int?) {
        if zero {
            addZero()
        } else if let merged {
            addCopy(of: merged)
        } else {
            addCell(padding: true)
        }
    }

    /// The copy of a merged number in a row it covers, which joins it.
    private mutating func addCopy(of merged: Int) {
        rowMergedSlots.append((rowCells.count, merged))
        let start = row.count
        row.append(contentsOf: mergedNumbers[merged].text)
        rowCells.append(start..<row.count)
        rowPadding.append(false)
    }

    private mutating func addZero() {
        rowCells.append(row.count..<(row.count + 1))
        row.append(0x30)
        rowPadding.append(false)
    }

    private mutating func addCell(padding: Bool) {
        rowCells.append(row.count..<row.count)
        rowPadding.append(padding)
    }

    /// A cell's paragraphs joined as one label (`LineJoining`).
    private mutating func addCell(_ cell: BlockAssembler.Cell) {
        let start = row.count
        for case .paragraph(let range) in cell.items where !range.isEmpty {
            LineJoining.appendLines(of: text[range], to: &row, cellStart: start)
        }
        rowCells.append(start..<row.count)
        rowPadding.append(false)
    }

    /// Writes the row built; returns the index of its first cell, nil when it is all blank.
    private mutating func writeRow() -> Int32? {
        func blank(_ index: Int) -> Bool { DocumentText.isBlank(row[rowCells[index]]) }
        // Cells that only stand for a merge are dropped from the end, as a text row drops its
        // padding; a real cell left blank stays, so a blank last figure is still a blank figure.
        var count = rowCells.count
        while count > 0, rowPadding[count - 1], blank(count - 1) { count -= 1 }
        guard (0..<count).contains(where: { !blank($0) }) else { return nil }
        return document.appendRow(rowCells[..<count], of: row)
    }

    /// A cell that holds a table, or several paragraphs of text, is page layout around the
    /// report (or around one of its tables), never one cell of a report table.
    private static func isLayoutCell(_ cell: BlockAssembler.Cell) -> Bool {
        var paragraphs = 0
        for item in cell.items {
            switch item {
            case .table: return true
            case .paragraph: paragraphs += 1
            }
        }
        return paragraphs >= 4
    }
}
