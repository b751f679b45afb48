import NianbaoCore

extension PDFLayout {
    /// The report's three tables, told by their header words.
    enum TableKind {
        /// Table 二 (第二十条 items): rows of one to three values under their own header lines.
        case disclosure
        /// Table 三: seven applicant columns.
        case applications
        /// Table 四: three groups of five.
        case review

        static func starting(_ line: Line) -> TableKind? {
            let first = line.chunks[0].text.withoutSpaces
            if isArticleLine(first) || first == "信息内容" { return .disclosure }
            if first.hasPrefix("（本列数据") || first.hasPrefix("(本列数据") || line.chunks.contains(where: { $0.text.withoutSpaces == "申请人情况" || $0.text.withoutSpaces == "自然人" }) {
                return .applications
            }
            let texts = line.chunks.map(\.text.withoutSpaces)
            // `行政复议` alone in its cell (the header's first line, or `行政诉讼` a line below).
            if texts.contains("行政复议") { return .review }
            return nil
        }

        /// `第二十条第（一）项`, or its first part when the merged cell wraps (`第二` / `十条第（一）项`).
        static func isArticleLine(_ first: String) -> Bool {
            first.hasPrefix("第二十条") || first == "第二" || first == "第二十"
        }

        /// The words of the value columns' headers, from the core's schema, and how many value
        /// columns there are (table 二's items have one or three: none for the whole table).
        var columns: (names: [String], count: Int) {
            switch self {
            // The fees column's header as printed ends in its unit, which wraps or is written
            // with other brackets: its first words find it.
            case .disclosure: (DisclosureItem.rules.columns.map(\.label) + [DisclosureColumn.decisions.label, "本年收费金额"], 0)
            case .applications: (ApplicantColumn.allCases.map(\.label) + ["其它"], ApplicantColumn.allCases.count)
            case .review: (ReviewColumn.allCases.map(\.label), ReviewGroup.allCases.count * ReviewColumn.allCases.count)
            }
        }
    }

    /// Row and heading markers: `一、`, `（一）`, `1.`.
    enum Marker {
        static let numerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

        static func startsItem(_ text: String) -> Bool {
            let characters = Array(text.withoutSpaces.prefix(5))
            guard let first = characters.first else { return false }
            if first == "（" || first == "(" {
                let numeral = characters.dropFirst().prefix(while: { numerals.contains($0) })
                // `（三` with `）不予公开` wrapped to the next line of a narrow cell.
                if !numeral.isEmpty, numeral.count <= 2, characters.count == numeral.count + 1, text.withoutSpaces.count == characters.count { return true }
                return !numeral.isEmpty && numeral.count <= 2 && characters.count > numeral.count + 1 && (characters[numeral.count + 1] == "）" || characters[numeral.count + 1] == ")")
            }
            if numerals.contains(first) {
                let numeral = characters.prefix(while: { numerals.contains($0) })
                return numeral.count <= 2 && characters.count > numeral.count && characters[numeral.count] == "、"
            }
            let digits = characters.prefix(while: { $0.unicodeScalars.first!.isDigitLike })
            return !digits.isEmpty && digits.count <= 2 && characters.count > digits.count && [".", "．", "、"].contains(characters[digits.count])
        }

        /// A section heading (`四、政府信息公开行政复议、行政诉讼情况`), which ends any table.
        static func isHeading(_ text: String) -> Bool {
            let plain = text.withoutSpaces
            guard let first = plain.first, numerals.contains(first), plain.dropFirst().first == "、" else { return false }
            return ["情况", "问题", "事项", "改进", "计划"].contains { plain.has($0) } && !plain.has("结转")
        }

        /// Merged group labels of table 三: they share lines with rows without starting one. A
        /// bare `（五）` or `（三` is the head of a group label wrapped in its narrow cell.
        static func isGroupLabel(_ text: String) -> Bool {
            let plain = text.withoutSpaces
            // `三、`, `三、本年度`: the head of 三、本年度办理结果 wrapped in its merged cell.
            if plain.count >= 2, "三、本年度办理结果".hasPrefix(plain) { return true }
            if let first = plain.first, first == "（" || first == "(" {
                let rest = plain.dropFirst().drop(while: { numerals.contains($0) })
                if rest.isEmpty || rest == "）" || rest == ")" { return true }
                // `（四）无` of （四）无法提供 wrapped in its narrow cell.
                if let close = rest.first, close == "）" || close == ")" {
                    let name = rest.dropFirst()
                    if ["不予公开", "无法提供", "不予处理", "其他处理"].contains(where: { $0.hasPrefix(name) }) { return true }
                }
            }
            // Each name is four or more characters (twelve or more bytes): stacked single
            // characters, most of a table's label chunks, are none of them.
            guard plain.utf8.count >= 12 else { return false }
            return ["本年度办理结果", "不予公开", "无法提供", "不予处理", "其他处理"].contains { plain.has($0) } && !plain.has(".") && !plain.has("．")
        }
    }
}
