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

    /// NB301/NB302/NB303 for every aligned numeric cell; blanks said once where one finding is
    /// meant: a row of several cells all blank is one finding for the row, a table all blank one
    /// for the table, all three tables blank one for the report (the unfilled template).
    public static func cellFindings(_ model: ReportModel) -> [ExpectedFinding] {
        var rows: [(table: TableID, row: String, cells: [(column: String, value: GenValue)])] = []
        if !model.droppedTables.contains(.two) {
            for item in DisclosureItem.allCases {
                guard let values = model.disclosure[item], values.count == item.columns.count else { continue }
                rows.append((.two, item.rawValue, Array(zip(item.columns.map(\.rawValue), values))))
            }
        }
        if !model.droppedTables.contains(.three) {
            for row in ApplicationRow.allCases {
                guard let values = model.applications[row], values.count == 7 else { continue }
                rows.append((.three, row.rawValue, Array(zip(ApplicantColumn.allCases.map(\.rawValue), values))))
            }
        }
        if !model.droppedTables.contains(.four), !model.dropReviewData, model.review.count == 15 {
            for (groupIndex, group) in ReviewGroup.allCases.enumerated() {
                rows.append((.four, group.rawValue, Array(zip(ReviewColumn.allCases.map(\.rawValue), model.review[(groupIndex * 5)..<(groupIndex * 5 + 5)]))))
            }
        }
        func blank(_ cells: [(column: String, value: GenValue)]) -> Bool { cells.allSatisfy { $0.value.expected == .notStated } }
        let blankTables = TableID.allCases.filter { table in
            let tableRows = rows.filter { $0.table == table }
            return !tableRows.isEmpty && tableRows.allSatisfy { blank($0.cells) }
        }
        let tableFourHasNoNumbers = blankTables.contains(.four) || !rows.contains { $0.table == .four }
        if blankTables.contains(.two), blankTables.contains(.three), tableFourHasNoNumbers { return [ExpectedFinding(.nb303)] }
        var found = blankTables.map { ExpectedFinding(.nb303, table: $0) }
        for (table, row, cells) in rows where !blankTables.contains(table) {
            if cells.count > 1, blank(cells) {
                found.append(ExpectedFinding(.nb303, table: table, row: row))
                continue
            }
            for (column, value) in cells {
                switch value.expected {
                case .count, .amount: break
                case .notStated: found.append(ExpectedFinding(.nb303, table: table, row: row, column: column))
                case .notANumber: found.append(ExpectedFinding(.nb301, table: table, row: row, column: column))
                case .negative, .notWhole, .outOfRange: found.append(ExpectedFinding(.nb302, table: table, row: row, column: column))
                }
            }
        }
        return found
    }

    private static func entirelyBlank(_ values: [GenValue]) -> Bool { values.allSatisfy { $0.expected == .notStated } }

    /// NB401–NB404, or NB303 where numbers in the blanks could make a relation hold.
    public static func relationFindings(_ model: ReportModel) -> [ExpectedFinding] {
        var found: [ExpectedFinding] = []
        let blankTables = Set(cellFindings(model).filter { $0.row == nil && $0.code == .nb303 }.map(\.table))
        // A table left blank (or the whole template) is one finding already: no relation of it.
        if !model.droppedTables.contains(.three), !blankTables.contains(.three), !blankTables.contains(nil) {
            let rows = model.applications.filter { $0.value.count == 7 }
            for row in ApplicationRow.allCases {
                guard let values = rows[row], !entirelyBlank(values) else { continue }
                if let f = finding(relation(parts: Array(values[0..<6]), total: [values[6]]), .nb401, table: .three, row: row.rawValue, column: "total") {
                    found.append(f)
                }
            }
            // Blanks all in rows left entirely blank are said once, by the row's finding.
            func saidByBlankRows(_ relation: Relation, _ cells: [[GenValue]], _ index: Int) -> Bool {
                guard case .blanksDecide = relation else { return false }
                return cells.filter { $0[index].expected == .notStated }.allSatisfy(entirelyBlank)
            }
            let outcomeRows = ApplicationRow.outcomes.compactMap { rows[$0] }
            if outcomeRows.count == ApplicationRow.outcomes.count, let processed = rows[.totalProcessed] {
                for (index, column) in ApplicantColumn.allCases.enumerated() {
                    let relation = relation(parts: outcomeRows.map { $0[index] }, total: [processed[index]])
                    if saidByBlankRows(relation, outcomeRows + [processed], index) { continue }
                    if let f = finding(relation, .nb402, table: .three, row: "total_processed", column: column.rawValue) { found.append(f) }
                }
            }
            if let received = rows[.newReceived], let carriedOver = rows[.carriedOver], let processed = rows[.totalProcessed],
               let carriedForward = rows[.carriedForward] {
                for (index, column) in ApplicantColumn.allCases.enumerated() {
                    let relation = relation(parts: [received[index], carriedOver[index]], total: [processed[index], carriedForward[index]])
                    if saidByBlankRows(relation, [received, carriedOver, processed, carriedForward], index) { continue }
                    if let f = finding(relation, .nb403, table: .three, row: nil, column: column.rawValue) { found.append(f) }
                }
            }
        }
        if !model.droppedTables.contains(.four), !model.dropReviewData, model.review.count == 15,
           !blankTables.contains(.four), !blankTables.contains(nil) {
            for (groupIndex, group) in ReviewGroup.allCases.enumerated() {
                let cells = Array(model.review[(groupIndex * 5)..<(groupIndex * 5 + 5)])
                if entirelyBlank(cells) { continue }
                if let f = finding(relation(parts: Array(cells[0..<4]), total: [cells[4]]), .nb404, table: .four, row: group.rawValue, column: "total") {
                    found.append(f)
                }
            }
        }
        return found
    }

    public static func findings(_ model: ReportModel) -> [ExpectedFinding] { cellFindings(model) + relationFindings(model) }
}
