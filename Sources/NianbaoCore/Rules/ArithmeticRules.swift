/// The outcome of checking `total == sum of parts` with blank cells in play.
enum Relation {
    case holds
    /// Holds only when blank cells are read as 0: a warning about the blanks (NB303).
    case holdsOnlyWithBlanksAsZero
    case broken(expected: Double, actual: Double)
    /// A cell is not a number at all (already NB301/NB302): nothing can be said.
    case undecidable

    /// The parts and the total, added up one value at a time as the caller walks its table: no
    /// sequence to build per check, and there are dozens of checks per report.
    struct Sums {
        private var parts = 0.0, total = 0.0, blanks = false, undecidable = false

        mutating func addPart(_ value: CellValue) {
            if let number = value.number { parts += number } else { note(value) }
        }

        mutating func addTotal(_ value: CellValue) {
            if let number = value.number { total += number } else { note(value) }
        }

        private mutating func note(_ value: CellValue) {
            if case .notStated = value { blanks = true } else { undecidable = true }
        }

        var relation: Relation {
            if undecidable { return .undecidable }
            if parts == total { return blanks ? .holdsOnlyWithBlanksAsZero : .holds }
            return .broken(expected: parts, actual: total)
        }
    }
}

/// NB401–NB404: the arithmetic the national layout states in its own tables.
enum ArithmeticRules {
    static func findings(_ report: Report) -> [Finding] {
        var findings: [Finding] = []
        if let table = report.applications {
            findings += rowTotals(table) + outcomeTotals(table) + balances(table)
        }
        if let review = report.review, review.data?.values != nil {
            findings += reviewTotals(review)
        }
        return findings
    }

    private static func rowTotals(_ table: ApplicationTable) -> [Finding] {
        ApplicationRow.allCases.compactMap { row in
            guard let values = table.values(row) else { return nil }
            var sums = Relation.Sums()
            for column in ApplicantColumn.applicants { sums.addPart(values[column]) }
            sums.addTotal(values[.total])
            return finding(
                sums.relation, code: .nb401, table: .three,
                row: row.rawValue, rowLabel: table.rows[row]?.label, column: ApplicantColumn.total.rawValue, columnLabel: "总计",
                what: "表三“\(table.rows[row]!.label)”行的“总计”应等于六类申请人之和",
                whatEnglish: "table 三 \(row.rawValue): total must equal the sum of the six applicant columns")
        }
    }

    private static func outcomeTotals(_ table: ApplicationTable) -> [Finding] {
        guard let totals = table.values(.totalProcessed) else { return [] }
        var outcomeRows: [ColumnValues<ApplicantColumn>] = []
        outcomeRows.reserveCapacity(ApplicationRow.outcomes.count)
        for row in ApplicationRow.outcomes {
            guard let values = table.values(row) else { return [] }  // NB204/NB205 said why
            outcomeRows.append(values)
        }
        return ApplicantColumn.allCases.compactMap { column in
            var sums = Relation.Sums()
            for row in outcomeRows { sums.addPart(row[column]) }
            sums.addTotal(totals[column])
            return finding(
                sums.relation, code: .nb402, table: .three,
                row: ApplicationRow.totalProcessed.rawValue, rowLabel: table.rows[.totalProcessed]?.label,
                column: column.rawValue, columnLabel: column.label,
                what: "表三“\(column.label)”列的“（七）总计”应等于（一）至（六）各项办理结果之和",
                whatEnglish: "table 三 \(column.rawValue): total_processed must equal the sum of the 22 outcome rows")
        }
    }

    private static func balances(_ table: ApplicationTable) -> [Finding] {
        guard let received = table.values(.newReceived), let carriedOver = table.values(.carriedOver),
              let processed = table.values(.totalProcessed), let carriedForward = table.values(.carriedForward)
        else { return [] }
        return ApplicantColumn.allCases.compactMap { column in
            // new + carried over = processed + carried forward, checked as "sum of one side
            // equals the sum of the other" so blanks on either side are handled alike.
            var sums = Relation.Sums()
            sums.addPart(received[column])
            sums.addPart(carriedOver[column])
            sums.addTotal(processed[column])
            sums.addTotal(carriedForward[column])
            return finding(
                sums.relation, code: .nb403, table: .three, row: nil, rowLabel: nil,
                column: column.rawValue, columnLabel: column.label,
                what: "表三“\(column.label)”列：本年新收加上年结转应等于（七）总计加结转下年度",
                whatEnglish: "table 三 \(column.rawValue): new_received + carried_over must equal total_processed + carried_forward")
        }
    }

    private static func reviewTotals(_ review: ReviewTable) -> [Finding] {
        ReviewGroup.allCases.compactMap { group in
            var sums = Relation.Sums()
            for column in ReviewColumn.parts { sums.addPart(review.value(group, column)!) }
            sums.addTotal(review.value(group, .total)!)
            return finding(
                sums.relation, code: .nb404, table: .four,
                row: group.rawValue, rowLabel: group.label, column: ReviewColumn.total.rawValue, columnLabel: "总计",
                what: "表四“\(group.label)”的“总计”应等于结果维持、结果纠正、其他结果、尚未审结之和",
                whatEnglish: "table 四 \(group.rawValue): total must equal upheld + corrected + other + pending")
        }
    }

    private static func finding(
        _ relation: Relation, code: RuleCode, table: TableID, row: String?, rowLabel: @autoclosure () -> String?,
        column: String, columnLabel: String, what: @autoclosure () -> String, whatEnglish: @autoclosure () -> String
    ) -> Finding? {
        switch relation {
        case .holds, .undecidable:
            return nil
        case .holdsOnlyWithBlanksAsZero:
            return Finding(
                code: .nb303, table: table, row: row, rowLabel: rowLabel(), column: column, columnLabel: columnLabel,
                message: "\(what())：只有把空白单元格当作0时才成立；请把空白处填为0或实际数字",
                messageEnglish: "\(whatEnglish()): holds only if blank cells are read as 0; fill them in")
        case .broken(let expected, let actual):
            let expectedQuantity = Quantity.count(Int(expected)), actualQuantity = Quantity.count(Int(actual))
            return Finding(
                code: code, table: table, row: row, rowLabel: rowLabel(), column: column, columnLabel: columnLabel,
                expected: expectedQuantity, actual: actualQuantity,
                message: "\(what())：应为\(expectedQuantity)，实际填写\(actualQuantity)",
                messageEnglish: "\(whatEnglish()): expected \(expectedQuantity), found \(actualQuantity)")
        }
    }
}
