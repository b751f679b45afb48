import NianbaoCore

/// One cell of a real table, as Word or a CMS holds it: text and how far it spans.
public struct GridCell: Equatable, Sendable {
    public var text: String
    public var columns: Int
    public var rows: Int

    public init(_ text: String, columns: Int = 1, rows: Int = 1) {
        self.text = text
        self.columns = columns
        self.rows = rows
    }

    public init(text: String, columns: Int = 1, rows: Int = 1) { self.init(text, columns: columns, rows: rows) }
}

/// A generated report as a document holds it (for the .docx and .html writers): paragraphs and
/// tables with real merged cells, where the text layouts flatten merges into empty cells.
public struct DocumentLayout {
    public enum Part: Equatable {
        case title(String)
        case heading(String)
        case paragraph(String)
        case table(TableID, [[GridCell]])
    }

    public var parts: [Part] = []

    /// The model's report: the same prose (ProseWriter) and figures as the text form, the tables
    /// with the national template's merges. Label spellings vary with `mixing`, drawn from `rng`.
    public static func of(_ model: ReportModel, mixing: Bool, rng: inout SplitMix64) -> DocumentLayout {
        let style = LabelStyle.random(&rng, mixing: mixing)
        var prose = ProseWriter(model: model, fullWidthPunctuation: style.fullWidthBrackets)
        var layout = DocumentLayout()
        layout.parts.append(.title(prose.title))
        layout.parts.append(.paragraph(prose.introduction()))
        for section in model.sectionOrder {
            if !model.omittedHeadings.contains(section) {
                layout.parts.append(.heading(model.headings[section] ?? section.canonicalTitle))
            }
            for paragraph in prose.paragraphs(of: section) { layout.parts.append(.paragraph(paragraph)) }
            switch section {
            case .two where !model.droppedTables.contains(.two):
                layout.parts.append(.table(.two, disclosure(TableBuilder.disclosure(model, style: style))))
            case .three where !model.droppedTables.contains(.three):
                layout.parts.append(.table(.three, applications(model, style: style)))
            case .four where !model.droppedTables.contains(.four):
                layout.parts.append(.table(.four, review(model)))
            default:
                break
            }
        }
        return layout
    }

    // MARK: - Tables

    /// Table 二, four grid columns: article rows span the table, a single heading or value
    /// spans what is left of its row. A row a defect shortened stays short.
    static func disclosure(_ table: TableLines) -> [[GridCell]] {
        let width = 4
        return table.lines.map { line in
            let texts: [String], collapsed: Bool
            switch line {
            case .header(let headers): (texts, collapsed) = (headers, false)
            case .groupOnly(let group): (texts, collapsed) = ([group], false)
            case .data(_, let label, let values, let isCollapsed): (texts, collapsed) = ([label ?? ""] + values.map(valueText), isCollapsed)
            }
            var cells = texts.map { GridCell($0) }
            if !collapsed, cells.count < width { cells[cells.count - 1].columns = width - cells.count + 1 }
            return cells
        }
    }

    /// Table 三 as the 2021 template merges it: the note over three rows and three columns,
    /// 三、本年度办理结果 down every outcome row, （三）不予公开 … down their items.
    static func applications(_ model: ReportModel, style: LabelStyle) -> [[GridCell]] {
        let note = style.bracket("本列数据的勾稽关系为\(style.colon)第一项加第二项之和，等于第三项加第四项之和")
        var rows: [[GridCell]] = [
            [GridCell(note, columns: 3, rows: 3), GridCell("申请人情况", columns: 7)],
            [GridCell("自然人", rows: 2), GridCell("法人或其他组织", columns: 5), GridCell("总计", rows: 2)],
            ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"].map { GridCell($0) },
        ]
        let labels = TableBuilder.applicationLabels(style)
        let subgroups: [(first: ApplicationRow, members: [ApplicationRow])] = [
            (.deniedStateSecret, Array(ApplicationRow.allCases[4...11])),
            (.unavailableNotHeld, Array(ApplicationRow.allCases[12...14])),
            (.notProcessedPetition, Array(ApplicationRow.allCases[15...19])),
            (.otherNoCorrection, Array(ApplicationRow.allCases[20...22])),
        ]
        /// (row, label, subgroup label when the row is an item of one, values)
        var entries: [(row: ApplicationRow, label: String, subgroup: String?, values: [GenValue])] = []
        for row in ApplicationRow.allCases {
            if model.formerLayout, [.otherNoCorrection, .otherUnpaidFee, .otherOther].contains(row) {
                // 2019: （六）其他处理 is one row, the sum of what 2021 splits in three.
                if row == .otherNoCorrection {
                    let sums = (0..<7).map { column in
                        [ApplicationRow.otherNoCorrection, .otherUnpaidFee, .otherOther].map { model.applications[$0]![column].count! }.reduce(0, +)
                    }
                    entries.append((.otherOther, style.bracket("六") + "其他处理", nil, sums.map(GenValue.count)))
                }
                continue
            }
            guard let values = model.applications[row] else { continue }
            let subgroup = subgroups.first { $0.members.contains(row) }.map { labels[$0.first]!.group! }
            entries.append((row, labels[row]!.label, subgroup, values))
        }
        let isOutcome = { (row: ApplicationRow) in ApplicationRow.outcomes.contains(row) || row == .totalProcessed }
        let outcomeCount = entries.filter { isOutcome($0.row) }.count
        var outerPlaced = false
        var previousSubgroup: String?
        for entry in entries {
            var cells: [GridCell] = []
            if !isOutcome(entry.row) {
                cells.append(GridCell(entry.label, columns: 3))
                previousSubgroup = nil
            } else {
                if !outerPlaced {
                    cells.append(GridCell(labels[.granted]!.group!, rows: outcomeCount))
                    outerPlaced = true
                }
                if let subgroup = entry.subgroup {
                    if subgroup != previousSubgroup {
                        let members = entries.filter { $0.subgroup == subgroup }.count
                        cells.append(GridCell(subgroup, rows: members))
                    }
                    cells.append(GridCell(entry.label))
                } else {
                    cells.append(GridCell(entry.label, columns: 2))
                }
                previousSubgroup = entry.subgroup
            }
            cells += entry.values.map { GridCell(valueText($0)) }
            rows.append(cells)
        }
        return rows
    }

    /// Table 四: 行政复议 over five columns, 行政诉讼 over ten; the five review headings span
    /// two rows; then the fifteen figures.
    static func review(_ model: ReportModel) -> [[GridCell]] {
        let parts = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
        var rows: [[GridCell]] = [
            [GridCell("行政复议", columns: 5), GridCell("行政诉讼", columns: 10)],
            parts.map { GridCell($0, rows: 2) } + [GridCell("未经复议直接起诉", columns: 5), GridCell("复议后起诉", columns: 5)],
            (parts + parts).map { GridCell($0) },
        ]
        if !model.dropReviewData { rows.append(model.review.map { GridCell(valueText($0)) }) }
        return rows
    }

    /// A figure as the cell shows it; a blank is an empty cell (a real table can show one).
    static func valueText(_ value: GenValue) -> String {
        switch value {
        case .count(let number): String(number)
        case .amount(_, let printed): printed
        case .blank: ""
        case .placeholder(let text), .raw(let text, _): text
        }
    }

    /// Each row's cells in grid order with Word's vertical-merge continuations in place:
    /// (cell, continues the cell above). Word writes a `w:tc` with `<w:vMerge/>` in every row a
    /// vertically merged cell covers; HTML leaves those positions out.
    public static func wordRows(_ rows: [[GridCell]]) -> [[(cell: GridCell, continuation: Bool)]] {
        var covered: [(left: Int, cell: GridCell)?] = []
        var result: [[(cell: GridCell, continuation: Bool)]] = []
        for row in rows {
            var out: [(cell: GridCell, continuation: Bool)] = []
            var column = 0
            var pending = row[...]
            while !pending.isEmpty || (column < covered.count && covered[column] != nil) {
                if column < covered.count, let cover = covered[column] {
                    out.append((cover.cell, true))
                    for index in column..<(column + cover.cell.columns) {
                        covered[index] = cover.left > 1 ? (cover.left - 1, cover.cell) : nil
                    }
                    column += cover.cell.columns
                    continue
                }
                let cell = pending.removeFirst()
                out.append((cell, false))
                if cell.rows > 1 {
                    while covered.count < column + cell.columns { covered.append(nil) }
                    for index in column..<(column + cell.columns) { covered[index] = (cell.rows - 1, cell) }
                }
                column += cell.columns
            }
            result.append(out)
        }
        return result
    }
}
