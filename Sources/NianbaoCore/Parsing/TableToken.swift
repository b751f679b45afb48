/// The document seen as a stream of table cells: rows end where the layout shows it, headings
/// are boundaries. Prose paragraphs are cells too, because a table written one cell per
/// paragraph looks exactly like that; the readers tell labels, values and prose apart.
enum TableToken {
    case cell(Cell)
    case rowEnd
    case boundary

    static func stream(of document: DocumentText, _ bytes: UnsafeBufferPointer<UInt8>) -> [TableToken] {
        // Counted first, then written in place: no capacity and uniqueness check per token.
        var count = 0
        for block in document.blocks {
            if case .row(let cells) = block { count += cells.count + 1 } else { count += 1 }
        }
        guard count > 0 else { return [] }
        return document.cells.withUnsafeBufferPointer { cells in
            [TableToken](unsafeUninitializedCapacity: count) { tokens, written in
                var next = tokens.baseAddress!
                func write(_ token: TableToken) {
                    next.initialize(to: token)
                    next += 1
                }
                for block in document.blocks {
                    switch block {
                    case .heading: write(.boundary)
                    case .paragraph(let cell), .cell(let cell): write(.cell(Cell(cells[Int(cell)], in: bytes)))
                    case .row(let row):
                        for cell in row { write(.cell(Cell(cells[Int(cell)], in: bytes))) }
                        write(.rowEnd)
                    }
                }
                written = count
            }
        }
    }

    var isRowEnd: Bool {
        if case .rowEnd = self { return true }
        return false
    }
}
