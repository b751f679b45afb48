/// Shared judgement of single cells.
enum CellShape {
    /// Labels are short and never sentences; prose paragraphs fail this test.
    static func isLabelLike(_ cell: Cell) -> Bool {
        cell.length > 0 && cell.length <= 80 && !isValueLike(cell)
            && (cell.signature & fullStopBit == 0 || !isSentence(cell.key))
    }

    /// A key without this bit in its signature holds no 。: most labels, no search needed.
    private static let fullStopBit = Phrase.bit(0x3002)

    /// Holds a 。, searched from bytes on the stack rather than a static phrase.
    @inline(__always)
    static func isSentence(_ key: ByteView) -> Bool {
        let fullStop = CharacterClass.fullStopUTF8
        return key.find(fullStop.0, fullStop.1, fullStop.2, from: 0) != nil
    }

    /// Numbers, blanks and placeholders: what a value cell holds when it is well formed.
    static func isValueLike(_ cell: Cell) -> Bool {
        cell.shape != .text
    }

    /// Short text in a value position is a value cell holding text (NB301), not a new label.
    static let longestTextValue = 12
}

/// Aligns the cells collected after a row label with the row's columns, or says it cannot.
enum RowAligner {
    /// Merged cells in a flattened table leave blank cells at the end of a row (and sometimes
    /// between label and values); those are dropped while there are more cells than columns.
    /// Any other count is a row that cannot be aligned: no guessing.
    /// Which end of an over-long row loses its blank cells first.
    enum Padding { case trailing, leading }

    static func align(label: PrintedText, cells: ArraySlice<Cell>, kinds: [CellValue.Kind], padding: Padding = .trailing) -> RowReading {
        var start = cells.startIndex, end = cells.endIndex
        switch padding {
        case .trailing:
            while end - start > kinds.count, cells[end - 1].isEmpty { end -= 1 }
            while end - start > kinds.count, cells[start].isEmpty { start += 1 }
        case .leading:
            while end - start > kinds.count, cells[start].isEmpty { start += 1 }
            while end - start > kinds.count, cells[end - 1].isEmpty { end -= 1 }
        }
        guard end - start == kinds.count else {
            return .misaligned(label: label, cells: cells[start..<end].map(\.printed))
        }
        // Most rows of a real report are all zeros: those share one array, like the blanks below.
        if kinds.count < zeroCounts.count, (start..<end).allSatisfy({ isZeroCount(cells[$0].shape, kinds[$0 - start]) }) {
            return .aligned(label: label, values: zeroCounts[kinds.count], cells: blankCells[kinds.count])
        }
        // Sized once: every row of every table goes through here.
        var values: [CellValue] = []
        values.reserveCapacity(kinds.count)
        var allQuantities = true
        for (offset, kind) in kinds.enumerated() {
            let value = CellValue(cells[start + offset].shape, as: kind)
            values.append(value)
            if value.quantity == nil { allQuantities = false }
        }
        // Only a cell that is not a plain number is ever quoted (NB301–NB303). A row of plain
        // numbers, nearly every row, shares one array of blanks instead of making its own.
        guard !allQuantities else {
            return .aligned(label: label, values: values, cells: kinds.count < blankCells.count ? blankCells[kinds.count] : Array(repeating: "", count: kinds.count))
        }
        let printed = values.indices.map { values[$0].quantity == nil ? cells[start + $0].printed : "" }
        return .aligned(label: label, values: values, cells: printed)
    }

    /// Whether the cell reads as `CellValue.count(0)`: a count column holding a whole zero of at
    /// most 15 digits (`0`, `0.0`, `00`), told from the shape without making the value.
    @inline(__always)
    private static func isZeroCount(_ shape: NumberShape, _ kind: CellValue.Kind) -> Bool {
        guard kind == .count, case .number(let number) = shape else { return false }
        return number.value == 0 && number.isWhole && !number.negative && number.integerDigits <= 15
    }

    /// `blankCells[n]`: n empty strings, for every table's column count.
    private static let blankCells: [[String]] = (0...15).map { Array(repeating: "", count: $0) }
    /// `zeroCounts[n]`: n counts of 0.
    private static let zeroCounts: [[CellValue]] = (0...15).map { Array(repeating: .count(0), count: $0) }
}
