/// Finds table 二 (article 20 items) in the token stream by its exact row labels.
struct DisclosureTableReader {
    private(set) var table = DisclosureTable()
    private var current: (item: DisclosureItem, label: String, cells: [TextCell])?

    private static let itemLabels: [(label: Phrase, item: DisclosureItem)] =
        DisclosureItem.allCases.flatMap { item in item.acceptedLabels.map { (Phrase($0), item) } }
    private static let headerPhrases: [Phrase] = ["第二十条", "件数", "数量", "金额"]
    private static let informationContent = Phrase("信息内容")

    static func read(_ tokens: [TableToken]) -> DisclosureTable? {
        var reader = DisclosureTableReader()
        for token in tokens { reader.consume(token) }
        reader.finishRow()
        return reader.table.rows.count >= 2 ? reader.table : nil
    }

    private mutating func consume(_ token: TableToken) {
        guard case .cell(let cell) = token else {
            finishRow()
            return
        }
        if CellShape.isLabelLike(cell) {
            // The label must contain an item's name before its numbering is worth stripping.
            if let item = Self.itemLabels.first(where: { cell.contains($0.label) && Self.strippingOrdinal(cell.key).same($0.label.text) })?.item {
                finishRow()
                if table.rows[item] == nil { current = (item, cell.printed, []) }
                return
            }
            if Self.isHeader(cell) {
                finishRow()
                return
            }
        }
        guard let expected = current?.item.columns.count else { return }
        if CellShape.isValueLike(cell) || (cell.length <= CellShape.longestTextValue && current!.cells.count < expected) {
            current!.cells.append(cell)
        } else {
            finishRow()
        }
    }

    private mutating func finishRow() {
        guard let (item, label, cells) = current else { return }
        current = nil
        let kinds: [CellValue.Kind] = item == .fees ? [.amount] : Array(repeating: .count, count: item.columns.count)
        table.rows[item] = RowAligner.align(label: label, cells: cells, kinds: kinds)
    }

    private static func isHeader(_ cell: TextCell) -> Bool {
        headerPhrases.contains(where: cell.contains) || cell.equals(informationContent)
    }

    /// `1.规章`, `(1)规章`: the numbering some agencies add in front of item labels.
    static func strippingOrdinal(_ key: Substring) -> Substring {
        let scalars = key.unicodeScalars
        guard let first = scalars.first, first == "(" || first.properties.numericType != nil else { return key }
        if first == "(", let close = scalars.prefix(4).firstIndex(of: ")") {
            return key[scalars.index(after: close)...]
        }
        let digits = scalars.prefix(while: { $0.properties.numericType != nil }).count
        guard digits <= 2, let separator = scalars.dropFirst(digits).first, separator == "." || separator == "、" else { return key }
        return key[scalars.index(scalars.startIndex, offsetBy: digits + 1)...]
    }
}
