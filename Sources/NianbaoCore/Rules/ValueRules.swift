/// NB301–NB303: what each numeric cell holds.
enum ValueRules {
    static func findings(_ report: Report) -> [Finding] {
        // Only cells that are not plain numbers can give a finding: build nothing for the rest.
        report.locatedCells(where: { $0.quantity == nil }).compactMap { cell in
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
}
