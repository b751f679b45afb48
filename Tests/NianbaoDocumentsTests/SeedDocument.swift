import Foundation
import ReportGenerator
import ZIPFoundation

/// The seed report (Tests/Fixtures/seed-2023.txt) as a small model: its prose lines and its three
/// tables with the merged cells of the official template, values taken from the seed's rows.
/// Edits (a value changed or blanked, a row removed) apply to the model and to the seed text
/// alike, so each generated .docx/.html has a text twin to compare with.
struct SeedDocument {
    enum Part {
        case paragraph(String)
        case table([[GridCell]])
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static let seedText = try! String(contentsOf: fixtures.appendingPathComponent("seed-2023.txt"), encoding: .utf8)

    /// Row label (the last label cell of a seed row; "" for table 四's data row) → the row's values.
    var values: [String: [String]]
    /// Row labels left out of the tables (and of the text twin).
    var removed: Set<String> = []
    /// Prose lines (headings, paragraphs) left out, by their first characters.
    var removedLines: Set<String> = []
    /// Tables left out: 1 (二), 2 (三), 3 (四).
    var removedTables: Set<Int> = []

    func keeps(line: Substring) -> Bool { !removedLines.contains { line.hasPrefix($0) } }

    init() {
        var values: [String: [String]] = [:]
        for line in Self.seedText.split(separator: "\n") where line.hasPrefix("|") {
            let (label, numbers) = Self.split(line)
            if !numbers.isEmpty { values[label] = numbers }
        }
        self.values = values
    }

    /// A seed row's label (last non-numeric cell) and its numeric cells.
    static func split(_ line: Substring) -> (String, [String]) {
        let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var label = "", numbers: [String] = []
        for cell in cells where !cell.isEmpty {
            if Double(cell) != nil { numbers.append(cell) } else if numbers.isEmpty { label = cell }
        }
        return (label, numbers)
    }

    func v(_ label: String) -> [String] { values[label]! }

    // MARK: - The text twin

    /// The seed text with the same edits: numeric cells rewritten in place, removed rows dropped.
    var text: String {
        var lines: [String] = []
        var table = 0, inTable = false
        for line in Self.seedText.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("|") {
                if !inTable { table += 1; inTable = true }
                if removedTables.contains(table) { continue }
            } else {
                inTable = false
            }
            guard line.hasPrefix("|") else { if keeps(line: line) { lines.append(String(line)) }; continue }
            let (label, numbers) = Self.split(line)
            if numbers.isEmpty { lines.append(String(line)); continue }
            if removed.contains(label) { continue }
            var replacement = values[label]!
            var cells = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            for index in cells.indices where Double(cells[index].trimmingCharacters(in: .whitespaces)) != nil && !replacement.isEmpty {
                cells[index] = " \(replacement.removeFirst()) "
            }
            lines.append(cells.joined(separator: "|"))
        }
        return lines.joined(separator: "\n")
    }

    // MARK: - The model

    var parts: [Part] {
        var parts: [Part] = []
        var table = 0
        var inTable = false
        for line in Self.seedText.split(separator: "\n") {
            if line.hasPrefix("|") {
                if !inTable {
                    inTable = true
                    table += 1
                    if !removedTables.contains(table) {
                        parts.append(.table(table == 1 ? tableTwo : table == 2 ? tableThree : tableFour))
                    }
                }
            } else {
                inTable = false
                if keeps(line: line) { parts.append(.paragraph(String(line))) }
            }
        }
        return parts
    }

    private func row(_ label: String, _ labelColumns: Int = 1, span: Int = 1) -> [GridCell] {
        [GridCell(text: label, columns: labelColumns)] + v(label).map { GridCell(text: $0, columns: span) }
    }

    var tableTwo: [[GridCell]] {
        func heading(_ text: String) -> [GridCell] { [GridCell(text: text, columns: 4)] }
        func single(_ title: String, _ items: [String]) -> [[GridCell]] {
            [[GridCell(text: "信息内容"), GridCell(text: title, columns: 3)]] + items.filter { !removed.contains($0) }.map { row($0, span: 3) }
        }
        return [heading("第二十条  第(一)项"),
                ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"].map { GridCell(text: $0) }]
            + ["规章", "行政规范性文件"].filter { !removed.contains($0) }.map { row($0) }
            + [heading("第二十条  第(五)项")] + single("本年处理决定数量", ["行政许可"])
            + [heading("第二十条  第(六)项")] + single("本年处理决定数量", ["行政处罚", "行政强制"])
            + [heading("第二十条  第(八)项")] + single("本年收费金额(单位:万元)", ["行政事业性收费"])
    }

    var tableThree: [[GridCell]] {
        var rows: [[GridCell]] = [
            [GridCell(text: "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", columns: 3, rows: 3),
             GridCell(text: "申请人情况", columns: 7)],
            [GridCell(text: "自然人", rows: 2), GridCell(text: "法人或其他组织", columns: 5), GridCell(text: "总计", rows: 2)],
            ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"].map { GridCell(text: $0) },
        ]
        for label in ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"] where !removed.contains(label) {
            rows.append(row(label, 3))
        }
        let groups: [(String, [String])] = [
            ("(一)予以公开", []), ("(二)部分公开", []),
            ("(三)不予公开", ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
                          "5.属于三类内容事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"]),
            ("(四)无法提供", ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"]),
            ("(五)不予处理", ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息"]),
            ("(六)其他处理", ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                          "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"]),
            ("(七)总计", []),
        ]
        var outcome: [[GridCell]] = []
        for (group, items) in groups {
            if items.isEmpty {
                if !removed.contains(group) { outcome.append(row(group, 2)) }
                continue
            }
            let kept = items.filter { !removed.contains($0) }
            for (index, item) in kept.enumerated() {
                outcome.append((index == 0 ? [GridCell(text: group, rows: kept.count)] : []) + row(item))
            }
        }
        if !outcome.isEmpty { outcome[0].insert(GridCell(text: "三、本年度办理结果", rows: outcome.count), at: 0) }
        rows += outcome
        if !removed.contains("四、结转下年度继续办理") { rows.append(row("四、结转下年度继续办理", 3)) }
        return rows
    }

    var tableFour: [[GridCell]] {
        let labels = ["结果维 持", "结果纠 正", "其他结 果", "尚未审 结", "总计"]
        return [
            [GridCell(text: "行政复议", columns: 5), GridCell(text: "行政诉讼", columns: 10)],
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"].map { GridCell(text: $0, rows: 2) }
                + [GridCell(text: "未经复议直接起诉", columns: 5), GridCell(text: "复议后起诉", columns: 5)],
            (labels + labels).map { GridCell(text: $0) },
            v("").map { GridCell(text: $0) },
        ]
    }
}

// MARK: - Writing bytes

extension SeedDocument {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Runs as Word splits them: a few characters each, with run properties and proofing marks.
    static func runs(_ text: String) -> String {
        guard !text.isEmpty else { return "" }
        var xml = ""
        var rest = Substring(text)
        while !rest.isEmpty {
            let piece = rest.prefix(5)
            rest = rest.dropFirst(5)
            xml += #"<w:r><w:rPr><w:rFonts w:hint="eastAsia" w:ascii="宋体"/><w:sz w:val="21"/></w:rPr><w:t xml:space="preserve">\#(escape(String(piece)))</w:t></w:r>"#
            if !rest.isEmpty, rest.count % 3 == 0 { xml += #"<w:proofErr w:type="spellStart"/>"# }
        }
        return xml
    }

    static func paragraph(_ text: String, style: String? = nil) -> String {
        let properties = style.map { #"<w:pPr><w:pStyle w:val="\#($0)"/><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>"# } ?? ""
        return "<w:p>\(properties)\(runs(text))</w:p>"
    }

    var documentXML: String {
        var body = ""
        for (index, part) in parts.enumerated() {
            switch part {
            case .paragraph(let text):
                let heading = text.hasPrefix("一、") || text.hasPrefix("二、") || text.hasPrefix("三、") || text.hasPrefix("四、")
                    || text.hasPrefix("五、") || text.hasPrefix("六、")
                if heading {
                    body += "<w:p/>" + Self.paragraph(text, style: "2")
                } else if text.hasPrefix("2023年度本单位") {
                    // A tracked change: the deleted words are not report text, the inserted ones are.
                    body += #"<w:p><w:del w:id="1" w:author="a"><w:r><w:delText>2022年度本单位收取信息处理费100元。</w:delText></w:r></w:del><w:ins w:id="2" w:author="a">\#(Self.runs(text))</w:ins></w:p>"#
                } else {
                    body += Self.paragraph(text)
                }
            case .table(let rows):
                body += table(rows, index: index)
            }
        }
        // A field (page number) whose code is not text.
        body += #"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE \* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#
        return #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            + #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>"#
            + body + #"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
    }

    private func table(_ rows: [[GridCell]], index: Int) -> String {
        let columns = rows.map { $0.reduce(0) { $0 + $1.columns } }.max() ?? 1
        var xml = #"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders><w:top w:val="single"/></w:tblBorders></w:tblPr><w:tblGrid>"#
        xml += String(repeating: #"<w:gridCol w:w="600"/>"#, count: columns) + "</w:tblGrid>"
        for row in DocumentLayout.wordRows(rows) {
            xml += #"<w:tr><w:trPr><w:jc w:val="center"/></w:trPr>"#
            for (cell, continuation) in row {
                var properties = #"<w:tcW w:w="600" w:type="dxa"/>"#
                if cell.columns > 1 { properties += #"<w:gridSpan w:val="\#(cell.columns)"/>"# }
                if cell.rows > 1 { properties += continuation ? "<w:vMerge/>" : #"<w:vMerge w:val="restart"/>"# }
                properties += #"<w:vAlign w:val="center"/>"#
                let content: String
                if continuation {
                    content = "<w:p/>"
                } else if cell.text == "3", index > 0 {
                    // A figure corrected with change tracking on.
                    content = #"<w:p><w:del w:id="9" w:author="a"><w:r><w:delText>5</w:delText></w:r></w:del>\#(Self.runs(cell.text))</w:p>"#
                } else if cell.text.count > 12, !cell.text.hasPrefix("(本列") {
                    content = Self.paragraph(cell.text)
                } else {
                    content = Self.paragraph(cell.text)
                }
                xml += "<w:tc><w:tcPr>\(properties)</w:tcPr>\(content)</w:tc>"
            }
            xml += "</w:tr>"
        }
        return xml + "</w:tbl><w:p/>"
    }

    static let contentTypes = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>"#
    static let rootRelationships = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#
    static let documentRelationships = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>"#
    /// A header part: never report text (its 2021 would be a wrong year if it were read).
    static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>2021年度 一、总体情况 页眉</w:t></w:r></w:p></w:hdr>"#

    var docx: [UInt8] { Self.zip([
        ("[Content_Types].xml", Array(Self.contentTypes.utf8)),
        ("_rels/.rels", Array(Self.rootRelationships.utf8)),
        ("word/document.xml", Array(documentXML.utf8)),
        ("word/_rels/document.xml.rels", Array(Self.documentRelationships.utf8)),
        ("word/header1.xml", Array(Self.header.utf8)),
    ]) }

    /// A ZIP written in memory with ZIPFoundation, deflated, with a fixed date (stable bytes).
    static func zip(_ entries: [(String, [UInt8])], method: CompressionMethod = .deflate) -> [UInt8] {
        let archive = try! Archive(accessMode: .create)
        for (path, bytes) in entries {
            let data = Data(bytes)
            try! archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                  modificationDate: Date(timeIntervalSince1970: 1_704_067_200),
                                  compressionMethod: method) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return [UInt8](archive.data!)
    }

    // MARK: - HTML

    enum Charset { case utf8, gb2312Meta, gbkHTTPEquiv }

    func html(charset: Charset = .utf8, chrome: Bool = true) -> [UInt8] {
        let meta: String
        switch charset {
        case .utf8: meta = #"<meta charset="utf-8">"#
        case .gb2312Meta: meta = #"<meta charset="gb2312">"#
        case .gbkHTTPEquiv: meta = #"<meta http-equiv="Content-Type" content="text/html; charset=GBK">"#
        }
        var page = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\(meta)\n<title>2023年度政府信息公开工作年度报告</title>\n"
        page += "<style>td { border: 1px solid #000; } .nav li { float: left; }</style>\n"
        page += "<script>var year = 2021; document.write('<p>一、总体情况</p>');</script>\n</head>\n<body>\n"
        if chrome {
            page += #"<header><div class="logo">某市人民政府</div><nav class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li></ul></nav></header>"# + "\n"
            page += #"<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 年度报告</div>"# + "\n"
            page += #"<table class="meta"><tr><td>索引号：</td><td>11350100MB0000000X/2024-00012</td><td>发布机构：</td><td>某市某局</td></tr><tr><td>发文日期：</td><td>2024-01-20</td><td>主题分类：</td><td>政务公开</td></tr></table>"# + "\n"
            page += #"<div class="content"><h1 style="text-align:center">某市某局2023年政府信息公开工作年度报告</h1>"# + "\n"
        }
        for part in parts {
            switch part {
            case .paragraph(let text):
                let isHeading = ["一、", "二、", "三、", "四、", "五、", "六、"].contains { text.hasPrefix($0) }
                page += isHeading ? "<h3><strong>\(Self.escape(text))</strong></h3>\n"
                    : "<p style=\"text-indent:2em\"><span>\(Self.escape(text))</span></p>\n"
            case .table(let rows):
                page += "<div align=\"center\"><table border=\"1\" cellspacing=\"0\" cellpadding=\"0\" width=\"600\">\n<tbody>\n"
                for row in rows {
                    page += "<tr>"
                    for cell in row {
                        var attributes = ""
                        if cell.columns > 1 { attributes += " colspan=\"\(cell.columns)\"" }
                        if cell.rows > 1 { attributes += " rowspan=\"\(cell.rows)\"" }
                        let content = cell.text.isEmpty ? "&nbsp;" : "<p align=\"center\"><span style=\"font-size:14px\">\(Self.escape(cell.text))</span></p>"
                        page += "<td\(attributes) valign=\"middle\">\(content)</td>"
                    }
                    page += "</tr>\n"
                }
                page += "</tbody>\n</table></div>\n<p>&nbsp;</p>\n"
            }
        }
        if chrome {
            page += "</div>\n<div class=\"share\">分享到：<a href=\"#\">微信</a> <a href=\"#\">微博</a> 【打印本页】【关闭窗口】</div>\n"
            page += "<footer><p>主办：某市人民政府办公室 网站标识码：3501000001 闽ICP备0000000号</p><p>2021年版权所有</p></footer>\n"
        }
        page += "</body>\n</html>\n"
        switch charset {
        case .utf8: return Array(page.utf8)
        case .gb2312Meta, .gbkHTTPEquiv: return [UInt8](page.data(using: String.Encoding(rawValue: 0x8000_0632))!)
        }
    }
}
