/// Finds table 四 (review and litigation, one data row of 15 cells) after its header.
struct ReviewTableReader {
    private static let headerKeys: [String] = [
        "行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "合计",
        "未经复议直接起诉", "复议后起诉",
    ]
    private static let cellCount = ReviewGroup.allCases.count * ReviewColumn.allCases.count

    private enum Phase { case searching, header, values, done }
    private var phase = Phase.searching
    private var headerCells = 0
    /// Value cells, one segment per layout row.
    private var segments: [[TextCell]] = [[]]

    static func read(_ tokens: [TableToken]) -> ReviewTable? {
        var reader = ReviewTableReader()
        for token in tokens where reader.phase != .done { reader.consume(token) }
        guard reader.headerCells >= 3 else { return nil }
        return ReviewTable(data: reader.dataRow())
    }

    private mutating func consume(_ token: TableToken) {
        switch token {
        case .boundary:
            if phase == .values { phase = .done }
        case .rowEnd:
            if phase == .values, !segments.last!.isEmpty { segments.append([]) }
        case .cell(let cell):
            consume(cell)
        }
    }

    private mutating func consume(_ cell: TextCell) {
        var isHeader: Bool { Self.headerKeys.contains(where: cell.key.same) }
        switch phase {
        case .searching:
            if cell.key.same("行政复议") {
                phase = .header
                headerCells = 1
            }
        case .header:
            if isHeader {
                headerCells += 1
            } else if CellShape.isValueLike(cell) {
                guard !cell.isEmpty else { return }  // padding of header rows
                if headerCells < 3 {
                    phase = .searching  // 行政复议 was a word in a sentence, not a table header
                } else {
                    phase = .values
                    segments[segments.count - 1].append(cell)
                }
            } else if !CellShape.isLabelLike(cell) || cell.length > CellShape.longestTextValue {
                phase = headerCells >= 3 ? .done : .searching
            }
        case .values:
            let collected = segments.reduce(0) { $0 + $1.count }
            if isHeader || !(CellShape.isValueLike(cell) || (cell.length <= CellShape.longestTextValue && collected < Self.cellCount)) {
                phase = .done
            } else {
                segments[segments.count - 1].append(cell)
            }
        case .done:
            break
        }
    }

    /// The 15 cells, trimming merged-cell padding at the end of the row (or of each layout row
    /// when the data was spread over several); any other count cannot be aligned.
    private func dataRow() -> RowReading? {
        let label = "行政复议、行政诉讼数据行"
        let kinds = [CellValue.Kind](repeating: .count, count: Self.cellCount)
        let all = segments.flatMap { $0 }
        guard !all.isEmpty else { return nil }
        let whole = RowAligner.align(label: label, cells: all, kinds: kinds)
        if whole.values != nil || segments.count == 1 { return whole }
        let trimmed = segments.flatMap { segment in
            segment.reversed().drop(while: \.isEmpty).reversed()
        }
        let perSegment = RowAligner.align(label: label, cells: Array(trimmed), kinds: kinds)
        return perSegment.values != nil ? perSegment : whole
    }
}
