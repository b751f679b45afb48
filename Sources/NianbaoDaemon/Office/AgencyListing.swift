import NianbaoCore

/// `nianbao agencies` output: text (Chinese first, aligned), JSON Lines, CSV.
public enum AgencyListing {
    public static func text(_ view: OfficeView, lines: [AgencyLine]) -> String {
        let days = view.daysLeft
        let countdown = days >= 0 ? "还有\(days)天 / \(days) day\(days == 1 ? "" : "s") left" : "已过\(-days)天 / \(-days) day\(days == -1 ? "" : "s") past"
        var out = "\(view.year)年度报告，报送截止\(view.deadline)（\(countdown)） / report year \(view.year), deadline \(view.deadline)\n"
        let counts = view.counts
        out += "应报\(counts.expected)，已报\(counts.submitted)，未报\(counts.missing)，退回\(counts.byState[.rejected, default: 0])，无法读取\(counts.byState[.unreadable, default: 0])，逾期\(counts.late)"
            + (view.hasRoster ? "，名册外\(counts.unknown)" : "")
            + " / expected \(counts.expected), submitted \(counts.submitted), missing \(counts.missing), rejected \(counts.byState[.rejected, default: 0]), unreadable \(counts.byState[.unreadable, default: 0]), late \(counts.late)"
            + (view.hasRoster ? ", unknown \(counts.unknown)" : "") + "\n"
        let rows: [[String]] = lines.map { line in
            let state = line.state.chinese + " " + line.state.rawValue
            let late = line.late ? "逾期 late" : ""
            let roster = view.hasRoster && !line.onRoster ? "名册外 unknown" : ""
            let file = line.report.map { TextEscaping.escapeControlCharacters($0.path) } ?? ""
            let arrived = line.report.map { WallClock.iso8601(milliseconds: $0.arrivedAtUnixMs) } ?? ""
            let codes = line.report?.codes.joined(separator: " ") ?? ""
            return [TextEscaping.escapeControlCharacters(line.id), TextEscaping.escapeControlCharacters(line.name), state, late, roster, file, arrived, codes]
        }
        var widths = Array(repeating: 0, count: 8)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(cell)) } }
        for row in rows {
            var text = ""
            for (i, cell) in row.enumerated() where widths[i] > 0 {
                if !text.isEmpty { text += "  " }
                text += cell + String(repeating: " ", count: widths[i] - DisplayWidth.of(cell))
            }
            while text.hasSuffix(" ") { text.removeLast() }
            out += text + "\n"
        }
        return out
    }

    public static func json(_ view: OfficeView, line: AgencyLine) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("agency", .string(line.id)),
            ("name", .string(line.name)),
            ("state", .string(line.state.rawValue)),
            ("late", .bool(line.late)),
            ("year", .int(view.year)),
            ("file", line.report.map { .string($0.path) } ?? .null),
            ("verdict", line.report.map { .string($0.verdict) } ?? .null),
            ("codes", line.report.map { .array($0.codes.map { .string($0) }) } ?? .null),
            ("arrived_at", line.report.map { .string(WallClock.iso8601(milliseconds: $0.arrivedAtUnixMs)) } ?? .null),
            ("on_roster", .bool(line.onRoster)),
        ]
        if !view.extraColumns.isEmpty {
            members.append(("roster", .object(zip(view.extraColumns, line.extra).map { ($0, .string($1)) })))
        }
        return .object(members)
    }

    public static let csvColumns = ["agency", "name", "state", "late", "year", "file", "verdict", "codes", "arrived_at", "on_roster"]

    public static func csvFields(_ view: OfficeView, line: AgencyLine) -> [String] {
        [line.id, line.name, line.state.rawValue, line.late ? "true" : "false", String(view.year),
         line.report?.path ?? "", line.report?.verdict ?? "", line.report?.codes.joined(separator: " ") ?? "",
         line.report.map { WallClock.iso8601(milliseconds: $0.arrivedAtUnixMs) } ?? "", line.onRoster ? "true" : "false"]
            + line.extra
    }

    public static func csv(_ view: OfficeView, lines: [AgencyLine]) -> String {
        var out = CSVWriter.byteOrderMark
        CSVWriter.append(csvColumns + view.extraColumns, to: &out)
        for line in lines { CSVWriter.append(csvFields(view, line: line), to: &out) }
        return out
    }
}

/// RFC 4180: CRLF line ends; a field with a comma, quote, CR or LF is quoted, quotes doubled.
public enum CSVWriter {
    /// Spreadsheets read a CSV file as UTF-8 only with it (Excel otherwise guesses GBK).
    public static let byteOrderMark = "\u{FEFF}"

    public static func append(_ fields: [String], to out: inout String) {
        for (index, field) in fields.enumerated() {
            if index > 0 { out += "," }
            if field.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) {
                out += "\"" + field.replacingQuotes + "\""
            } else {
                out += field
            }
        }
        out += "\r\n"
    }
}

extension String {
    fileprivate var replacingQuotes: String {
        var out = ""
        for character in self { out += character == "\"" ? "\"\"" : String(character) }
        return out
    }
}

/// Terminal columns of a string: East Asian wide and fullwidth characters take two.
enum DisplayWidth {
    static func of(_ text: String) -> Int {
        var width = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            width += wide ? 2 : 1
        }
        return width
    }
}
