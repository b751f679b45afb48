import NianbaoCore

/// The office's page: one self-contained HTML file (inline CSS and SVG, no script, no external
/// asset), every string escaped. `nianbao export --format html` prints it; the daemon keeps
/// `<results>/index.html` current with it.
public enum OfficePage {
    static let colours: [AgencyState: String] = [
        .missing: "#9e9e9e", .accepted: "#2e7d32", .acceptedWithWarnings: "#f9a825", .rejected: "#c62828", .unreadable: "#6a1b9a",
    ]

    public static func html(_ view: OfficeView, generatedAtMs: Int64) -> String {
        let counts = view.counts
        let days = view.daysLeft
        let countdown = days >= 0 ? "距报送截止还有\(days)天 / \(days) day\(days == 1 ? "" : "s") to the deadline"
                                  : "已过报送截止\(-days)天 / \(-days) day\(days == -1 ? "" : "s") past the deadline"
        var out = """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(view.year)年度政府信息公开工作年度报告报送情况</title>
            <style>
            body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:2em;color:#212121}
            h1{font-size:1.5em;margin-bottom:.2em} .en{color:#616161;font-size:.85em}
            table{border-collapse:collapse;margin:1em 0} th,td{border:1px solid #bdbdbd;padding:.3em .6em;text-align:left;vertical-align:top}
            th{background:#eeeeee} td.num{text-align:right}
            .state{display:inline-block;padding:.1em .5em;border-radius:.3em;color:#fff}
            .missing{background:#9e9e9e}.accepted{background:#2e7d32}.accepted_with_warnings{background:#f9a825;color:#212121}
            .rejected{background:#c62828}.unreadable{background:#6a1b9a}.late{color:#c62828;font-weight:bold}
            </style></head><body>

            """
        out += "<h1>\(view.year)年度报告报送情况 <span class=\"en\">report year \(view.year)</span></h1>\n"
        out += "<p id=\"deadline\" data-days-left=\"\(days)\">报送截止 \(view.deadline)：\(escape(countdown))</p>\n"
        out += "<p id=\"summary\">应报 <b id=\"expected\">\(counts.expected)</b>，已报 <b id=\"submitted\">\(counts.submitted)</b>，逾期 <b id=\"late\">\(counts.late)</b>"
            + (view.hasRoster ? "，名册外 <b id=\"unknown\">\(counts.unknown)</b>" : "")
            + " <span class=\"en\">expected, submitted, late\(view.hasRoster ? ", unknown" : "")</span></p>\n"
        out += chart(counts)
        out += "<h2>各机构 <span class=\"en\">agencies</span></h2>\n<table id=\"agencies\"><thead><tr><th>机构代码 id</th><th>名称 name</th><th>状态 state</th><th>文件 file</th><th>收到时间 arrived</th></tr></thead><tbody>\n"
        for line in view.lines {
            let unknown = view.hasRoster && !line.onRoster
            out += "<tr data-agency=\"\(escape(line.id))\" data-state=\"\(line.state.rawValue)\"\(line.late ? " data-late=\"true\"" : "")>"
            out += "<td>\(escape(line.id))</td><td>\(escape(line.name))\(unknown ? " <span class=\"en\">名册外 unknown</span>" : "")</td>"
            out += "<td><span class=\"state \(line.state.rawValue)\">\(line.state.chinese)</span> <span class=\"en\">\(line.state.rawValue)</span>"
                + (line.late ? " <span class=\"late\">逾期 late</span>" : "") + "</td>"
            out += "<td>\(escape(line.report?.path ?? ""))</td><td>\(line.report.map { WallClock.iso8601(milliseconds: $0.arrivedAtUnixMs) } ?? "")</td></tr>\n"
        }
        out += "</tbody></table>\n"
        let returned = view.lines.filter { $0.state == .rejected || $0.state == .unreadable }
        if !returned.isEmpty {
            out += "<h2>退回的报告及原因 <span class=\"en\">returned reports and why</span></h2>\n"
            for line in returned {
                guard let report = line.report else { continue }
                out += "<h3 data-agency=\"\(escape(line.id))\">\(escape(line.id)) \(escape(line.name))：\(escape(report.path))</h3>\n"
                out += "<table class=\"findings\"><thead><tr><th>代码 code</th><th>级别 severity</th><th>表/部分 table/section</th><th>行 row</th><th>列 column</th><th>应为 expected</th><th>实为 found</th><th>说明 message</th></tr></thead><tbody>\n"
                for finding in StoredFinding.decode(report.findingsJSON) {
                    out += "<tr><td>\(escape(finding.code))</td><td>\(finding.severity == "error" ? "错误" : "警告") \(escape(finding.severity))</td>"
                    out += "<td>\(escape(finding.table ?? finding.section ?? ""))</td><td>\(escape(finding.rowLabel ?? finding.row ?? ""))</td>"
                    out += "<td>\(escape(finding.columnLabel ?? finding.column ?? ""))</td>"
                    out += "<td class=\"num\">\(finding.expected.map(formatFigure) ?? "")</td><td class=\"num\">\(finding.actual.map(formatFigure) ?? "")</td>"
                    out += "<td>\(escape(finding.message))</td></tr>\n"
                }
                out += "</tbody></table>\n"
            }
        }
        out += "<p class=\"en\">nianbao, \(WallClock.iso8601(milliseconds: generatedAtMs))</p>\n</body></html>\n"
        return out
    }

    /// Counts by state as horizontal bars, inline SVG (no script).
    static func chart(_ counts: AgencyCounts) -> String {
        let states = AgencyState.allCases
        let largest = max(1, states.map { counts.byState[$0, default: 0] }.max() ?? 1)
        let barWidth = 360.0, rowHeight = 26
        var svg = "<svg id=\"chart\" role=\"img\" aria-label=\"各状态机构数 agencies by state\" xmlns=\"http://www.w3.org/2000/svg\" width=\"620\" height=\"\(states.count * rowHeight + 8)\">\n"
        for (index, state) in states.enumerated() {
            let count = counts.byState[state, default: 0]
            let y = index * rowHeight + 4
            let width = Double(count) / Double(largest) * barWidth
            svg += "<g data-state=\"\(state.rawValue)\" data-count=\"\(count)\"><text x=\"0\" y=\"\(y + 17)\" font-size=\"14\">\(state.chinese)</text>"
            svg += "<rect x=\"150\" y=\"\(y)\" width=\"\(String(format1(width)))\" height=\"20\" fill=\"\(colours[state]!)\"/>"
            svg += "<text x=\"\(String(format1(150 + width + 6)))\" y=\"\(y + 17)\" font-size=\"14\">\(count)</text></g>\n"
        }
        return svg + "</svg>\n"
    }

    static func format1(_ value: Double) -> String {
        String(Double(Int((value * 10).rounded())) / 10)
    }

    /// Text and attribute values: the five characters HTML gives meaning to.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters cannot appear in HTML text: shown escaped as in the journal.
                if character.value < 0x20 && character != "\n" && character != "\t" || character.value == 0x7F {
                    out += "\\x" + (character.value < 16 ? "0" : "") + String(character.value, radix: 16, uppercase: true)
                } else {
                    out.unicodeScalars.append(character)
                }
            }
        }
        return out
    }
}
