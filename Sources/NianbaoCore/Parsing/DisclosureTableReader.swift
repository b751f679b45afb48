/// Finds table 二 (article 20 items) in the token stream by its exact row labels.
struct DisclosureTableReader {
    private(set) var table = DisclosureTable()
    private var current: (item: DisclosureItem, label: String, cells: [TextCell])?

    private static let itemsByLabel: [String: DisclosureItem] = {
        var map: [String: DisclosureItem] = [:]
        for item in DisclosureItem.allCases {
            for label in item.acceptedLabels { map[label] = item }
        }
        return map
    }()

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
            if let item = Self.itemsByLabel[Self.strippingOrdinal(cell.key)] {
                finishRow()
                if table.rows[item] == nil { current = (item, cell.original, []) }
                return
            }
            if Self.isHeader(cell.key) {
                finishRow()
                return
            }
        }
        guard let expected = current?.item.columns.count else { return }
        if CellShape.isValueLike(cell) || (cell.key.count <= CellShape.longestTextValue && current!.cells.count < expected) {
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

    private static func isHeader(_ key: String) -> Bool {
        key.has("第二十条") || key == "信息内容" || key.has("件数") || key.has("数量") || key.has("金额")
    }

    /// `1.规章`, `(1)规章`: the numbering some agencies add in front of item labels.
    static func strippingOrdinal(_ key: String) -> String {
        var label = Substring(key)
        if label.first == "(", let close = label.firstIndex(of: ")"), label.distance(from: label.startIndex, to: close) <= 3 {
            label = label[label.index(after: close)...]
        } else {
            let digits = label.prefix(while: { $0.isASCIIDigit || "一二三四五六七八九十".contains($0) })
            if !digits.isEmpty, digits.count <= 2, let separator = label.dropFirst(digits.count).first, ".、".contains(separator) {
                label = label.dropFirst(digits.count + 1)
            }
        }
        return String(label)
    }
}
