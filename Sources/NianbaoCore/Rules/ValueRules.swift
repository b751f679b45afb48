/// NB301–NB303: what each numeric cell holds. Blanks are said once where one finding is meant
/// (issue 16): a row left entirely blank is one finding for the row, a table one for the table,
/// and three blank tables one for the report (the unfilled template); the cells stay listed in
/// the finding (`cells`).
enum ValueRules {
    static func findings(_ report: Report) -> [Finding] {
        // Only cells that are not plain numbers can give a finding: build nothing for the rest.
        let located = report.locatedCells(where: { $0.quantity == nil })
        if located.isEmpty { return [] }
        let blankTables = TableID.allCases.filter { report.isEntirelyBlank($0) }
        var findings: [Finding] = []
        // An entirely blank table 四 is not even read as a data row (its blank cells look like
        // header padding; NB204 says so): for the template, no number in it is enough.
        let tableFourHasNoNumbers = blankTables.contains(.four) || report.review?.data == nil
        if blankTables.contains(.two), blankTables.contains(.three), tableFourHasNoNumbers {
            return [Finding(
                code: .nb303,
                message: "三张统计表都没有填写数字（\(located.count)个单元格空白），看起来是未填写的模板；请填写表二、表三、表四的数字（没有发生填0）",
                messageEnglish: "none of the three tables has a number (\(located.count) cells blank): this looks like the unfilled template; fill in tables 二, 三 and 四 (0 where there were none)",
                cells: located.map(\.key))]
        }
        for table in blankTables {
            let cells = located.filter { $0.table == table }.map(\.key)
            findings.append(Finding(
                code: .nb303, table: table,
                message: "表\(table.rawValue)全部空白（\(cells.count)个单元格），视为未填写（不按0计）；请填写数字（没有发生填0）",
                messageEnglish: "table \(table.rawValue) is entirely blank (\(cells.count) cells): not stated, not read as 0; fill it in (0 where there were none)",
                cells: cells))
        }
        // The rest row by row (located cells come row after row, in table order).
        var start = located.startIndex
        while start < located.endIndex {
            let first = located[start]
            var end = start + 1
            while end < located.endIndex, located[end].table == first.table, located[end].row == first.row { end += 1 }
            defer { start = end }
            if blankTables.contains(first.table) { continue }
            let row = located[start..<end]
            if row.count > 1, row.count == Report.cellCount(first.table, row: first.row), row.allSatisfy({ $0.value == .notStated }) {
                findings.append(Finding(
                    code: .nb303, table: first.table, row: first.row, rowLabel: first.rowLabel,
                    message: "表\(first.table.rawValue)“\(first.rowLabel)”行全部空白，视为未填写（不按0计）；没有发生请填0",
                    messageEnglish: "table \(first.table.rawValue) \(first.row) is entirely blank: not stated, not read as 0; write 0 if there were none",
                    cells: row.map(\.key)))
                continue
            }
            findings += row.compactMap(cellFinding)
        }
        return findings
    }

    private static func cellFinding(_ cell: LocatedCell) -> Finding? {
        func finding(_ code: RuleCode, _ chinese: String, _ english: String) -> Finding {
            Finding(code: code, table: cell.table, row: cell.row, rowLabel: cell.rowLabel, column: cell.column,
                    columnLabel: cell.columnLabel, message: chinese, messageEnglish: english)
        }
        let printed = cell.printed
        switch cell.value {
        case .count, .amount:
            return nil
        case .notStated:
            let shown = printed.isEmpty ? "空白" : "“\(printed)”"
            return finding(.nb303, "\(cell.place)为\(shown)，视为未填写（不按0计）；没有发生请填0",
                           "\(cell.placeEnglish) is \(printed.isEmpty ? "blank" : "'\(printed)'"): not stated, not read as 0; write 0 if there were none")
        case .notANumber:
            return finding(.nb301, "\(cell.place)填写的“\(printed)”不是数字",
                           "\(cell.placeEnglish) holds '\(printed)', which is not a number")
        case .negative:
            return finding(.nb302, "\(cell.place)为负数“\(printed)”，数量不能为负",
                           "\(cell.placeEnglish) is negative ('\(printed)'); counts and fees cannot be negative")
        case .notWhole:
            return finding(.nb302, "\(cell.place)为“\(printed)”，件数必须是整数",
                           "\(cell.placeEnglish) is '\(printed)'; a count must be a whole number")
        case .outOfRange:
            return finding(.nb302, "\(cell.place)的数字位数过多（\(printed.count)位），不是合理的数量",
                           "\(cell.placeEnglish) has \(printed.count) characters of digits, not a plausible number")
        }
    }
}

extension LocatedCell {
    var key: CellKey { CellKey(table: table, row: row, column: column) }
}

extension Report {
    /// True when the table was read, has aligned rows, and every numeric cell of them is blank
    /// or a placeholder: the table was not filled in.
    func isEntirelyBlank(_ table: TableID) -> Bool {
        // Asked of every report: no arrays built, and the first number found ends it.
        switch table {
        case .two: return disclosure?.rows.isEntirelyBlank ?? false
        case .three: return applications?.rows.isEntirelyBlank ?? false
        case .four:
            guard let values = review?.data?.values else { return false }
            for value in values { if case .notStated = value { continue }; return false }
            return true
        }
    }

    /// The numeric cells of one row of the table (table 四: of one group).
    static func cellCount(_ table: TableID, row: String) -> Int {
        switch table {
        case .two: DisclosureItem(rawValue: row)?.columns.count ?? 0
        case .three: ApplicantColumn.allCases.count
        case .four: ReviewColumn.allCases.count
        }
    }
}
