import NianbaoCore

/// The value and arithmetic rules of report-format.md and rules.md, computed independently
/// from the model: what NB301–NB303 and NB401–NB404 findings a report with these cells has.
public enum ArithmeticOracle {
    private enum Relation { case holds, blanksDecide, broken(expected: Int, actual: Int), undecidable }

    /// rules.md 4xx: when whole numbers >= 0 in the blanks could make the relation hold, it is a
    /// question about the blanks; only when none could is it broken (blanks counted as 0).
    private static func relation(parts: [GenValue], total: [GenValue]) -> Relation {
        var sum = 0, stated = 0, partBlanks = 0, totalBlanks = 0
        for (values, isTotal) in [(parts, false), (total, true)] {
            for value in values {
                switch value.expected {
                case .count(let number): if isTotal { stated += number } else { sum += number }
                case .notStated: if isTotal { totalBlanks += 1 } else { partBlanks += 1 }
                default: return .undecidable
                }
            }
        }
        if partBlanks == 0, totalBlanks == 0 { return sum == stated ? .holds : .broken(expected: sum, actual: stated) }
        if partBlanks > 0, totalBlanks > 0 { return .blanksDecide }
        let needed = partBlanks > 0 ? stated - sum : sum - stated
        return needed >= 0 ? .blanksDecide : .broken(expected: sum, actual: stated)
    }

    private static func finding(_ relation: Relation, _ code: RuleCode, table: TableID, row: String?, column: String) -> ExpectedFinding? {
        switch relation {
        case .holds, .undecidable: nil
        case .blanksDecide: ExpectedFinding(.nb303, table: table, row: row, column: column)
        case .broken(let expected, let actual):
            ExpectedFinding(code, table: table, row: row, column: column, expected: .count(expected), actual: .count(actual))
        }
    }

    /// NB301/NB302/NB303 for every aligned numeric cell.
    public static func cellFindings(_ model: ReportModel) -> [ExpectedFinding] {
        var found: [ExpectedFinding] = []
        func inspect(_ value: GenValue, _ table: TableID, _ row: String, _ column: String) {
            switch value.expected {
            case .count, .amount: break
            case .notStated: found.append(ExpectedFinding(.nb303, table: table, row: row, column: column))
            case .notANumber: found.append(ExpectedFinding(.nb301, table: table, row: row, column: column))
            case .negative, .notWhole, .outOfRange: found.append(ExpectedFinding(.nb302, table: table, row: row, column: column))
            }
        }
        if !model.droppedTables.contains(.two) {
            for item in DisclosureItem.allCases {
                guard let values = model.disclosure[item], values.count == item.columns.count else { continue }
                for (value, column) in zip(values, item.columns) { inspect(value, .two, item.rawValue, column.rawValue) }
            }
        }
        if !model.droppedTables.contains(.three) {
            for row in ApplicationRow.allCases {
                guard let values = model.applications[row], values.count == 7 else { continue }
                for (value, column) in zip(values, ApplicantColumn.allCases) { inspect(value, .three, row.rawValue, column.rawValue) }
            }
        }
        if !model.droppedTables.contains(.four), !model.dropReviewData, model.review.count == 15 {
            for (groupIndex, group) in ReviewGroup.allCases.enumerated() {
                for (columnIndex, column) in ReviewColumn.allCases.enumerated() {
                    inspect(model.review[groupIndex * 5 + columnIndex], .four, group.rawValue, column.rawValue)
                }
            }
        }
        return found
    }

    /// NB401–NB404, or NB303 where numbers in the blanks could make a relation hold.
    public static func relationFindings(_ model: ReportModel) -> [ExpectedFinding] {
        var found: [ExpectedFinding] = []
        if !model.droppedTables.contains(.three) {
            let rows = model.applications.filter { $0.value.count == 7 }
            for row in ApplicationRow.allCases {
                guard let values = rows[row] else { continue }
                if let f = finding(relation(parts: Array(values[0..<6]), total: [values[6]]), .nb401, table: .three, row: row.rawValue, column: "total") {
                    found.append(f)
                }
            }
            let outcomeRows = ApplicationRow.outcomes.compactMap { rows[$0] }
            if outcomeRows.count == ApplicationRow.outcomes.count, let processed = rows[.totalProcessed] {
                for (index, column) in ApplicantColumn.allCases.enumerated() {
                    let relation = relation(parts: outcomeRows.map { $0[index] }, total: [processed[index]])
                    if let f = finding(relation, .nb402, table: .three, row: "total_processed", column: column.rawValue) { found.append(f) }
                }
            }
            if let received = rows[.newReceived], let carriedOver = rows[.carriedOver], let processed = rows[.totalProcessed],
               let carriedForward = rows[.carriedForward] {
                for (index, column) in ApplicantColumn.allCases.enumerated() {
                    let relation = relation(parts: [received[index], carriedOver[index]], total: [processed[index], carriedForward[index]])
                    if let f = finding(relation, .nb403, table: .three, row: nil, column: column.rawValue) { found.append(f) }
                }
            }
        }
        if !model.droppedTables.contains(.four), !model.dropReviewData, model.review.count == 15 {
            for (groupIndex, group) in ReviewGroup.allCases.enumerated() {
                let cells = Array(model.review[(groupIndex * 5)..<(groupIndex * 5 + 5)])
                if let f = finding(relation(parts: Array(cells[0..<4]), total: [cells[4]]), .nb404, table: .four, row: group.rawValue, column: "total") {
                    found.append(f)
                }
            }
        }
        return found
    }

    public static func findings(_ model: ReportModel) -> [ExpectedFinding] { cellFindings(model) + relationFindings(model) }
}
