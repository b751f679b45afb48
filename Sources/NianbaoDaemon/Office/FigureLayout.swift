import NianbaoCore

/// Where every figure of a report sits in the stored `figures` object and in the export, in the
/// order of `report-format.md`: one walk over the core's table schema, which the export's columns
/// (`OfficeExport.figureColumns`) and both readers of the stored figures (`StoredFigures` and
/// the StoredJSON tree) share, so they cannot disagree on an index.
struct FigureRow: Sendable {
    enum Shape: Sendable {
        /// Table 二's one-value items: `"item": n`.
        case value
        /// Table 二's three-value items: `"item": {"column": n, …}`.
        case object
        /// Tables 三 and 四: `"row": [n, …]` in the columns' order.
        case array
    }

    /// `table2`, `table3`, `table4`.
    var table: String
    /// `表二`, `表三`, `表四`.
    var tableLabel: String
    var key: String
    var label: String
    var columns: [(key: String, label: String)]
    var shape: Shape
    /// The index of the row's first figure.
    var first: Int

    static let all: [FigureRow] = {
        var rows: [FigureRow] = []
        var first = 0
        func add(_ table: String, _ tableLabel: String, _ key: String, _ label: String, _ columns: [(key: String, label: String)], _ shape: Shape) {
            rows.append(FigureRow(table: table, tableLabel: tableLabel, key: key, label: label, columns: columns, shape: shape, first: first))
            first += columns.count
        }
        for item in DisclosureItem.allCases {
            add("table2", "表二", item.rawValue, item.label, item.columns.map { ($0.rawValue, $0.label) }, item.columns.count == 1 ? .value : .object)
        }
        for row in ApplicationRow.allCases {
            add("table3", "表三", row.rawValue, row.label, ApplicantColumn.allCases.map { ($0.rawValue, $0.label) }, .array)
        }
        for group in ReviewGroup.allCases {
            add("table4", "表四", group.rawValue, group.label, ReviewColumn.allCases.map { ($0.rawValue, $0.label) }, .array)
        }
        return rows
    }()

    /// The export's columns of this row: `table2.item` for a one-value item, else
    /// `table.row.column`; the Chinese header names the table, the row and the column.
    var exportColumns: [FigureColumn] {
        columns.map { column in
            FigureColumn(key: shape == .value ? "\(table).\(key)" : "\(table).\(key).\(column.key)",
                         chinese: "\(tableLabel) \(label) \(column.label)")
        }
    }
}
