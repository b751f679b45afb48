import Foundation
import NianbaoCore
import ReportGenerator

/// A generated report written as Word writes a .docx (runs split every few characters, run
/// properties, proofing marks, bookmarks, empty paragraphs, gridSpan and vMerge restart/continue)
/// or as a CMS publishes a page (rowspan/colspan, &nbsp; cells, named entities, navigation,
/// breadcrumbs, a 索引号/发布机构 table, footer, GBK with a meta charset). Deterministic for a seed.
struct GeneratedDocument {
    enum Format: String, CaseIterable, CustomStringConvertible {
        case docx, html
        var description: String { rawValue }
    }

    enum Charset: CaseIterable { case utf8, gb2312Meta, gbkHTTPEquiv }

    var layout: DocumentLayout
    var agency: String
    var year: Int
    private var rng: SplitMix64

    init(model: ReportModel, seed: UInt64) {
        var rng = SplitMix64.derived(seed, 31)
        layout = DocumentLayout.of(model, mixing: rng.chance(0.6), rng: &rng)
        agency = model.agency
        year = model.year
        self.rng = rng
    }

    // MARK: - Word

    private static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }

    private static let runProperties = [
        "",
        #"<w:rPr><w:rFonts w:hint="eastAsia" w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>"#,
        #"<w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/><w:color w:val="000000"/><w:kern w:val="0"/><w:sz w:val="32"/></w:rPr>"#,
        #"<w:rPr><w:b/><w:bCs/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>"#,
    ]

    /// Text as Word splits it into runs: a few characters each, with properties, proofing marks
    /// and bookmarks between them.
    private mutating func runs(_ text: String) -> String {
        var xml = ""
        var rest = Substring(text)
        while !rest.isEmpty {
            let piece = rest.prefix(rng.int(1...8))
            rest = rest.dropFirst(piece.count)
            let space = piece.first == " " || piece.last == " " ? #" xml:space="preserve""# : ""
            xml += "<w:r>\(rng.pick(Self.runProperties))<w:t\(space)>\(Self.escape(String(piece)))</w:t></w:r>"
            if !rest.isEmpty {
                switch rng.int(0...9) {
                case 0: xml += #"<w:proofErr w:type="spellStart"/>"#
                case 1: xml += #"<w:bookmarkStart w:id="\#(rng.int(0...99))" w:name="_Toc\#(rng.int(1000...9999))"/><w:bookmarkEnd w:id="0"/>"#
                default: break
                }
            }
        }
        return xml
    }

    private mutating func paragraph(_ text: String, properties: String = "") -> String {
        let pPr = properties.isEmpty && rng.chance(0.5)
            ? #"<w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLine="640"/></w:pPr>"# : properties
        return "<w:p>\(pPr)\(runs(text))</w:p>"
    }

    private mutating func emptyParagraph() -> String {
        rng.pick(["<w:p/>", #"<w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p>"#, #"<w:p><w:r><w:t xml:space="preserve"> </w:t></w:r></w:p>"#])
    }

    private mutating func wordTable(_ rows: [[GridCell]]) -> String {
        let width = rows.map { $0.reduce(0) { $0 + $1.columns } }.max() ?? 1
        var xml = #"<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>"#
        xml += String(repeating: #"<w:gridCol w:w="\#(9000 / width)"/>"#, count: width) + "</w:tblGrid>"
        for row in DocumentLayout.wordRows(rows) {
            xml += #"<w:tr><w:tblPrEx><w:tblCellMar><w:left w:w="0"/></w:tblCellMar></w:tblPrEx><w:trPr><w:trHeight w:val="400"/><w:jc w:val="center"/></w:trPr>"#
            for (cell, continuation) in row {
                var properties = #"<w:tcW w:w="\#(cell.columns * 9000 / width)" w:type="dxa"/>"#
                if cell.columns > 1 { properties += #"<w:gridSpan w:val="\#(cell.columns)"/>"# }
                if cell.rows > 1 { properties += continuation ? "<w:vMerge/>" : #"<w:vMerge w:val="restart"/>"# }
                properties += #"<w:tcBorders><w:left w:val="single" w:sz="4"/></w:tcBorders><w:vAlign w:val="center"/>"#
                var content: String
                let centered = #"<w:pPr><w:widowControl/><w:jc w:val="center"/><w:rPr><w:kern w:val="0"/></w:rPr></w:pPr>"#
                if continuation || cell.text.isEmpty {
                    content = rng.chance(0.5) ? "<w:p/>" : #"<w:p>\#(centered)</w:p>"#
                } else if cell.text.count >= 6, rng.chance(0.2), !cell.text.unicodeScalars.contains(where: \.isASCII) {
                    // A label Word wrapped into two paragraphs (an Enter typed inside the cell).
                    let cut = cell.text.index(cell.text.startIndex, offsetBy: rng.int(2...(cell.text.count - 2)))
                    content = paragraph(String(cell.text[..<cut]), properties: centered) + paragraph(String(cell.text[cut...]), properties: centered)
                } else {
                    content = paragraph(cell.text, properties: centered)
                }
                if rng.chance(0.1) { content += "<w:p/>" }  // a trailing empty paragraph in the cell
                xml += "<w:tc><w:tcPr>\(properties)</w:tcPr>\(content)</w:tc>"
            }
            xml += "</w:tr>"
        }
        return xml + "</w:tbl>"
    }

    mutating func documentXML() -> String {
        var body = ""
        for part in layout.parts {
            if rng.chance(0.25) { body += emptyParagraph() }
            switch part {
            case .title(let text):
                body += paragraph(text, properties: #"<w:pPr><w:pStyle w:val="Title"/><w:jc w:val="center"/></w:pPr>"#)
            case .heading(let text):
                body += paragraph(text, properties: #"<w:pPr><w:pStyle w:val="2"/><w:keepNext/><w:outlineLvl w:val="1"/></w:pPr>"#)
            case .paragraph(let text):
                body += paragraph(text)
            case .table(_, let rows):
                body += wordTable(rows)
                body += emptyParagraph()
            }
        }
        // A page-number field: its code is not text, its result is.
        body += #"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE \* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>- 1 -</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#
        return #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\r\n"
            + #"<w:document xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"><w:body>"#
            + body + #"<w:sectPr><w:headerReference w:type="default" r:id="rId1"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="312"/></w:sectPr></w:body></w:document>"#
    }

    static let styles = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style></w:styles>"#

    static let contentTypes = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#

    static let rootRelationships = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#

    static let documentRelationships = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#

    /// A valid OOXML package: content types, relationships, document, styles, a header (never
    /// report text: its wrong year must not be read) and core properties.
    mutating func docx() -> [UInt8] {
        let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>\#(year - 2)年度 一、总体情况</w:t></w:r></w:p></w:hdr>"#
        let core = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>\#(Self.escape(agency))</dc:creator></cp:coreProperties>"#
        return SeedDocument.zip([
            ("[Content_Types].xml", Array(Self.contentTypes.utf8)),
            ("_rels/.rels", Array(Self.rootRelationships.utf8)),
            ("word/document.xml", Array(documentXML().utf8)),
            ("word/_rels/document.xml.rels", Array(Self.documentRelationships.utf8)),
            ("word/styles.xml", Array(Self.styles.utf8)),
            ("word/header1.xml", Array(header.utf8)),
            ("docProps/core.xml", Array(core.utf8)),
        ])
    }

    // MARK: - HTML

    /// Text escaped as a CMS editor writes it: some characters as named entities.
    private mutating func htmlText(_ text: String) -> String {
        let named = rng.chance(0.5)
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "“" where named: result += "&ldquo;"
            case "”" where named: result += "&rdquo;"
            case "—" where named: result += "&mdash;"
            case "·" where named: result += "&middot;"
            default: result.append(character)
            }
        }
        return result
    }

    private mutating func cellHTML(_ text: String) -> String {
        if text.isEmpty { return rng.pick(["&nbsp;", "<p>&nbsp;</p>", "", "<span style=\"font-size:12px\">&nbsp;</span>"]) }
        let escaped = htmlText(text)
        switch rng.int(0...3) {
        case 0: return escaped
        case 1: return "<p align=\"center\"><span style=\"font-family:宋体;font-size:14px\">\(escaped)</span></p>"
        case 2: return "<span lang=\"EN-US\">\(escaped)</span>"
        default:
            // The CMS keeps Word's runs as spans.
            let cut = text.index(text.startIndex, offsetBy: rng.int(0...text.count))
            return "<p style=\"text-align:center\"><span>\(htmlText(String(text[..<cut])))</span><span>\(htmlText(String(text[cut...])))</span></p>"
        }
    }

    mutating func html(charset: Charset, chrome: Bool) -> [UInt8] {
        let meta = switch charset {
        case .utf8: #"<meta charset="utf-8">"#
        case .gb2312Meta: #"<meta charset="gb2312">"#
        case .gbkHTTPEquiv: #"<meta http-equiv="Content-Type" content="text/html; charset=GBK">"#
        }
        var title = ""
        for part in layout.parts { if case .title(let text) = part { title = text } }
        var page = "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
        page += "<html xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n\(meta)\n<meta name=\"ArticleTitle\" content=\"\(htmlText(title))\">\n"
        page += "<title>\(htmlText(title))_\(htmlText(agency))</title>\n"
        page += "<link rel=\"stylesheet\" href=\"/css/main.css\">\n<style>.zwgk td { border: 1px solid #000; } .nav li { float: left; }</style>\n"
        page += "<script type=\"text/javascript\">var pubYear = \(year - 3); if (a < b && b > c) { document.write('<p>一、总体情况</p>'); }</script>\n</head>\n<body>\n"
        if chrome {
            page += "<div class=\"top\"><a href=\"/\">无障碍</a> | <a href=\"/en/\">English</a></div>\n"
            page += #"<header><div class="logo">\#(htmlText(agency))</div><nav class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul></nav></header>"# + "\n"
            page += #"<div class="breadcrumb">当前位置：<a href="/">首页</a>&nbsp;&gt;&nbsp;<a href="/zwgk/">政务公开</a>&nbsp;&gt;&nbsp;<a href="/zwgk/ndbg/">政府信息公开年报</a></div>"# + "\n"
            page += "<table class=\"xxgk-meta\" width=\"100%\"><tr><td>索引号：</td><td>11330106MB\(rng.int(1000...9999))/\(year + 1)-\(rng.int(10000...99999))</td><td>发布机构：</td><td>\(htmlText(agency))</td></tr>"
            page += "<tr><td>生成日期：</td><td>\(year + 1)-01-\(rng.int(10...31))</td><td>主题分类：</td><td>政务公开</td></tr>"
            page += "<tr><td>名称：</td><td colspan=\"3\">\(htmlText(title))</td></tr></table>\n"
            page += "<div class=\"article\"><div class=\"info\">发布时间：\(year + 1)-01-20 来源：\(htmlText(agency)) 浏览次数：\(rng.int(10...9999))</div>\n"
        }
        for part in layout.parts {
            switch part {
            case .title(let text):
                page += "<h1 style=\"text-align:center\">\(htmlText(text))</h1>\n"
            case .heading(let text):
                page += rng.pick(["<h3>\(htmlText(text))</h3>\n", "<p><strong>\(htmlText(text))</strong></p>\n",
                                  "<p style=\"text-indent:2em\"><b><span style=\"font-family:黑体\">\(htmlText(text))</span></b></p>\n"])
            case .paragraph(let text):
                page += "<p style=\"text-indent:2em;line-height:2\"><span style=\"font-size:16px\">\(htmlText(text))</span></p>\n"
            case .table(_, let rows):
                page += "<div align=\"center\"><table class=\"zwgk\" border=\"1\" cellspacing=\"0\" cellpadding=\"0\" width=\"600\" style=\"border-collapse:collapse\">\n"
                if rng.chance(0.7) { page += "<tbody>\n" }
                for row in rows {
                    page += "<tr style=\"height:24px\">"
                    for cell in row {
                        var attributes = ""
                        if cell.columns > 1 { attributes += " colspan=\"\(cell.columns)\"" }
                        if cell.rows > 1 { attributes += " rowspan=\"\(cell.rows)\"" }
                        page += "<td\(attributes) valign=\"middle\" width=\"\(40 * cell.columns)\">\(cellHTML(cell.text))</td>"
                    }
                    page += "</tr>\n"
                }
                page += "</tbody>\n</table></div>\n<p>&nbsp;</p>\n"
            }
        }
        if chrome {
            page += "</div>\n<div class=\"share\">分享到：<a href=\"#\">微信</a> <a href=\"#\">微博</a> 【<a href=\"javascript:window.print()\">打印本页</a>】【<a href=\"javascript:window.close()\">关闭窗口</a>】</div>\n"
            page += "<footer><p>主办：\(htmlText(agency)) 网站标识码：3301060001 浙ICP备00000000号</p><p>\(year - 4)年版权所有 &copy; 保留所有权利</p></footer>\n"
        }
        page += "</body>\n</html>\n"
        switch charset {
        case .utf8: return Array(page.utf8)
        case .gb2312Meta, .gbkHTTPEquiv: return TextEncodingChoice.gb18030.encode(page)
        }
    }
}
