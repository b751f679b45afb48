import NianbaoCore

/// A numeric cell of the model, by table, row and column.
public enum CellRef: CustomStringConvertible {
    case two(DisclosureItem, Int)
    case three(ApplicationRow, Int)
    case four(Int)

    public var description: String {
        switch self {
        case .two(let item, let column): "表二 \(item.rawValue)/\(item.columns[column].rawValue)"
        case .three(let row, let column): "表三 \(row.rawValue)/\(ApplicantColumn.allCases[column].rawValue)"
        case .four(let index): "表四 \(ReviewGroup.allCases[index / 5].rawValue)/\(ReviewColumn.allCases[index % 5].rawValue)"
        }
    }

    public var isFee: Bool { if case .two(.fees, _) = self { true } else { false } }

    public static func all(in model: ReportModel) -> [CellRef] {
        DisclosureItem.allCases.flatMap { item in item.columns.indices.map { CellRef.two(item, $0) } }
            + ApplicationRow.allCases.flatMap { row in (0..<7).map { CellRef.three(row, $0) } }
            + (0..<15).map(CellRef.four)
    }
}

extension ReportModel {
    public subscript(cell: CellRef) -> GenValue {
        get {
            switch cell {
            case .two(let item, let column): disclosure[item]![column]
            case .three(let row, let column): applications[row]![column]
            case .four(let index): review[index]
            }
        }
        set {
            switch cell {
            case .two(let item, let column): disclosure[item]![column] = newValue
            case .three(let row, let column): applications[row]![column] = newValue
            case .four(let index): review[index] = newValue
            }
        }
    }

    public func count(_ row: ApplicationRow, _ column: Int) -> Int { applications[row]![column].count! }

    public mutating func add(_ delta: Int, _ row: ApplicationRow, _ column: Int) {
        applications[row]![column] = .count(count(row, column) + delta)
    }
}

/// A defect injected into a consistent model, with exactly what the core must say about it.
public struct Defect: Sendable, CustomStringConvertible {
    public let name: String
    public let inject: @Sendable (inout ReportModel, inout SplitMix64) -> Expectation

    public var description: String { name }

    public static func named(_ name: String) -> Defect { all.first { $0.name == name }! }

    public static let all: [Defect] = [
        // 4xx arithmetic.
        Defect(name: "NB401 unit moved between outcome rows") { model, rng in
            // One unit moves from row a to row b in one applicant column: both row totals
            // break, every column sum (and so every other relation) still holds.
            let sources = ApplicationRow.outcomes.flatMap { row in (0..<6).map { (row, $0) } }.filter { model.count($0.0, $0.1) > 0 }
            let (from, column) = rng.pick(sources)
            let to = rng.pick(ApplicationRow.outcomes.filter { $0 != from })
            model.add(-1, from, column)
            model.add(1, to, column)
            return Expectation([
                ExpectedFinding(.nb401, table: .three, row: from.rawValue, column: "total",
                                expected: .count(model.count(from, 6) - 1), actual: .count(model.count(from, 6))),
                ExpectedFinding(.nb401, table: .three, row: to.rawValue, column: "total",
                                expected: .count(model.count(to, 6) + 1), actual: .count(model.count(to, 6))),
            ], year: model.year)
        },
        Defect(name: "NB402 total_processed and carried_forward shifted together") { model, rng in
            // Balance and row totals still hold; the outcome total breaks in the column and in 总计.
            let columns = (0..<6).filter { model.count(.carriedForward, $0) > 0 || model.count(.totalProcessed, $0) > 0 }
            let column = rng.pick(columns)
            let delta = model.count(.carriedForward, column) > 0 && (model.count(.totalProcessed, column) == 0 || rng.chance(0.5)) ? 1 : -1
            let before = (model.count(.totalProcessed, column), model.count(.totalProcessed, 6))
            for index in [column, 6] {
                model.add(delta, .totalProcessed, index)
                model.add(-delta, .carriedForward, index)
            }
            return Expectation([
                ExpectedFinding(.nb402, table: .three, row: "total_processed", column: ApplicantColumn.allCases[column].rawValue,
                                expected: .count(before.0), actual: .count(before.0 + delta)),
                ExpectedFinding(.nb402, table: .three, row: "total_processed", column: "total",
                                expected: .count(before.1), actual: .count(before.1 + delta)),
            ], year: model.year)
        },
        Defect(name: "NB403 new_received changed with its total") { model, rng in
            let column = rng.int(0...5)
            model.add(1, .newReceived, column)
            model.add(1, .newReceived, 6)
            func side(_ index: Int) -> (Int, Int) {
                (model.count(.newReceived, index) + model.count(.carriedOver, index),
                 model.count(.totalProcessed, index) + model.count(.carriedForward, index))
            }
            let (columnIn, columnOut) = side(column), (totalIn, totalOut) = side(6)
            return Expectation([
                ExpectedFinding(.nb403, table: .three, column: ApplicantColumn.allCases[column].rawValue,
                                expected: .count(columnIn), actual: .count(columnOut)),
                ExpectedFinding(.nb403, table: .three, column: "total", expected: .count(totalIn), actual: .count(totalOut)),
            ], year: model.year)
        },
        Defect(name: "NB404 group total off by one") { model, rng in
            let group = rng.int(0...2)
            let parts = (0..<4).map { model.review[group * 5 + $0].count! }.reduce(0, +)
            model.review[group * 5 + 4] = .count(parts + 1)
            return Expectation([
                ExpectedFinding(.nb404, table: .four, row: ReviewGroup.allCases[group].rawValue, column: "total",
                                expected: .count(parts), actual: .count(parts + 1)),
            ], year: model.year)
        },

        // 2xx structure.
        Defect(name: "NB205 table 三 row collapsed to 7 | 1 | 8") { model, rng in
            let row = rng.pick(ApplicationRow.allCases)
            model.applications[row] = [.count(7), .count(1), .count(8)]
            return Expectation([ExpectedFinding(.nb205, table: .three, row: row.rawValue, expected: .count(7), actual: .count(3))], year: model.year)
        },
        Defect(name: "NB205 table 二 row short of a cell") { model, rng in
            let item = rng.pick([DisclosureItem.rules, .normativeDocuments])
            model.disclosure[item]!.removeLast()
            return Expectation([ExpectedFinding(.nb205, table: .two, row: item.rawValue, expected: .count(3), actual: .count(2))], year: model.year)
        },
        Defect(name: "NB205 table 四 data row short of a cell") { model, rng in
            model.review.remove(at: rng.int(0...14))
            return Expectation([ExpectedFinding(.nb205, table: .four, expected: .count(15), actual: .count(14))], year: model.year)
        },
        Defect(name: "NB204 table 三 row dropped") { model, rng in
            let row = rng.pick(ApplicationRow.allCases)
            model.applications[row] = nil
            return Expectation([ExpectedFinding(.nb204, table: .three, row: row.rawValue)], year: model.year)
        },
        Defect(name: "NB204 table 二 row dropped") { model, rng in
            let item = rng.pick(DisclosureItem.allCases)
            model.disclosure[item] = nil
            return Expectation([ExpectedFinding(.nb204, table: .two, row: item.rawValue)], year: model.year)
        },
        Defect(name: "NB204 table 四 data row dropped") { model, _ in
            model.dropReviewData = true
            return Expectation([ExpectedFinding(.nb204, table: .four)], year: model.year)
        },
        Defect(name: "NB203 table 二 missing") { model, _ in
            model.droppedTables.insert(.two)
            return Expectation([ExpectedFinding(.nb203, table: .two)], year: model.year)
        },
        Defect(name: "NB203 table 三 missing") { model, _ in
            model.droppedTables.insert(.three)
            return Expectation([ExpectedFinding(.nb203, table: .three)], year: model.year)
        },
        Defect(name: "NB203 table 四 missing") { model, _ in
            model.droppedTables.insert(.four)
            return Expectation([ExpectedFinding(.nb203, table: .four)], year: model.year)
        },
        Defect(name: "NB201 section 五 missing") { model, _ in
            model.sectionOrder.removeAll { $0 == .five }
            return Expectation([ExpectedFinding(.nb201, section: .five)], year: model.year)
        },
        Defect(name: "NB201 section 六 missing") { model, _ in
            model.sectionOrder.removeAll { $0 == .six }
            return Expectation([ExpectedFinding(.nb201, section: .six)], year: model.year)
        },
        Defect(name: "NB201 section 二 missing with its table") { model, _ in
            model.sectionOrder.removeAll { $0 == .two }
            model.droppedTables.insert(.two)
            return Expectation([ExpectedFinding(.nb201, section: .two), ExpectedFinding(.nb203, table: .two)], year: model.year)
        },
        Defect(name: "NB202 sections 五 and 六 swapped") { model, _ in
            model.sectionOrder = [.one, .two, .three, .four, .six, .five]
            return Expectation([ExpectedFinding(.nb202)], year: model.year)
        },
        Defect(name: "NB206 table 二 in the 2019 columns") { model, _ in
            model.formerDisclosureColumns = true
            return Expectation([ExpectedFinding(.nb206)], year: model.year, formatVersion: .mixed)
        },
        Defect(name: "NB206 whole report in the 2019 layout") { model, _ in
            model.formerLayout = true
            var expectation = Expectation([ExpectedFinding(.nb206)], year: model.year, formatVersion: .v2019)
            expectation.checksFigures = false
            return expectation
        },
        Defect(name: "2019 layout for report year 2020 is accepted") { model, _ in
            model.formerLayout = true
            model.year = 2020
            model.titleYear = 2020
            model.periodYear = 2020
            model.headings[.one] = "一、总体情况"
            var expectation = Expectation([], year: 2020, formatVersion: .v2019)
            expectation.checksFigures = false
            return expectation
        },
        Defect(name: "NB207 no year anywhere") { model, _ in
            model.titleYear = nil
            model.periodYear = nil
            model.mentionsYears = false
            model.headings[.one] = "一、总体情况"
            return Expectation([ExpectedFinding(.nb207)], year: .some(nil))
        },
        Defect(name: "NB208 title year differs from statistics period") { model, rng in
            model.periodYear = model.year + rng.pick([-1, 1])
            return Expectation([ExpectedFinding(.nb208)], year: model.year)
        },

        // 3xx values: every other cell stays consistent, so only the relations through the
        // changed cell can say anything; the oracle works out which.
        Defect(name: "NB301 text in a cell") { model, rng in
            let cell = rng.pick(CellRef.all(in: model))
            model[cell] = .raw(rng.pick(["abc", "不详"]), reads: .notANumber)
            return valueExpectation(model)
        },
        Defect(name: "NB302 negative count") { model, rng in
            let cell = rng.pick(CellRef.all(in: model))
            model[cell] = .raw(cell.isFee ? "-3.5" : "-1", reads: .negative)
            return valueExpectation(model)
        },
        Defect(name: "NB302 fractional count") { model, rng in
            let cell = rng.pick(CellRef.all(in: model).filter { !$0.isFee })
            model[cell] = .raw("2.5", reads: .notWhole)
            return valueExpectation(model)
        },
        Defect(name: "NB303 zero cell left blank") { model, rng in
            let cell = rng.pick(CellRef.all(in: model).filter { model[$0].count == 0 || model[$0] == .amount(0, printed: "0") })
            model[cell] = .blank
            return valueExpectation(model)
        },
        Defect(name: "NB303 zero cell as a placeholder") { model, rng in
            let cell = rng.pick(CellRef.all(in: model).filter { model[$0].count == 0 })
            model[cell] = .placeholder(rng.pick(["/", "-", "—", "无", "--", "——"]))
            return valueExpectation(model)
        },
        Defect(name: "NB303 nonzero outcome cell left blank") { model, rng in
            // Writing the number back makes the row total and the outcome total hold: both are
            // questions about the blank (NB303, rules.md 4xx), not NB401/NB402 errors.
            let cells = ApplicationRow.outcomes.flatMap { row in (0..<6).map { (row, $0) } }.filter { model.count($0.0, $0.1) > 0 }
            let (row, column) = rng.pick(cells)
            model.applications[row]![column] = .blank
            return Expectation([
                ExpectedFinding(.nb303, table: .three, row: row.rawValue, column: ApplicantColumn.allCases[column].rawValue),
                ExpectedFinding(.nb303, table: .three, row: row.rawValue, column: "total"),
                ExpectedFinding(.nb303, table: .three, row: "total_processed", column: ApplicantColumn.allCases[column].rawValue),
            ], year: model.year)
        },
        Defect(name: "NB303 total column left blank") { model, rng in
            let row = rng.pick(ApplicationRow.allCases)
            model.applications[row]![6] = .blank
            return valueExpectation(model)
        },
        Defect(name: "NB303 first cell of table 四 left blank") { model, _ in
            model.review[0] = .blank
            return valueExpectation(model)
        },
        Defect(name: "NB303 table 四 cell left blank") { model, rng in
            model.review[rng.int(0...14)] = .blank
            return valueExpectation(model)
        },
        Defect(name: "NB303 outcome row left entirely blank") { model, rng in
            // One finding for the row (issue 16): no finding per cell, no row total, and no
            // outcome total whose only blanks are this row's.
            let row = rng.pick(ApplicationRow.outcomes)
            model.applications[row] = Array(repeating: .blank, count: 7)
            return Expectation([ExpectedFinding(.nb303, table: .three, row: row.rawValue)], year: model.year)
        },

        // 5xx consistency.
        Defect(name: "NB501 applications received off by one") { model, _ in
            let received = model.count(.newReceived, 6)
            model.statedReceived = received - 1
            return Expectation([
                ExpectedFinding(.nb501, section: .one, row: "new_received", column: "total", expected: .count(received), actual: .count(received - 1)),
            ], year: model.year)
        },
        Defect(name: "NB501 carried forward off by one") { model, _ in
            let carried = model.count(.carriedForward, 6)
            model.statedCarriedForward = carried + 1
            return Expectation([
                ExpectedFinding(.nb501, section: .one, row: "carried_forward", column: "total", expected: .count(carried), actual: .count(carried + 1)),
            ], year: model.year)
        },
        Defect(name: "NB501 review count off by one") { model, _ in
            let reviews = model.review[4].count!
            model.statedReviews = reviews + 1
            return Expectation([
                ExpectedFinding(.nb501, section: .four, row: "review", column: "total", expected: .count(reviews), actual: .count(reviews + 1)),
            ], year: model.year)
        },
        Defect(name: "NB501 no review claimed, table has some") { model, _ in
            model.review[1] = .count(model.review[1].count! + 2)
            model.review[4] = .count(model.review[4].count! + 2)
            model.claimsNoReviewOrLitigation = true
            let findings = ReviewGroup.allCases.enumerated().compactMap { index, group -> ExpectedFinding? in
                let counts = (0..<5).map { model.review[index * 5 + $0].count! }
                guard let nonZero = counts.first(where: { $0 != 0 }) else { return nil }
                return ExpectedFinding(.nb501, section: .four, row: group.rawValue, expected: .count(nonZero), actual: .count(0))
            }
            return Expectation(findings, year: model.year)
        },
        Defect(name: "NB504 section 六 says nothing of the fee") { model, _ in
            model.sectionSixParagraphs = ["本年度无其他需要报告的事项。"]
            return Expectation([ExpectedFinding(.nb504, section: .six)], year: model.year)
        },
        Defect(name: "NB505 section 五 says only 无") { model, rng in
            model.sectionFiveParagraphs = [rng.pick(["无。", "无", "暂无。"])]
            return Expectation([ExpectedFinding(.nb505, section: .five)], year: model.year)
        },
        Defect(name: "NB505 section 五 empty") { model, _ in
            model.sectionFiveParagraphs = []
            return Expectation([ExpectedFinding(.nb505, section: .five)], year: model.year)
        },
    ]

    /// Findings of a model whose only defects are in its cells.
    public static func valueExpectation(_ model: ReportModel) -> Expectation {
        Expectation(ArithmeticOracle.findings(model), year: model.year)
    }

    /// A fresh consistent model with the defect injected, both from the seed.
    public func apply(seed: UInt64) -> (model: ReportModel, expectation: Expectation) {
        var model = ReportModel.generate(seed: seed)
        // Prose that counts carried-over applications too cannot be checked once a cell of
        // carried_over is unreadable; keep the prose to the plain form for defects.
        model.statesReceivedWithCarriedOver = false
        var rng = SplitMix64.derived(seed, 4)
        let expectation = inject(&model, &rng)
        return (model, expectation)
    }
}
