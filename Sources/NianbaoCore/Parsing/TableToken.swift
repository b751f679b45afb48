/// The document seen as a stream of table cells: rows end where the layout shows it, headings
/// are boundaries. Prose paragraphs are cells too, because a table written one cell per
/// paragraph looks exactly like that; the readers tell labels, values and prose apart.
enum TableToken {
    case cell(Cell)
    case rowEnd
    case boundary

    static func stream(of document: DocumentText, _ bytes: ByteView) -> [TableToken] {
        // Counted first, then written in place.
        var count = 0
        for block in document.blocks {
            if case .row(let cells) = block { count += cells.count + 1 } else { count += 1 }
        }
        let cells = document.cells
        return .filled(count: count) { tokens in
            for block in document.blocks {
                switch block {
                case .heading: tokens.append(.boundary)
                case .paragraph(let cell), .cell(let cell): tokens.append(.cell(Cell(cells[Int(cell)], in: bytes)))
                case .row(let row):
                    for cell in row { tokens.append(.cell(Cell(cells[Int(cell)], in: bytes))) }
                    tokens.append(.rowEnd)
                }
            }
        }
    }

    var isRowEnd: Bool {
        if case .rowEnd = self { return true }
        return false
    }
}
