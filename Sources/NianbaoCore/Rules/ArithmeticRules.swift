/// The outcome of checking `parts == total` (each side a sum of cells) with blank cells in play.
enum Relation {
    case holds
    /// Some whole numbers >= 0 in the blank cells would make it hold (rules.md, 4xx): a question
    /// about the blanks (NB303), not an arithmetic error. `fit` is the one value each blank must
    /// take, when only one does (a single blank, or blanks that can only be 0).
    case blanksDecide(fit: Int?)
    /// No values in the blanks (if any) could make it hold; blanks count as 0 in the numbers.
    case broken(expected: Int, actual: Int)
    /// A cell is not a number at all (already NB301/NB302): nothing can be said.
    case undecidable

    /// The parts and the total, added up one value at a time as the caller walks its table: no
    /// sequence to build per check, and there are dozens of checks per report.
    struct Sums {
        private var parts = 0, total = 0, partBlanks = 0, totalBlanks = 0, stated = 0, undecidable = false

        /// Every cell blank: a row left blank, said once by ValueRules.
        var allBlank: Bool { stated == 0 && !undecidable }

        mutating func addPart(_ value: CellValue) {
            switch value {
            case .count(let number): parts += number; stated += 1
            case .notStated: partBlanks += 1
            default: undecidable = true
            }
        }

        mutating func addTotal(_ value: CellValue) {
            switch value {
            case .count(let number): total += number; stated += 1
            case .notStated: totalBlanks += 1
            default: undecidable = true
            }
        }

        var relation: Relation {
            if undecidable { return .undecidable }
            if partBlanks == 0, totalBlanks == 0 { return parts == total ? .holds : .broken(expected: parts, actual: total) }
            // Blanks on both sides: any difference can be made up on one side or the other.
            if partBlanks > 0, totalBlanks > 0 { return .blanksDecide(fit: nil) }
            // Blanks on one side only: they must add up to the difference, never below 0.
            let missing = partBlanks > 0 ? total - parts : parts - total
            if missing < 0 { return .broken(expected: parts, actual: total) }
            if missing == 0 || partBlanks + totalBlanks == 1 { return .blanksDecide(fit: missing) }
            return .blanksDecide(fit: nil)
        }
    }
}

/// NB401–NB404: the arithmetic the national layout states in its own tables. Each finding
/// shows both sides term by term (`terms`, and in the message), a blank as 空白, never 0.
enum ArithmeticRules {
    static func findings(_ report: Report) -> [Finding] {
        var findings: [Finding] = []
        // A table left entirely blank is one finding already (ValueRules): no relation of it.
        if let table = report.applications, !report.isEntirelyBlank(.three) {
            findings += rowTotals(table) + outcomeTotals(table) + balances(table)
        }
        if let review = report.review, review.data?.values != nil, !report.isEntirelyBlank(.four) {
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
            if sums.allBlank { return nil }  // a row left entirely blank is one finding already (ValueRules)
            return finding(
                sums.relation, code: .nb401, table: .three,
                row: row.rawValue, rowLabel: table.rows[row]?.label, column: ApplicantColumn.total.rawValue, columnLabel: "总计",
                what: "表三“\(table.rows[row]!.label)”行的“总计”应等于六类申请人之和",
                whatEnglish: "table 三 \(row.rawValue): total must equal the sum of the six applicant columns",
                terms: RelationTerms(left: ApplicantColumn.applicants.map { term(row, $0, values[$0]) },
                                     right: [term(row, .total, values[.total])]))
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
                whatEnglish: "table 三 \(column.rawValue): total_processed must equal the sum of the 22 outcome rows",
                terms: RelationTerms(left: zip(ApplicationRow.outcomes, outcomeRows).map { term(table, $0, column, $1[column]) },
                                     right: [term(table, .totalProcessed, column, totals[column])]),
                leaveOutZeros: true, blankRows: table.entirelyBlankRows)
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
                whatEnglish: "table 三 \(column.rawValue): new_received + carried_over must equal total_processed + carried_forward",
                terms: RelationTerms(
                    left: [term(table, .newReceived, column, received[column]), term(table, .carriedOver, column, carriedOver[column])],
                    right: [term(table, .totalProcessed, column, processed[column]),
                            term(table, .carriedForward, column, carriedForward[column])]),
                blankRows: table.entirelyBlankRows)
        }
    }

    private static func reviewTotals(_ review: ReviewTable) -> [Finding] {
        ReviewGroup.allCases.compactMap { group in
            var sums = Relation.Sums()
            for column in ReviewColumn.parts { sums.addPart(review.value(group, column)!) }
            sums.addTotal(review.value(group, .total)!)
            if sums.allBlank { return nil }  // a group left entirely blank is one finding already
            return finding(
                sums.relation, code: .nb404, table: .four,
                row: group.rawValue, rowLabel: group.label, column: ReviewColumn.total.rawValue, columnLabel: "总计",
                what: "表四“\(group.label)”的“总计”应等于结果维持、结果纠正、其他结果、尚未审结之和",
                whatEnglish: "table 四 \(group.rawValue): total must equal upheld + corrected + other + pending",
                terms: RelationTerms(
                    left: ReviewColumn.parts.map { column in
                        RelationTerm(row: group.rawValue, column: column.rawValue, label: column.label,
                                     value: review.value(group, column)!.termValue)
                    },
                    right: [RelationTerm(row: group.rawValue, column: ReviewColumn.total.rawValue, label: ReviewColumn.total.label,
                                         value: review.value(group, .total)!.termValue)]))
        }
    }

    /// A cell of table 三 named by its column (the terms of one row).
    private static func term(_ row: ApplicationRow, _ column: ApplicantColumn, _ value: CellValue) -> RelationTerm {
        RelationTerm(row: row.rawValue, column: column.rawValue, label: column.label, value: value.termValue)
    }

    /// A cell of table 三 named by its row as printed (the terms of one column).
    private static func term(_ table: ApplicationTable, _ row: ApplicationRow, _ column: ApplicantColumn, _ value: CellValue) -> RelationTerm {
        RelationTerm(row: row.rawValue, column: column.rawValue, label: table.rows[row]?.label ?? row.label,
                     shortLabel: row.shortLabel, value: value.termValue)
    }

    private static func finding(
        _ relation: Relation, code: RuleCode, table: TableID, row: String?, rowLabel: @autoclosure () -> String?,
        column: String, columnLabel: String, what: @autoclosure () -> String, whatEnglish: @autoclosure () -> String,
        terms: @autoclosure () -> RelationTerms, leaveOutZeros: Bool = false,
        blankRows: @autoclosure () -> Set<String> = []
    ) -> Finding? {
        switch relation {
        case .holds, .undecidable:
            return nil
        case .blanksDecide(let fit):
            var terms = terms()
            let blanks = (terms.left + terms.right).filter { $0.value == nil }
            // Every blank in a row left entirely blank: the row's one finding says it already.
            let rowsLeftBlank = blankRows()
            if !rowsLeftBlank.isEmpty, blanks.allSatisfy({ rowsLeftBlank.contains($0.row) }) { return nil }
            let names = blanks.map(\.shortLabel).joined(separator: "、")
            let keys = blanks.map { terms.englishName($0) }.joined(separator: ", ")
            let (advice, adviceEnglish): (String, String)
            switch fit {
            case .some(let value) where blanks.count == 1:
                (advice, adviceEnglish) = ("空白的\(names)填\(value)即可成立", "\(keys) = \(value) would make it hold")
            case .some:
                (advice, adviceEnglish) = ("空白的\(names)只能都是0", "the blank cells \(keys) can only be 0")
            case .none:
                (advice, adviceEnglish) = ("空白的\(names)填入合适的数字可以成立", "numbers in the blank cells \(keys) could make it hold")
            }
            return Finding(
                code: .nb303, table: table, row: row, rowLabel: rowLabel(), column: column, columnLabel: columnLabel,
                message: "\(what())：\(terms.chinese(leaveOutZeros: leaveOutZeros))。\(advice)；空白不按0计，请填写实际数字（没有发生填0）",
                messageEnglish: "\(whatEnglish()): \(terms.english(leaveOutZeros: leaveOutZeros)); \(adviceEnglish); blanks are not read as 0, fill them in",
                terms: terms)
        case .broken(let expected, let actual):
            var terms = terms()
            let expectedQuantity = Quantity.count(expected), actualQuantity = Quantity.count(actual)
            return Finding(
                code: code, table: table, row: row, rowLabel: rowLabel(), column: column, columnLabel: columnLabel,
                expected: expectedQuantity, actual: actualQuantity,
                message: "\(what())：\(terms.chinese(leaveOutZeros: leaveOutZeros))，相差\(abs(expected - actual))",
                messageEnglish: "\(whatEnglish()): \(terms.english(leaveOutZeros: leaveOutZeros)), a difference of \(abs(expected - actual))",
                terms: terms)
        }
    }
}

extension CellValue {
    /// A term's value: the count, or nil for a blank (the only other value a decided relation holds).
    var termValue: Int? {
        if case .count(let value) = self { return value }
        return nil
    }
}

extension RelationTerms {
    /// `本年新收5 + 上年结转4 = 9，而（七）总计6 + 结转下年度2 = 8`; a blank is 空白, never 0.
    /// With `leaveOutZeros` (the 22 outcome rows) only the non-zero and blank terms are shown,
    /// and how many zero terms were left out is said.
    mutating func chinese(leaveOutZeros: Bool) -> String {
        shownLeft = Self.chinese(left, leaveOutZeros: leaveOutZeros)
        shownRight = Self.chinese(right, leaveOutZeros: false)
        return "\(shownLeft)，而\(shownRight)"
    }

    mutating func english(leaveOutZeros: Bool) -> String {
        shownLeftEnglish = english(left, leaveOutZeros: leaveOutZeros)
        shownRightEnglish = english(right, leaveOutZeros: false)
        return "\(shownLeftEnglish), but \(shownRightEnglish)"
    }

    private static func chinese(_ side: [RelationTerm], leaveOutZeros: Bool) -> String {
        let shown = leaveOutZeros ? side.filter { $0.value != 0 } : side
        let sum = side.reduce(0) { $0 + ($1.value ?? 0) }
        if side.count == 1 { return "\(side[0].shortLabel)\(side[0].value.map(String.init) ?? "空白")" }
        if shown.isEmpty { return "\(side.count)项均为0" }
        var notes: [String] = []
        if shown.contains(where: { $0.value == nil }) { notes.append("空白未计") }
        if shown.count < side.count { notes.append("其余\(side.count - shown.count)项为0") }
        let terms = shown.map { "\($0.shortLabel)\($0.value.map(String.init) ?? "空白")" }.joined(separator: " + ")
        return "\(terms) = \(sum)" + (notes.isEmpty ? "" : "（\(notes.joined(separator: "，"))）")
    }

    private func english(_ side: [RelationTerm], leaveOutZeros: Bool) -> String {
        let shown = leaveOutZeros ? side.filter { $0.value != 0 } : side
        let sum = side.reduce(0) { $0 + ($1.value ?? 0) }
        func text(_ term: RelationTerm) -> String { "\(englishName(term)) \(term.value.map(String.init) ?? "blank")" }
        if side.count == 1 { return text(side[0]) }
        if shown.isEmpty { return "all \(side.count) are 0" }
        var notes: [String] = []
        if shown.contains(where: { $0.value == nil }) { notes.append("blanks not counted") }
        if shown.count < side.count { notes.append("\(side.count - shown.count) others are 0") }
        return shown.map(text).joined(separator: " + ") + " = \(sum)" + (notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))")
    }

    /// A term's key: its column when every term is in one row, its row otherwise.
    func englishName(_ term: RelationTerm) -> String {
        let first = left.first ?? term
        return (left + right).allSatisfy({ $0.row == first.row }) ? term.column : term.row
    }
}

extension ApplicationTable {
    /// The keys of the rows whose cells are all blank (asked only when blanks decide a relation).
    var entirelyBlankRows: Set<String> {
        Set(ApplicationRow.allCases.filter { row in values(row)?.values.allSatisfy { $0 == .notStated } == true }.map(\.rawValue))
    }
}
