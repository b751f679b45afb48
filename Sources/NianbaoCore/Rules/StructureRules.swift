/// NB201–NB208: sections, tables, rows, layout version and year.
enum StructureRules {
    static func findings(_ report: Report) -> [Finding] {
        var findings: [Finding] = []
        for section in Section.allCases where !report.sections.contains(section) {
            findings.append(Finding(
                code: .nb201, section: section,
                message: "缺少第\(section.numeral)部分“\(section.canonicalTitle)”",
                messageEnglish: "section \(section.numeral) (\(section.englishTitle)) is missing"))
        }
        if report.headingOrder != report.headingOrder.sorted() {
            let order = report.headingOrder.map(\.numeral).joined(separator: "、")
            findings.append(Finding(
                code: .nb202,
                message: "章节顺序为\(order)，应按一至六的顺序排列",
                messageEnglish: "sections appear in the order \(order); they must run from 一 to 六"))
        }
        findings += formerLayout(report)
        findings += year(report.year)
        // The old layout's tables have other rows: judging them row by row would only bury NB206.
        if report.formatVersion != .v2019 {
            findings += tables(report)
        }
        return findings
    }

    private static func formerLayout(_ report: Report) -> [Finding] {
        guard !report.formerLayoutMarkers.isEmpty else { return [] }
        if let year = report.year.year, year < 2021 { return [] }
        let markers = report.formerLayoutMarkers.joined(separator: "、")
        let yearText = report.year.year.map { "\($0)年度" } ?? "本年度"
        return [Finding(
            code: .nb206,
            message: "表格使用已废止的2019年版格式（发现：\(markers)）；\(yearText)报告须使用2021年版格式（国办公开办函〔2021〕30号）",
            messageEnglish: "the tables use the superseded 2019 layout (found: \(markers)); reports for \(report.year.year.map(String.init) ?? "this year") must use the 2021 layout")]
    }

    private static func year(_ evidence: YearEvidence) -> [Finding] {
        guard evidence.year != nil else {
            return [Finding(
                code: .nb207,
                message: "无法确定报告年度：标题、统计期限和正文中都没有写明年份",
                messageEnglish: "the report year cannot be determined: neither the title, the statistics period nor the text names it")]
        }
        let stated: [(String, String, Int)] = [
            ("标题", "title", evidence.title), ("统计期限", "statistics period", evidence.statisticsPeriod),
            ("正文", "text", evidence.text),
        ].compactMap { place, english, year in year.map { (place, english, $0) } }
        guard Set(stated.map(\.2)).count > 1 else { return [] }
        return [Finding(
            code: .nb208,
            message: "报告年度前后不一致：" + stated.map { "\($0.0)为\($0.2)年" }.joined(separator: "，"),
            messageEnglish: "the report year disagrees: " + stated.map { "\($0.1) says \($0.2)" }.joined(separator: ", "))]
    }

    private static func tables(_ report: Report) -> [Finding] {
        var findings: [Finding] = []
        func missingTable(_ table: TableID, _ name: String, _ english: String) {
            findings.append(Finding(
                code: .nb203, table: table,
                message: "未找到第\(table.rawValue)部分的表格（\(name)）；如原文表格是图片，请改为可编辑的表格",
                messageEnglish: "the table of section \(table.rawValue) (\(english)) was not found; if it was an image, replace it with an editable table"))
        }
        func rows<Key: TableRowKey & RawRepresentable>(_ table: TableID, _ keys: some Sequence<Key>, _ found: TableRows<Key>, label: (Key) -> String, columns: Int)
            where Key.RawValue == String {
            for key in keys {
                guard let row = found[key] else {
                    findings.append(Finding(
                        code: .nb204, table: table, row: key.rawValue, rowLabel: label(key),
                        message: "表\(table.rawValue)中未找到“\(label(key))”一行",
                        messageEnglish: "table \(table.rawValue): row \(key.rawValue) was not found"))
                    continue
                }
                if !row.isAligned, case let merged = found.mergedNumbers(of: key), !merged.isEmpty {
                    let sharing = Key.allCases.filter { $0 != key && found.mergedNumbers(of: $0).contains(where: merged.contains) }
                    findings.append(sharedMergedNumbers(table, row: key.rawValue, label: row.label, cells: row.cells,
                                                        sharing: sharing.map { (key: $0.rawValue, label: found[$0]!.label) }))
                } else if !row.isAligned {
                    findings.append(misaligned(table, row: key.rawValue, label: row.label, count: row.cells.count, expected: columns, cells: row.cells,
                                               runTogether: report.runTogetherRows))
                }
            }
        }

        if let disclosure = report.disclosure {
            for item in DisclosureItem.allCases {
                rows(.two, CollectionOfOne(item), disclosure.rows, label: \.label, columns: item.columns.count)
            }
        } else {
            missingTable(.two, "主动公开政府信息情况", "proactive disclosure")
        }
        if let applications = report.applications {
            rows(.three, ApplicationRow.allCases, applications.rows, label: \.label, columns: ApplicantColumn.allCases.count)
        } else {
            missingTable(.three, "收到和处理政府信息公开申请情况", "applications received and handled")
        }
        if let review = report.review {
            if let data = review.data {
                if !data.isAligned {
                    findings.append(misaligned(.four, row: nil, label: data.label, count: data.cells.count, expected: 15, cells: data.cells,
                                               runTogether: report.runTogetherRows))
                }
            } else {
                findings.append(Finding(
                    code: .nb204, table: .four,
                    message: "表四中未找到数据行（行政复议、行政诉讼的15个数字）",
                    messageEnglish: "table 四: the data row (15 figures of review and litigation) was not found"))
            }
        } else {
            missingTable(.four, "行政复议、行政诉讼情况", "review and litigation")
        }
        return findings
    }

    /// NB205. A row with cells merged down into other rows that hold a number other than 0: the
    /// number belongs to those rows together and cannot be split between them, so none of them
    /// is read (a merged 0 is 0 in each row, and never comes here).
    private static func sharedMergedNumbers(_ table: TableID, row: String, label: String, cells: [String],
                                            sharing: [(key: String, label: String)]) -> Finding {
        let (shown, shownEnglish) = shownCells(cells)
        let others = sharing.isEmpty ? "其他行" : sharing.map { "“\($0.label)”" }.joined(separator: "、")
        let othersEnglish = sharing.isEmpty ? "other rows" : "row" + (sharing.count > 1 ? "s " : " ") + sharing.map(\.key).joined(separator: ", ")
        return Finding(
            code: .nb205, table: table, row: row, rowLabel: label,
            message: "表\(table.rawValue)“\(label)”一行与\(others)共用纵向合并的单元格，其中的非零数字无法拆分到各行：\(shown)；请取消合并，逐行填写各行的数字",
            messageEnglish: "table \(table.rawValue) row \(row) shares vertically merged cells with \(othersEnglish), and the non-zero numbers in them cannot be split between the rows: \(shownEnglish); unmerge the cells and fill in each row's own numbers")
    }

    /// NB205. A row of text that lost its shape whose digits ran together and allow no one
    /// reading (`RunTogetherRowNote`, declined) says so, and what to send instead.
    private static func misaligned(_ table: TableID, row: String?, label: String, count: Int, expected: Int, cells: [String],
                                   runTogether: [RunTogetherRowNote]) -> Finding {
        let compact = TextNormalizer.removingSpaces
        if cells.count == 1, let note = runTogether.first(where: {
            !$0.readByRowSums && $0.table == table && compact($0.digits) == compact(cells[0])
        }) {
            return Finding(
                code: .nb205, table: table, row: row, rowLabel: label,
                expected: .count(expected), actual: .count(count),
                message: "表\(table.rawValue)“\(label)”一行的数字连在一起（\(note.digits)），无法唯一拆分到\(expected)列；表格的单元格连在一起，请提交原始Word/PDF文件或单元格分隔的表格",
                messageEnglish: "table \(table.rawValue) row \(row ?? "data"): the row's digits run together (\(note.digits)) and cannot be split into its \(expected) columns one way only; the table's cells are run together: send the original Word or PDF file, or the table with its cells separated")
        }
        let (shown, shownEnglish) = shownCells(cells)
        return Finding(
            code: .nb205, table: table, row: row, rowLabel: label,
            expected: .count(expected), actual: .count(count),
            message: "表\(table.rawValue)“\(label)”一行有\(count)个数字单元格，应为\(expected)个，无法与各列对应（可能是合并单元格塌陷）：\(shown)；请按原表格逐列填写",
            messageEnglish: "table \(table.rawValue) row \(row ?? "data") has \(count) value cells where \(expected) are expected and cannot be aligned with the columns (collapsed merged cells?): \(shownEnglish)")
    }

    /// A row's cells as its NB205 shows them, in Chinese and in English: `|` between them, a
    /// blank cell named.
    private static func shownCells(_ cells: [String]) -> (chinese: String, english: String) {
        (cells.map { $0.isEmpty ? "（空）" : $0 }.joined(separator: " | "), cells.map { $0.isEmpty ? "(blank)" : $0 }.joined(separator: " | "))
    }
}
