import CXLSXWriter
import Glibc
import NianbaoDaemon

/// `nianbao export --format xlsx`, written by libxlsxwriter: three sheets (agencies and states;
/// figures; findings), Chinese headers, the header row frozen, numbers stored as numbers,
/// blanks as empty cells. Rows are written in order in libxlsxwriter's constant-memory mode
/// (each sheet streamed to a temporary file), so 10,000 agencies × 200 figures stay small.
enum XLSXExport {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let agencyHeaders = ["机构代码 agency", "名称 name", "状态 state", "逾期 late", "年度 year", "文件 file", "结论 verdict",
                                "问题代码 codes", "收到时间 arrived_at", "在名册中 on_roster"]
    static let findingHeaders = ["机构代码 agency", "文件 file", "代码 code", "级别 severity", "部分 section", "表 table", "行 row",
                                 "列 column", "应为 expected", "实为 found", "说明 message"]

    /// Writes the workbook to `path` (a temporary name in the same folder, renamed into place).
    static func write(_ export: OfficeExport, to path: String) throws(Failure) {
        let temporary = path + ".tmp-\(getpid())"
        var options = lxw_workbook_options(constant_memory: 1, tmpdir: nil, use_zip64: 0)
        guard let workbook = workbook_new_opt(temporary, &options) else {
            throw Failure(description: "无法创建 cannot create \(temporary)")
        }
        let header = workbook_add_format(workbook)
        format_set_bold(header)
        format_set_text_wrap(header)
        format_set_bg_color(header, 0xEEEEEE)

        // Sheet 1: agencies and states.
        let agencies = workbook_add_worksheet(workbook, "机构与状态 agencies")
        let agencyColumns = agencyHeaders + export.view.extraColumns
        writeHeader(agencies, agencyColumns, header)
        var row: lxw_row_t = 1
        for exportRow in export.rows {
            guard let line = exportRow.line else { continue }
            let fields = AgencyListing.csvFields(export.view, line: line)
            for (column, field) in fields.enumerated() {
                switch column {
                case 3, 9: worksheet_write_boolean(agencies, row, lxw_col_t(column), field == "true" ? 1 : 0, nil)
                case 4: worksheet_write_number(agencies, row, lxw_col_t(column), Double(export.view.year), nil)
                default: writeText(agencies, row, column, field)
                }
            }
            row += 1
        }

        // Sheet 2: the figures, one column per contract key (Chinese label, key below it), and 合计.
        let figures = workbook_add_worksheet(workbook, "数据 figures")
        let figureHeaders = ["机构代码 agency", "名称 name", "状态 state"] + OfficeExport.figureColumns.map { "\($0.chinese)\n\($0.key)" }
        writeHeader(figures, figureHeaders, header)
        row = 1
        for exportRow in export.rows {
            let line = exportRow.line
            writeText(figures, row, 0, line?.id ?? OfficeExport.totalLabel)
            writeText(figures, row, 1, line?.name ?? "")
            writeText(figures, row, 2, line?.state.rawValue ?? "")
            writeNumbers(figures, row, exportRow.figures)
            row += 1
        }
        writeText(figures, row, 0, OfficeExport.totalLabel)
        writeNumbers(figures, row, export.total)

        // Sheet 3: findings, one row per finding of each agency's latest report.
        let findings = workbook_add_worksheet(workbook, "问题 findings")
        writeHeader(findings, findingHeaders, header)
        row = 1
        for exportRow in export.rows {
            guard let line = exportRow.line, let report = line.report else { continue }
            for finding in StoredFinding.decode(report.findingsJSON) {
                let texts = [line.id, report.path, finding.code, finding.severity, finding.section ?? "", finding.table ?? "",
                             finding.rowLabel ?? finding.row ?? "", finding.columnLabel ?? finding.column ?? ""]
                for (column, text) in texts.enumerated() { writeText(findings, row, column, text) }
                if let expected = finding.expected { worksheet_write_number(findings, row, 8, expected, nil) }
                if let actual = finding.actual { worksheet_write_number(findings, row, 9, actual, nil) }
                writeText(findings, row, 10, finding.message)
                row += 1
            }
        }

        let result = workbook_close(workbook)
        guard result == LXW_NO_ERROR else {
            unlink(temporary)
            throw Failure(description: "无法写入 cannot write \(path): \(String(cString: lxw_strerror(result)))")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(description: "无法写入 cannot write \(path): \(reason)")
        }
    }

    static func writeHeader(_ sheet: UnsafeMutablePointer<lxw_worksheet>?, _ names: [String], _ format: UnsafeMutablePointer<lxw_format>?) {
        for (column, name) in names.enumerated() {
            worksheet_write_string(sheet, 0, lxw_col_t(column), name, format)
        }
        worksheet_freeze_panes(sheet, 1, 0)
    }

    /// An empty string stays an empty cell.
    static func writeText(_ sheet: UnsafeMutablePointer<lxw_worksheet>?, _ row: lxw_row_t, _ column: Int, _ text: String) {
        guard !text.isEmpty else { return }
        worksheet_write_string(sheet, row, lxw_col_t(column), text, nil)
    }

    static func writeNumbers(_ sheet: UnsafeMutablePointer<lxw_worksheet>?, _ row: lxw_row_t, _ values: [Double?]) {
        for (index, value) in values.enumerated() {
            if let value { worksheet_write_number(sheet, row, lxw_col_t(3 + index), value, nil) }
        }
    }
}
