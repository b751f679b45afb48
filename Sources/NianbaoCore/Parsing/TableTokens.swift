/// The document seen as a stream of table cells: rows end where the layout shows it, headings
/// are boundaries. Prose paragraphs are cells too, because a table written one cell per
/// paragraph looks exactly like that; the readers tell labels, values and prose apart.
enum TableToken: Equatable {
    case cell(TextCell)
    case rowEnd
    case boundary

    static func stream(of blocks: [DocumentBlock]) -> [TableToken] {
        var tokens: [TableToken] = []
        tokens.reserveCapacity(blocks.count * 4)
        for block in blocks {
            switch block {
            case .heading: tokens.append(.boundary)
            case .paragraph(let cell), .cell(let cell): tokens.append(.cell(cell))
            case .row(let cells):
                tokens.append(contentsOf: cells.map(TableToken.cell))
                tokens.append(.rowEnd)
            }
        }
        return tokens
    }
}

/// Shared judgement of single cells.
enum CellShape {
    /// Labels are short and never sentences; prose paragraphs fail this test.
    static func isLabelLike(_ cell: TextCell) -> Bool {
        cell.length > 0 && cell.length <= 80 && !isValueLike(cell) && !cell.key.has("。")
    }

    /// Numbers, blanks and placeholders: what a value cell holds when it is well formed.
    static func isValueLike(_ cell: TextCell) -> Bool {
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

    static func align(label: String, cells: [TextCell], kinds: [CellValue.Kind], padding: Padding = .trailing) -> RowReading {
        var cells = cells[...]
        switch padding {
        case .trailing:
            while cells.count > kinds.count, cells.last!.isEmpty { cells = cells.dropLast() }
            while cells.count > kinds.count, cells.first!.isEmpty { cells = cells.dropFirst() }
        case .leading:
            while cells.count > kinds.count, cells.first!.isEmpty { cells = cells.dropFirst() }
            while cells.count > kinds.count, cells.last!.isEmpty { cells = cells.dropLast() }
        }
        let printed = cells.map(\.printed)
        guard cells.count == kinds.count else {
            return .misaligned(label: label, cellCount: cells.count, cells: printed)
        }
        let values = zip(cells, kinds).map { CellValue($0.shape, as: $1) }
        return .aligned(label: label, values: values, cells: printed)
    }
}
