/// A numeric cell with everything a finding needs to point at it.
struct LocatedCell {
    var table: TableID
    var row: String
    var rowLabel: String
    var column: String
    var columnLabel: String
    var value: CellValue
    var printed: String

    /// 表三“（一）予以公开”行“自然人”列
    var place: String { "表\(table.rawValue)“\(rowLabel)”行“\(columnLabel)”列" }
    var placeEnglish: String { "table \(table.rawValue) \(row)/\(column)" }
}

extension Report {
    /// The aligned numeric cells of the three tables that `include` picks, in table order.
    func locatedCells(where include: (CellValue) -> Bool) -> [LocatedCell] {
        var cells: [LocatedCell] = []
        // A row is copied out (label and printed cells) only when one of its values is picked.
        if let disclosure {
            for item in DisclosureItem.allCases {
                guard let values = disclosure.rows[item]?.values, values.contains(where: include),
                      let found = disclosure.rows[item] else { continue }
                for (index, column) in item.columns.enumerated() where include(values[index]) {
                    cells.append(LocatedCell(table: .two, row: item.rawValue, rowLabel: found.label, column: column.rawValue,
                                             columnLabel: column.label, value: values[index], printed: found.cells[index]))
                }
            }
        }
        if let applications {
            for row in ApplicationRow.allCases {
                guard let values = applications.rows[row]?.values, values.contains(where: include),
                      let found = applications.rows[row] else { continue }
                for (index, column) in ApplicantColumn.allCases.enumerated() where include(values[index]) {
                    cells.append(LocatedCell(table: .three, row: row.rawValue, rowLabel: found.label, column: column.rawValue,
                                             columnLabel: column.label, value: values[index], printed: found.cells[index]))
                }
            }
        }
        if let data = review?.data, let values = data.values {
            let printed = data.cells
            for group in ReviewGroup.allCases {
                for column in ReviewColumn.allCases where include(values[ReviewTable.position(group, column)]) {
                    let index = ReviewTable.position(group, column)
                    cells.append(LocatedCell(table: .four, row: group.rawValue, rowLabel: group.label, column: column.rawValue,
                                             columnLabel: column.label, value: values[index], printed: printed[index]))
                }
            }
        }
        return cells
    }
}
