/// Finds table 二 (article 20 items) in the token stream by its exact row labels.
struct DisclosureTableReader {
    private(set) var table = DisclosureTable()
    private var current: (item: DisclosureItem, label: String, cells: [TextCell])?

    private static let itemLabels: [(label: String, item: DisclosureItem)] =
        DisclosureItem.allCases.flatMap { item in item.acceptedLabels.map { ($0, item) } }

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
            let label = Self.strippingOrdinal(cell.key)
            if let item = Self.itemLabels.first(where: { label.same($0.label) })?.item {
                finishRow()
                if table.rows[item] == nil { current = (item, cell.printed, []) }
                return
            }
            if Self.isHeader(cell.key) {
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

    private static func isHeader(_ key: Substring) -> Bool {
        key.has("第二十条") || key.same("信息内容") || key.has("件数") || key.has("数量") || key.has("金额")
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
