/// The text an agency clerk reads: Chinese first with English beside it, the problems grouped
/// by section, errors before warnings, each with the row and column as printed in the table and
/// the numbers expected and found; an arithmetic finding's two sides each on a line of their
/// own. File names and cell text are escaped so nothing can forge a line.
extension CheckOutcome {
    public func clerkText(file: String) -> String {
        var lines: [String] = []
        let shownFile = TextEscaping.escapeControlCharacters(file)
        lines.append("文件 File: \(shownFile)")
        lines.append("结论 Verdict: \(verdict.chinese) \(verdict.rawValue)")
        if let report {
            let year = report.year.year.map { "\($0)年 \($0)" } ?? "未知 unknown"
            lines.append("年度 Year: \(year)    格式 Format: \(report.formatVersion.rawValue)")
            let sections = report.sections.map(\.numeral).joined(separator: " ")
            lines.append("章节 Sections: \(sections.isEmpty ? "无 none" : sections)")
            lines += report.readByRowSumsLines
        }
        if findings.isEmpty {
            lines.append("未发现问题。 No problems found.")
        } else {
            lines.append("问题 Findings: \(errorCount) 个错误 errors, \(warningCount) 个警告 warnings")
        }
        var currentGroup: Section?? = .none
        // Grouped by section (the whole report first), the most important first within each.
        let ordered = findings.enumerated().sorted { left, right in
            (left.element.section?.rawValue ?? 0, -left.element.severity.order, left.offset)
                < (right.element.section?.rawValue ?? 0, -right.element.severity.order, right.offset)
        }.map(\.element)
        for finding in ordered {
            if currentGroup != .some(finding.section) {
                currentGroup = .some(finding.section)
                lines.append("")
                if let section = finding.section {
                    lines.append("\(section.canonicalTitle)  (\(section.numeral): \(section.englishTitle))")
                } else {
                    lines.append("全文 Whole report")
                }
            }
            let severity = "\(finding.severity.chinese) \(finding.severity.rawValue)"
            for (index, line) in finding.clerkLines.enumerated() {
                lines.append(index == 0 ? "  [\(finding.code.rawValue) \(severity)] \(line)" : "      \(line)")
            }
            if finding.expected != nil || finding.actual != nil {
                let expected = finding.expected.map(String.init(describing:)) ?? "-"
                let actual = finding.actual.map(String.init(describing:)) ?? "-"
                lines.append("      应为 expected: \(expected)    实为 found: \(actual)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

public enum TextEscaping {
    /// Control characters (C0, DEL, C1, line and paragraph separators) as `\n`, `\t`, `\xHH`
    /// or `\u{HHHH}`, so a file name with a newline cannot start a line of its own.
    public static func escapeControlCharacters(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if isControl(scalar) {
                    output += scalar.value <= 0xFF
                        ? "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                        : "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}

extension Severity {
    /// errors 2, warnings 1, info 0.
    var order: Int { self == .error ? 2 : self == .warning ? 1 : 0 }
}

extension Finding {
    /// The finding's lines for the clerk, escaped: the message, then the English. An arithmetic
    /// finding's message is split where its sides begin (`RelationTerms.shown`): the relation,
    /// the left side, 而 the right side with the difference, then the advice about blanks.
    var clerkLines: [String] {
        var lines = split(message, terms?.shownChinese, joiner: "，而", advice: "。")
            + split(messageEnglish, terms?.shownEnglish, joiner: ", but ", advice: "; ")
        for index in lines.indices { lines[index] = TextEscaping.escapeControlCharacters(lines[index]) }
        return lines
    }

    private func split(_ text: String, _ shown: (left: String, right: String)?, joiner: String, advice: String) -> [String] {
        guard let shown, let sides = text.range(of: shown.left + joiner + shown.right) else { return [text] }
        var head = String(text[..<sides.lowerBound])
        if head.hasSuffix(" ") { head.removeLast() }
        if head.hasSuffix("：") || head.hasSuffix(":") { head.removeLast() }
        let rest = String(text[sides.upperBound...])
        var lines = [head, shown.left, String(joiner.drop { $0 == "，" || $0 == "," || $0 == " " }) + shown.right]
        if let adviceStart = rest.range(of: advice), rest.hasPrefix(advice) {
            lines.append(String(rest[adviceStart.upperBound...]))
        } else {
            lines[lines.count - 1] += rest
        }
        return lines
    }
}

extension Report {
    /// Text that lost its shape: the rows of each table whose digits ran together and were read
    /// by the one split that satisfies the row's own sums. Those sums decided the reading, so
    /// they are no evidence for those rows: the clerk is told so (escaped, like any cell text).
    var readByRowSumsLines: [String] {
        var lines: [String] = []
        for table in TableID.allCases {
            let rows = runTogetherRows.filter { $0.table == table && $0.readByRowSums }
            guard !rows.isEmpty else { continue }
            let labels = TextEscaping.escapeControlCharacters(rows.map(\.label).joined(separator: "；"))
            let sums = RunTogetherRowNote.sums(table)
            lines.append("说明 Note: 表\(table.rawValue)以下各行的数字连在一起，按唯一满足\(sums.0)的拆分读取，\(sums.0)因此不作为这些行的核对依据：\(labels)")
            lines.append("      table \(table.rawValue): these rows' digits ran together and were read by the one split that satisfies \(sums.1), so that total is no evidence for them: \(labels)")
        }
        return lines
    }
}

extension RunTogetherRowNote {
    /// The sums that decide a run-together row of a table: the row's own total (表二 has none),
    /// or each of table 四's groups' totals.
    static func sums(_ table: TableID) -> (chinese: String, english: String) {
        table == .four ? ("各组合计", "each group's total") : ("本行合计", "the row's total")
    }

    /// What the verdict says of a row read by its own sums, in Chinese and in English.
    var message: (chinese: String, english: String) {
        let sums = Self.sums(table)
        return ("表\(table.rawValue)“\(label)”一行的数字连在一起（\(digits)），按唯一满足\(sums.chinese)的拆分读取，\(sums.chinese)因此不作为该行的核对依据",
                "table \(table.rawValue) row \(row ?? "data"): the row's digits ran together (\(digits)) and were read by the one split that satisfies \(sums.english), so that total is no evidence for this row")
    }
}
