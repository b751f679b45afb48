/// A table row whose cells ran together (`640020470` for seven columns), and its readings: every
/// way to cut the digits into the row's columns. Spaces are cuts that are known; a number never
/// starts with 0 unless it is 0, and has at most `longestNumber` digits.
///
/// The row is read only where exactly one reading exists, or, failing that, where exactly one
/// reading satisfies the row's own relation (the six applicant columns add up to 总计; each
/// group of table 四 adds up to its 总计). Then that relation decided the reading and is no
/// evidence for that row any more. Any other row is declined, never guessed.
enum RunTogetherRow {
    /// How a row's digits were read.
    enum Reading: Equatable {
        /// The one reading its digits allow.
        case byDigits([String])
        /// The one reading, of several, that satisfies the row's relation.
        case byRelation([String])
        /// None, or several readings: declined.
        case ambiguous(readings: Int)
    }

    /// The row's own relation: the groups of columns whose last column is the sum of the others.
    struct RowSums {
        /// Column ranges; in each the last column is the sum of the others.
        var groups: [Range<Int>]

        func holds(_ values: [Int]) -> Bool {
            groups.allSatisfy { group in values[group.dropLast()].reduce(0, +) == values[group.last!] }
        }
    }

    static let longestNumber = 7
    /// Partial readings visited before a row is declined as too ambiguous to enumerate.
    static let visitLimit = 20_000

    /// `run`: digits with the spaces that stood between them, as printed.
    static func read(_ run: String, columns: Int, relation: RowSums?) -> Reading {
        let groups = run.split(whereSeparator: { $0.isWhitespace }).map { Array($0.utf8) }
        guard !groups.isEmpty, groups.allSatisfy({ $0.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }) else { return .ambiguous(readings: 0) }
        if groups.count == columns {
            // Spaces between every cell: only leading zeros can make this wrong.
            let values = groups.map { String(decoding: $0, as: UTF8.self) }
            return values.allSatisfy(isNumber) ? .byDigits(values) : .ambiguous(readings: 0)
        }
        var readings: [[String]] = []
        var satisfying: [[String]] = []
        var visits = 0
        var current: [String] = []
        current.reserveCapacity(columns)
        var exhausted = false
        var readingCount = 0

        func cut(group: Int, at offset: Int) {
            visits += 1
            if visits > visitLimit { exhausted = true }
            if exhausted { return }
            if group == groups.count {
                guard current.count == columns else { return }
                if readings.count < 2 { readings.append(current) } else { readings[1] = current }
                if let relation, relation.holds(current.map { Int($0)! }) {
                    if satisfying.count < 2 { satisfying.append(current) }
                }
                readingCount += 1
                return
            }
            let digits = groups[group]
            // Cells still to fill must each take at least one of the digits left.
            let digitsLeft = digits.count - offset + groups[(group + 1)...].reduce(0) { $0 + $1.count }
            // Each cell still to fill takes one to `longestNumber` of the digits left.
            guard current.count < columns, columns - current.count <= digitsLeft,
                  digitsLeft <= (columns - current.count) * longestNumber else { return }
            let maxLength = digits[offset] == 0x30 ? 1 : min(longestNumber, digits.count - offset)
            for length in 1...maxLength {
                current.append(String(decoding: digits[offset..<(offset + length)], as: UTF8.self))
                if offset + length == digits.count {
                    cut(group: group + 1, at: 0)
                } else {
                    cut(group: group, at: offset + length)
                }
                current.removeLast()
            }
        }
        cut(group: 0, at: 0)
        if exhausted { return .ambiguous(readings: readingCount) }
        if readingCount == 1 { return .byDigits(readings[0]) }
        if relation != nil, satisfying.count == 1 { return .byRelation(satisfying[0]) }
        return .ambiguous(readings: readingCount)
    }

    private static func isNumber(_ value: String) -> Bool {
        value == "0" || (!value.hasPrefix("0") && value.count <= longestNumber)
    }
}

/// A table section of a flattened report (二, 三 or 四): the prose around its table, the
/// table's labels and its runs of digits, written back as paragraphs and `|` rows.
enum TableRun {
    /// Where each table starts: the first of these in its section's text.
    private static let starts: [Section: [String]] = [
        .two: ["第二十条"],
        .three: ["本列数据", "勾稽关系", "钩稽关系", "申请人情况", "本年新收"],
        .four: ["行政复议"],
    ]
    /// The label of each table's last row, whose digits end the table.
    private static let lastRows: [Section: [String]] = [
        .two: ["行政事业性收费"],
        .three: ["结转下年度"],
        .four: [],
    ]
    private static let reviewHeaderKeys = ReviewVocabulary.standard.headerKeys.map(\.text).sorted { $0.count > $1.count }
    private static let disclosureLabels: [(label: String, item: DisclosureItem)] =
        DisclosureItem.allCases.flatMap { item in item.acceptedLabels.map { ($0, item) } }.sorted { $0.label.count > $1.label.count }

    /// More rows than table 三 has (25), with room for repeated labels.
    static let mostRows = 40

    enum Piece {
        case label(String)
        case digits(String)
    }

    static func write(_ body: ArraySlice<Unicode.Scalar>, section: Section, to output: inout String, notes: inout [RunTogetherRowNote]) {
        guard let tableStart = starts[section]!.compactMap({ firstIndex(of: $0, in: body) }).min() else {
            FlattenedText.writeProse(body, to: &output)
            return
        }
        FlattenedText.writeProse(body[body.startIndex..<tableStart], to: &output)
        let (pieces, end) = self.pieces(body[tableStart...], section: section)
        var label = ""
        var headerWritten = false
        for piece in pieces {
            switch piece {
            case .label(let text):
                label += text
            case .digits(let run):
                switch section {
                case .two: writeDisclosureRow(label: label, run: run, to: &output, notes: &notes)
                case .three:
                    // The header runs into the first row's label: it goes before, as a line of its own.
                    var rowLabel = label
                    if let first = rowLabel.firstRange(of: "一、本年新收"), first.lowerBound != rowLabel.startIndex {
                        output += String(rowLabel[..<first.lowerBound]) + "\n\n"
                        rowLabel = String(rowLabel[first.lowerBound...])
                    }
                    writeRow(.three, label: rowLabel, run: run, columns: 7, relation: .init(groups: [0..<7]), to: &output, notes: &notes)
                default:
                    if !headerWritten {
                        output += "| " + reviewHeader(label).joined(separator: " | ") + " |\n"
                        headerWritten = true
                    }
                    writeRow(.four, label: nil, run: run, columns: 15, relation: .init(groups: [0..<5, 5..<10, 10..<15]), to: &output, notes: &notes)
                }
                label = ""
            }
        }
        if !label.isEmpty { FlattenedText.writeProse(ArraySlice(label.unicodeScalars), to: &output) }
        FlattenedText.writeProse(body[end...], to: &output)
    }

    /// The table's labels and runs of digits, up to the end of its last row (returned).
    private static func pieces(_ text: ArraySlice<Unicode.Scalar>, section: Section) -> ([Piece], Int) {
        var pieces: [Piece] = []
        var label = String.UnicodeScalarView()
        var index = text.startIndex
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x30 && scalar.value <= 0x39 }
        while index < text.endIndex {
            let scalar = text[index]
            guard isDigit(scalar) else {
                label.append(scalar)
                index += 1
                continue
            }
            // A run of digits, with the spaces and points between them.
            var end = index
            while end < text.endIndex {
                if isDigit(text[end]) || text[end] == "." {
                    end += 1
                } else if text[end].properties.isWhitespace, end + 1 < text.endIndex,
                          text[(end + 1)...].first(where: { !$0.properties.isWhitespace }).map(isDigit) == true {
                    end += 1
                } else {
                    break
                }
            }
            var run = Array(text[index..<end])
            // `…00000002.其他法律…`: the last digit and its point (or 、) number the next row.
            var ordinal: [Unicode.Scalar] = []
            if run.count >= 2, run.last == ".", isDigit(run[run.count - 2]) {
                ordinal = Array(run.suffix(2))
                run.removeLast(2)
            } else if run.last == "." {
                ordinal = [run.removeLast()]
            } else if end < text.endIndex, text[end] == "、" || text[end] == "．", let last = run.last, isDigit(last) {
                ordinal = [run.removeLast()]
            }
            while let last = run.last, last.properties.isWhitespace { run.removeLast() }
            if run.isEmpty || (pieces.isEmpty && label.isEmpty) {
                label.append(contentsOf: run)
                label.append(contentsOf: ordinal)
                index = end
                continue
            }
            let labelText = String(label).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            pieces.append(.label(labelText))
            pieces.append(.digits(String(String.UnicodeScalarView(run))))
            label = String.UnicodeScalarView(ordinal)
            index = end
            // Table 四 has one data row; the others end at their last row, or after more rows
            // than any of them has (a hostile line of label-digit pairs is not read forever).
            if section == .four || lastRows[section]!.contains(where: labelText.contains) || pieces.count >= 2 * mostRows {
                return (pieces, end - ordinal.count)
            }
        }
        if !label.isEmpty { pieces.append(.label(String(label))) }
        return (pieces, text.endIndex)
    }

    private static func writeRow(_ table: TableID, label: String?, run: String, columns: Int, relation: RunTogetherRow.RowSums,
                                 to output: inout String, notes: inout [RunTogetherRowNote]) {
        let cells: [String]
        let noteLabel = label ?? "行政复议、行政诉讼数据行"
        switch RunTogetherRow.read(run, columns: columns, relation: relation) {
        case .byDigits(let values):
            cells = values
        case .byRelation(let values):
            cells = values
            notes.append(RunTogetherRowNote(table: table, label: noteLabel, digits: run, readByRowSums: true))
        case .ambiguous:
            cells = [run]
            notes.append(RunTogetherRowNote(table: table, label: noteLabel, digits: run, readByRowSums: false))
        }
        output += "| " + ((label.map { [$0] } ?? []) + cells).joined(separator: " | ") + " |\n"
    }

    private static func writeDisclosureRow(label: String, run: String, to output: inout String, notes: inout [RunTogetherRowNote]) {
        let compact = label.filter { !$0.isWhitespace }
        guard let (accepted, item) = disclosureLabels.first(where: { compact.hasSuffix($0.label) }) else {
            output += "| " + label + " | " + run + " |\n"
            return
        }
        let header = String(compact.dropLast(accepted.count))
        if !header.isEmpty { output += header + "\n\n" }
        if item == .fees {
            output += "| " + accepted + " | " + run + " |\n"
        } else {
            writeRow(.two, label: accepted, run: run, columns: item.columns.count, relation: .init(groups: []), to: &output, notes: &notes)
        }
    }

    static func firstIndex(of word: String, in text: ArraySlice<Unicode.Scalar>) -> Int? {
        let scalars = Array(word.unicodeScalars)
        guard text.count >= scalars.count else { return nil }
        var index = text.startIndex
        while index + scalars.count <= text.endIndex {
            if text[index] == scalars[0], text[index..<(index + scalars.count)].elementsEqual(scalars) { return index }
            index += 1
        }
        return nil
    }

    /// Table 四's header run cut at its known words (`行政复议行政诉讼结果维持…`).
    private static func reviewHeader(_ label: String) -> [String] {
        var cells: [String] = []
        var rest = Substring(label.filter { !$0.isWhitespace })
        var unknown = ""
        while !rest.isEmpty {
            if let key = reviewHeaderKeys.first(where: { rest.hasPrefix($0) }) {
                if !unknown.isEmpty { cells.append(unknown) }
                unknown = ""
                cells.append(key)
                rest = rest.dropFirst(key.count)
            } else {
                unknown.append(rest.removeFirst())
            }
        }
        if !unknown.isEmpty { cells.append(unknown) }
        return cells
    }
}
