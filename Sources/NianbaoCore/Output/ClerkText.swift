/// The text an agency clerk reads: Chinese first with English beside it, the problems grouped
/// by section, each with the row and column as printed in the table and the numbers expected
/// and found. File names and cell text are escaped so nothing can forge a line.
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
        }
        if findings.isEmpty {
            lines.append("未发现问题。 No problems found.")
        } else {
            lines.append("问题 Findings: \(errorCount) 个错误 errors, \(warningCount) 个警告 warnings")
        }
        var currentGroup: Section?? = .none
        for finding in findings {
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
            lines.append("  [\(finding.code.rawValue) \(severity)] \(TextEscaping.escapeControlCharacters(finding.message))")
            lines.append("      \(TextEscaping.escapeControlCharacters(finding.messageEnglish))")
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
