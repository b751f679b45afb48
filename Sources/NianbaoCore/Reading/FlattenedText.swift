/// Text that lost its shape (report-format.md item 11), as a web page's text comes out of a
/// crawler or a copy: the whole report on one or a few long lines, headings mid-line after 。
/// or a space or a number, and table cells run together with no separator
/// (`一、本年新收政府信息公开申请数量640020470` is 64|0|0|2|0|4|70).
///
/// Such a line is given its shape back as the text layout knows it: each heading on a line of
/// its own, prose as paragraphs, and each table row as a `|` row. A row's run of digits is cut
/// into its columns only where exactly one reading is possible (`RunTogetherRow`); otherwise
/// the row keeps its digits as one cell and is declined (NB205 naming it), never guessed.
/// Only lines far longer than any heading or table row are touched: a shaped report never
/// comes here.
enum FlattenedText {
    /// A line longer than this (in UTF-8 bytes) is a whole report, or much of one, run together.
    static let longLineBytes = 1_500

    /// The reshaped text when any line of `bytes` is a long line holding section headings;
    /// nil when nothing needs reshaping.
    static func reshaped(_ bytes: [UInt8], lines: [Range<Int>]) -> (text: [UInt8], notes: [RunTogetherRowNote])? {
        guard lines.contains(where: { $0.count > longLineBytes }) else { return nil }
        var output = ""
        var notes: [RunTogetherRowNote] = []
        var changed = false
        for line in lines {
            let text = String(decoding: bytes[line], as: UTF8.self)
            // Markup (`</w:t>`) read as text is not a report run together: left as it is.
            if line.count > longLineBytes, !text.contains("</"), let shaped = reshapedLine(Array(text.unicodeScalars), notes: &notes) {
                output += shaped
                changed = true
            } else {
                // The other lines of such a file are crawler lines, not wrapped prose: each
                // stands alone (a `标题:` line is then found as the title).
                output += text
                output += "\n\n"
            }
        }
        return changed ? (Array(output.utf8), notes) : nil
    }

    /// One long line as shaped text, nil when it holds no section heading.
    static func reshapedLine(_ line: [Unicode.Scalar], notes: inout [RunTogetherRowNote]) -> String? {
        let headings = findHeadings(line)
        guard !headings.isEmpty else { return nil }
        var output = ""
        writeProse(line[0..<headings[0].start], to: &output)
        for (index, heading) in headings.enumerated() {
            output += String(String.UnicodeScalarView(line[heading.start..<heading.titleEnd])) + "\n"
            let bodyEnd = index + 1 < headings.count ? headings[index + 1].start : line.count
            let body = line[heading.titleEnd..<bodyEnd]
            switch heading.section {
            case .two, .three, .four: TableRun.write(body, section: heading.section, to: &output, notes: &notes)
            default: writeProse(body, to: &output)
            }
        }
        return output
    }

    // MARK: Headings

    struct Heading {
        var section: Section
        /// Where the numeral is, and where the heading's title ends.
        var start: Int
        var titleEnd: Int
    }

    /// The words a mid-line heading's title ends with, the first of them within reach.
    private static let titleEndings: [[Unicode.Scalar]] = ["情况", "事项", "计划", "措施", "概述"].map { Array($0.unicodeScalars) }
    /// The longest title a mid-line heading can have, in scalars.
    private static let longestTitle = 32
    private static let enumerationComma: Unicode.Scalar = "、"

    /// Each section's first heading after the one before it: its numeral and 、, then a title
    /// that ends in 情况, 事项, 计划, 措施 or 概述 within reach, holds no digit or sentence
    /// punctuation, and that the heading recognizer takes for that section. Table 三's rows
    /// (`三、本年度办理结果`, `四、结转下年度继续办理1000001`) never pass.
    static func findHeadings(_ line: [Unicode.Scalar]) -> [Heading] {
        var headings: [Heading] = []
        var from = 0
        for section in Section.allCases {
            let numeral = section.numeral.unicodeScalars.first!
            var index = from
            while index + 1 < line.count {
                if line[index] == numeral, line[index + 1] == enumerationComma, let end = titleEnd(line, after: index + 2),
                   let found = headingSection(String(String.UnicodeScalarView(line[index..<end]))), found == section {
                    headings.append(Heading(section: section, start: index, titleEnd: end))
                    from = end
                    break
                }
                index += 1
            }
        }
        return headings
    }

    private static func titleEnd(_ line: [Unicode.Scalar], after start: Int) -> Int? {
        var index = start
        let limit = min(line.count, start + longestTitle)
        while index < limit {
            let scalar = line[index]
            if scalar.properties.numericType != nil && !scalar.properties.isIdeographic { return nil }
            if "。，；：,;:|（）()".unicodeScalars.contains(scalar) { return nil }
            for ending in titleEndings where index + ending.count <= line.count && Array(line[index..<(index + ending.count)]) == ending {
                return index + ending.count
            }
            index += 1
        }
        return nil
    }

    private static func headingSection(_ candidate: String) -> Section? {
        guard case .heading(let section, _)? = TextLayout.document(of: candidate).blocks.first else { return nil }
        return section
    }

    // MARK: Prose

    /// Prose between headings: one paragraph, except that page chrome and a title written
    /// between runs of spaces (`首页政务公开 平潭…2021年度政府信息公开工作年度报告 来源：…`)
    /// become paragraphs of their own, so that the title is found.
    static func writeProse(_ text: ArraySlice<Unicode.Scalar>, to output: inout String) {
        var pieces: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text {
            if scalar.properties.isWhitespace {
                if !current.isEmpty { pieces.append(String(current)) }
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { pieces.append(String(current)) }
        // A short piece stands on its own line only when it is title-like; the rest keeps
        // running as one paragraph, joined by a space where the spaces were.
        var paragraph = ""
        for piece in pieces {
            if piece.unicodeScalars.count <= 80, piece.contains("年度报告") || piece.contains("工作报告") {
                if !paragraph.isEmpty { output += paragraph + "\n\n" }
                paragraph = ""
                output += piece + "\n\n"
            } else {
                paragraph += paragraph.isEmpty ? piece : " " + piece
            }
        }
        if !paragraph.isEmpty { output += paragraph + "\n\n" }
    }
}
