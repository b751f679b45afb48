/// Finds table 二 (article 20 items) in the token stream by its exact row labels.
struct DisclosureTableReader {
    private(set) var table = DisclosureTable()
    /// The row being read: its item and label, and the cells after the label so far (one
    /// array, emptied for each row).
    private var currentItem: DisclosureItem?
    private var currentLabel = PrintedText("")
    private var currentCells: [Cell] = []
    /// The table's words (`DisclosureVocabulary`), held for the length of a read.
    private let tables = DisclosureVocabulary.standard

    private let source: SourceText

    static func read(_ tokens: [TableToken], source: SourceText) -> DisclosureTable? {
        var reader = DisclosureTableReader(source: source)
        reader.currentCells.reserveCapacity(8)  // the widest row and its padding
        let itemCount = DisclosureItem.allCases.count
        for token in tokens {
            // Every item read and no row open: nothing after this can change the table.
            if reader.currentItem == nil, reader.table.rows.count == itemCount { break }
            reader.consume(token)
        }
        reader.finishRow()
        return reader.table.rows.count >= 2 ? reader.table : nil
    }

    @inline(__always)
    private mutating func consume(_ token: TableToken) {
        guard case .cell(let cell) = token else {
            finishRow()
            return
        }
        if CellShape.isLabelLike(cell) {
            // The label must contain an item's name before its numbering is worth stripping.
            if let item = tables.itemLabels.first(where: { cell.contains($0.label) && Self.strippingOrdinal(cell.key).same($0.label) })?.item {
                finishRow()
                if table.rows[item] == nil {
                    currentItem = item
                    currentLabel = source.printed(cell)
                    currentCells.removeAll(keepingCapacity: true)
                }
                return
            }
            if isHeader(cell) {
                finishRow()
                return
            }
        }
        guard let item = currentItem else { return }
        if CellShape.isValueLike(cell) || (cell.length <= CellShape.longestTextValue && currentCells.count < tables.columnCounts[item.ordinal]) {
            currentCells.append(cell)
        } else {
            finishRow()
        }
    }

    private mutating func finishRow() {
        guard let item = currentItem else { return }
        currentItem = nil
        let merged = source.mergedNumbers(in: currentCells[...])
        if merged.isEmpty {
            table.rows[item] = RowAligner.align(label: currentLabel, cells: currentCells[...], kinds: tables.kinds[item.ordinal])
        } else {
            table.rows.setSharing(merged, key: item, label: currentLabel, cells: currentCells.map(\.printed))
        }
    }

    @inline(__always)
    private func isHeader(_ cell: Cell) -> Bool {
        tables.headerPhrases.contains(where: { cell.contains($0) }) || cell.equals(tables.informationContent)
    }

    /// `1.规章`, `(1)规章`: the numbering some agencies add in front of item labels.
    static func strippingOrdinal(_ key: ByteView) -> ByteView {
        guard !key.isEmpty else { return key }
        func isNumeric(_ value: UInt32) -> Bool { Unicode.Scalar(value)?.properties.numericType != nil }
        var index = 0
        let first = UTF8Scanning.scalar(key, at: 0).value
        if first == 0x28 {  // (
            // `)` within the first four scalars.
            var scalars = 0
            while index < key.count, scalars < 4 {
                let (value, width) = UTF8Scanning.scalar(key, at: index)
                index += width
                scalars += 1
                if value == 0x29 { return key.dropping(index) }
            }
            return key
        }
        guard isNumeric(first) else { return key }
        var digits = 0
        index = 0
        while index < key.count {
            let (value, width) = UTF8Scanning.scalar(key, at: index)
            guard isNumeric(value) else { break }
            digits += 1
            index += width
        }
        guard digits <= 2, index < key.count else { return key }
        let (separator, width) = UTF8Scanning.scalar(key, at: index)
        guard separator == 0x2E || separator == 0x3001 else { return key }  // . 、
        return key.dropping(index + width)
    }
}
