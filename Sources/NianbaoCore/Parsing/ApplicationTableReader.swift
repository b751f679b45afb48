/// Finds table 三 (25 rows x 7 columns) in the token stream by its row labels.
struct ApplicationTableReader {
    private(set) var table = ApplicationTable()
    /// The 2019 layout's single （六）其他处理 row, with values and no sub-items.
    private(set) var hasFormerOtherHandlingRow = false

    /// The cells of the rows found, row after row: one array for the table, not one per row.
    private var cells: [Cell] = []
    /// The row being read: its key and label; its cells are `cells[currentStart...]`.
    private var currentRow: ApplicationRow?
    private var currentLabel = PrintedText("")
    private var currentStart = 0
    /// Rows as found, aligned once the whole table is known (see `alignRows`).
    private var collected: [(row: ApplicationRow, label: PrintedText, cells: Range<Int>)] = []
    /// Layout rows ending in a value vs. ending in a blank: how the table pads its rows.
    private var rowsEndingInValue = 0, rowsEndingInBlank = 0
    private var started = false
    private var afterOtherHandlingGroup = false
    /// The table's words (`ApplicationVocabulary`), held for the length of a read.
    private let tables = ApplicationVocabulary.standard

    private let source: SourceText

    static func read(_ tokens: [TableToken], source: SourceText) -> (table: ApplicationTable?, formerOtherHandlingRow: Bool) {
        var reader = ApplicationTableReader(source: source)
        reader.cells.reserveCapacity(256)
        reader.collected.reserveCapacity(ApplicationRow.allCases.count)
        for token in tokens { reader.consume(token) }
        reader.finishRow()
        reader.alignRows()
        let found = reader.table.rows.count >= 3
        return (found ? reader.table : nil, reader.hasFormerOtherHandlingRow)
    }

    @inline(__always)
    private mutating func consume(_ token: TableToken) {
        guard case .cell(let cell) = token else {
            if token.isRowEnd, currentRow != nil, cells.count > currentStart, let last = cells.last {
                if last.isEmpty { rowsEndingInBlank += 1 } else { rowsEndingInValue += 1 }
            }
            finishRow()
            return
        }
        if CellShape.isLabelLike(cell) {
            if let row = rowKey(of: cell) {
                finishRow()
                started = true
                afterOtherHandlingGroup = false
                if table.rows[row] == nil {
                    currentRow = row
                    currentLabel = source.printed(cell)
                    currentStart = cells.count
                }
                return
            }
            if isGroupOrHeader(cell) {
                finishRow()
                afterOtherHandlingGroup = cell.key.hasSuffix("其他处理")
                return
            }
        }
        guard currentRow != nil else {
            if afterOtherHandlingGroup, !cell.isEmpty, CellShape.isValueLike(cell) {
                hasFormerOtherHandlingRow = true
                afterOtherHandlingGroup = false
            }
            return
        }
        if CellShape.isValueLike(cell)
            || (cell.length <= CellShape.longestTextValue && cells[currentStart...].drop(while: \.isEmpty).count < tables.kinds.count) {
            cells.append(cell)
        } else {
            finishRow()  // prose or an unknown label: the row is over
        }
    }

    private mutating func finishRow() {
        guard let row = currentRow else { return }
        currentRow = nil
        if collected.contains(where: { $0.row == row }) {
            cells.removeLast(cells.count - currentStart)
        } else {
            collected.append((row, currentLabel, currentStart..<cells.count))
        }
    }

    /// Flattened tables (the seed) keep values next to their labels and pad the end of short
    /// rows; rectangular tables (Markdown, Word grids) keep the gap of a merged label column
    /// in place and end every row with its 总计. Most rows of a table show which: a table whose
    /// rows end in values drops blanks from the front of a row first, else from the end.
    private mutating func alignRows() {
        let padding: RowAligner.Padding = rowsEndingInValue > rowsEndingInBlank ? .leading : .trailing
        for (row, label, range) in collected {
            let merged = source.mergedNumbers(in: cells[range])
            if merged.isEmpty {
                table.rows[row] = RowAligner.align(label: label, cells: cells[range], kinds: tables.kinds, padding: padding)
            } else {
                table.rows.setSharing(merged, key: row, label: label, cells: cells[range].map(\.printed))
            }
        }
    }

    @inline(__always)
    private func rowKey(of cell: Cell) -> ApplicationRow? {
        for (phrase, row) in tables.phrases where cell.contains(phrase) {
            return row
        }
        let key = cell.key
        guard started else { return nil }  // 其他 and 总计 are column headers before the rows
        var label = key
        for prefix in tables.otherHandlingPrefixes where label.hasPrefix(prefix) {
            label = label.dropping(prefix.bytes.count)
            break
        }
        if tables.otherOtherLabels.contains(where: { label.same($0) }) { return .otherOther }
        if tables.totalLabels.contains(where: { cell.equals($0) }) { return .totalProcessed }
        return nil
    }

    /// Merged group labels and header cells: they separate rows but carry no numbers.
    @inline(__always)
    private func isGroupOrHeader(_ cell: Cell) -> Bool {
        tables.groupAndHeaderPhrases.contains(where: { cell.contains($0) }) || tables.columnLabels.contains(where: { cell.equals($0) })
    }
}
