/// Finds table 四 (review and litigation, one data row of 15 cells) after its header.
struct ReviewTableReader {
    /// The table's words (`ReviewVocabulary`), held for the length of a read.
    private let tables = ReviewVocabulary.standard

    private enum Phase { case searching, header, values, done }
    private var phase = Phase.searching
    private var headerCells = 0
    /// Cells met in the header phase since the last header cell or row end that are neither
    /// headers nor numbers: empty cells (padding of a header row, or blank data cells that open
    /// the data row) and short unknown labels (a header variant, or text in the first data cell).
    private var pending: [Cell] = []
    /// The pending cells left before the data row's first value (and its blanks), kept in case
    /// the row turns out one short: then they are its first cells.
    private var unclaimed: [Cell] = []
    /// Value cells, one segment per layout row.
    private var segments: [[Cell]] = [[]]

    static func read(_ tokens: [TableToken]) -> ReviewTable? {
        var reader = ReviewTableReader()
        // Room for the data row and a header row's padding: no growing cell by cell.
        reader.segments[0].reserveCapacity(reader.tables.cellCount)
        reader.pending.reserveCapacity(reader.tables.cellCount)
        // Read in place, by index: a `for` loop with a `where` clause copies every token out
        // first, including the many after the table.
        let review = reader.tables.review
        var index = 0
        while index < tokens.count, reader.phase != .done {
            if reader.phase == .searching {
                // Nothing but a 行政复议 cell changes anything while searching: straight to it.
                while index < tokens.count {
                    if case .cell(let cell) = tokens[index], cell.equals(review) { break }
                    index += 1
                }
                guard index < tokens.count else { break }
            }
            reader.consume(tokens[index])
            index += 1
        }
        guard reader.headerCells >= 3 else { return nil }
        return ReviewTable(data: reader.dataRow())
    }

    @inline(__always)
    private mutating func consume(_ token: TableToken) {
        switch token {
        case .boundary:
            if phase == .values { phase = .done }
        case .rowEnd:
            if phase == .values, !segments.last!.isEmpty { segments.append([]) }
            pending.removeAll(keepingCapacity: true)
        case .cell(let cell):
            consume(cell)
        }
    }

    @inline(__always)
    private mutating func consume(_ cell: Cell) {
        var isHeader: Bool { tables.headerKeys.contains(where: { cell.equals($0) }) }
        switch phase {
        case .searching:
            if cell.equals(tables.review) {
                phase = .header
                headerCells = 1
                pending.removeAll(keepingCapacity: true)
            }
        case .header:
            if isHeader {
                headerCells += 1
                pending.removeAll(keepingCapacity: true)
            } else if CellShape.isValueLike(cell) {
                guard !cell.isEmpty else {
                    // Padding of a header row, or a blank first data cell: told apart when the
                    // row goes on with values (the data row) or ends (padding).
                    pending.append(cell)
                    return
                }
                if headerCells < 3 {
                    phase = .searching  // 行政复议 was a word in a sentence, not a table header
                } else {
                    phase = .values
                    let blanks = pending.reversed().prefix(while: \.isEmpty).count
                    segments[segments.count - 1].append(contentsOf: pending.suffix(blanks))
                    segments[segments.count - 1].append(cell)
                    unclaimed = Array(pending.dropLast(blanks))
                }
                pending.removeAll(keepingCapacity: true)
            } else if !CellShape.isLabelLike(cell) || cell.length > CellShape.longestTextValue {
                phase = headerCells >= 3 ? .done : .searching
            } else {
                pending.append(cell)
            }
        case .values:
            let collected = segments.reduce(0) { $0 + $1.count }
            if isHeader || !(CellShape.isValueLike(cell) || (cell.length <= CellShape.longestTextValue && collected < tables.cellCount)) {
                phase = .done
            } else {
                segments[segments.count - 1].append(cell)
            }
        case .done:
            break
        }
    }

    /// The 15 cells, trimming merged-cell padding at the end of the row (or of each layout row
    /// when the data was spread over several); any other count cannot be aligned.
    private func dataRow() -> RowReading? {
        let label = tables.dataRowLabel
        let kinds = [CellValue.Kind](repeating: .count, count: tables.cellCount)
        let all = segments.flatMap { $0 }
        guard !all.isEmpty else { return nil }
        let whole = RowAligner.align(label: label, cells: all[...], kinds: kinds)
        if whole.values == nil, unclaimed.contains(where: { !$0.isEmpty }) {
            // One short, after text that is no known header: that text opens the data row (NB301).
            let withLeading = RowAligner.align(label: label, cells: (unclaimed + all)[...], kinds: kinds)
            if withLeading.values != nil { return withLeading }
        }
        if whole.values != nil || segments.count == 1 { return whole }
        let trimmed = segments.flatMap { segment in
            segment.reversed().drop(while: \.isEmpty).reversed()
        }
        let perSegment = RowAligner.align(label: label, cells: Array(trimmed)[...], kinds: kinds)
        return perSegment.values != nil ? perSegment : whole
    }
}
