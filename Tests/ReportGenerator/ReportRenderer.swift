import NianbaoCore

/// Writes a model out as a plain-text report in one layout, encoding and line ending.
/// Deterministic: the same model and options give the same bytes.
public struct ReportRenderer {
    public let model: ReportModel
    public let options: RenderOptions
    private var rng: SplitMix64
    private var output: [String] = []
    private let style: LabelStyle

    public init(model: ReportModel, options: RenderOptions) {
        self.model = model
        self.options = options
        var rng = SplitMix64.derived(model.seed, 3 &+ UInt64(Layout.allCases.firstIndex(of: options.layout)!) &* 7919)
        style = LabelStyle.random(&rng, mixing: options.widthMixing)
        self.rng = rng
    }

    public static func text(_ model: ReportModel, _ options: RenderOptions) -> String {
        var renderer = ReportRenderer(model: model, options: options)
        return renderer.render()
    }

    public static func bytes(_ model: ReportModel, _ options: RenderOptions) -> [UInt8] {
        options.encoding.encode(text(model, options))
    }

    private var streams: Bool { options.layout.allowsLineBreaksInCells }

    public mutating func render() -> String {
        var prose = ProseWriter(model: model, fullWidthPunctuation: style.fullWidthBrackets)
        output.append(prose.title)
        output.append("")
        output.append(prose.introduction())
        if streams || rng.chance(0.5) { output.append("") }
        for section in model.sectionOrder {
            if !model.omittedHeadings.contains(section), !(section == .three && options.omitHeadingThree) {
                output.append(heading(section))
                if streams { output.append("") }
            }
            for paragraph in prose.paragraphs(of: section) {
                output.append(paragraph)
                if streams { output.append("") }
            }
            let table: TableLines?
            switch section {
            case .two: table = model.droppedTables.contains(.two) ? nil : TableBuilder.disclosure(model, style: style)
            case .three: table = model.droppedTables.contains(.three) ? nil : TableBuilder.applications(model, style: style)
            case .four: table = model.droppedTables.contains(.four) ? nil : TableBuilder.review(model)
            default: table = nil
            }
            if let table { render(table) }
        }
        // Cells broken over lines carry "\n": every line gets the same line ending.
        let lines = output.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }
        return lines.joined(separator: options.lineEnding.characters) + options.lineEnding.characters
    }

    private mutating func heading(_ section: Section) -> String {
        var text = model.headings[section] ?? section.canonicalTitle
        if options.widthMixing, rng.chance(0.2), let first = text.firstIndex(of: "、") {
            text.replaceSubrange(first...first, with: rng.pick(["．", ".", "、"]))
        }
        return text
    }

    // MARK: - Cells

    private mutating func labelText(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        // Interior positions between two non-ASCII characters: breaking there never glues
        // Latin words together or splits a number.
        let positions = (1..<max(scalars.count, 1)).filter { !scalars[$0 - 1].isASCII && !scalars[$0].isASCII }
        guard !positions.isEmpty else { return text }
        if options.spacedLabels, rng.chance(0.35) {
            scalars.insert(rng.pick([" ", " ", "\u{3000}", "\u{00A0}"]), at: rng.pick(positions))
        }
        var result = String(String.UnicodeScalarView(scalars))
        if options.brokenLabels, options.layout.allowsLineBreaksInCells, rng.chance(0.35) {
            let breakable = Array(result.unicodeScalars)
            let candidates = (1..<breakable.count).filter {
                !breakable[$0 - 1].isASCII && !breakable[$0].isASCII
                    && !TextNormalizer.isSpace(breakable[$0 - 1]) && !TextNormalizer.isSpace(breakable[$0])
            }
            if let at = candidates.isEmpty ? nil : rng.pick(candidates) {
                result = String(String.UnicodeScalarView(breakable[..<at])) + "\n" + String(String.UnicodeScalarView(breakable[at...]))
            }
        }
        return result
    }

    private static let fullWidthDigits: [Character: Character] = [
        "0": "０", "1": "１", "2": "２", "3": "３", "4": "４", "5": "５", "6": "６", "7": "７", "8": "８", "9": "９", ".": "．",
    ]

    private mutating func valueText(_ value: GenValue) -> String {
        switch value {
        case .count(let number):
            return digits(String(number))
        case .amount(_, let printed):
            return digits(printed)
        case .blank:
            return options.layout.canShowEmptyCell ? "" : rng.pick(["/", "—", "-", "无"])
        case .placeholder(let text), .raw(let text, _):
            return text
        }
    }

    private mutating func digits(_ text: String) -> String {
        guard options.fullWidthDigits, rng.chance(0.5) else { return text }
        return String(text.map { Self.fullWidthDigits[$0] ?? $0 })
    }

    /// The cells of one line of a table, in order, without any padding.
    private mutating func cells(of line: TableLines.Line) -> [String] {
        switch line {
        case .header(let headers): return headers.map { labelText($0) }
        case .groupOnly(let group): return [labelText(group)]
        case .data(let group, let label, let values, _):
            var cells: [String] = []
            if let group { cells.append(labelText(group)) }
            if let label { cells.append(labelText(label)) }
            for value in values { cells.append(valueText(value)) }
            return cells
        }
    }

    // MARK: - Tables

    private mutating func render(_ table: TableLines) {
        switch options.layout {
        case .pipes: renderPipes(table)
        case .markdown: renderMarkdown(table)
        case .tabs: renderTabs(table)
        case .cellLinesTrailingPipe, .cellLinesPipeBetween, .cellParagraphs: renderStream(table)
        }
    }

    /// The seed's flattening: cells left-packed, merged cells as empty cells up to the width.
    private mutating func seedRow(_ line: TableLines.Line, width: Int) -> [String] {
        var row = cells(of: line)
        if case .data(_, _, _, true) = line { return row }  // collapsed: exactly what is left
        while row.count < width { row.append("") }
        return row
    }

    private mutating func renderPipes(_ table: TableLines) {
        for line in table.lines {
            let row = seedRow(line, width: table.seedWidth)
            var text = "|"
            for cell in row {
                if cell.isEmpty {
                    text += rng.chance(0.6) ? "|" : " |"
                } else {
                    text += String(repeating: " ", count: rng.int(1...2)) + cell + String(repeating: " ", count: rng.int(1...2)) + "|"
                }
            }
            if rng.chance(0.3) { text += " " }
            output.append(text)
        }
    }

    private mutating func renderTabs(_ table: TableLines) {
        for line in table.lines {
            output.append(seedRow(line, width: table.seedWidth).joined(separator: "\t"))
        }
    }

    /// Every row as wide as the table: table 三's label columns are (group, item), so a row
    /// without a group has an empty cell after its label, and a later sub-item an empty first cell.
    private mutating func renderMarkdown(_ table: TableLines) {
        for (index, line) in table.lines.enumerated() {
            var row: [String]
            switch line {
            case .data(let group, let label, let values, let collapsed) where table.table == .three && !collapsed:
                let labels = TableBuilder.applicationLabels(style)
                let isFirstOfGroup = group != nil
                let belongsToGroup = ApplicationRow.allCases.first { labels[$0]!.label == label }.map(Self.isGroupMember) ?? false
                if isFirstOfGroup {
                    row = [labelText(group!), labelText(label!)]
                } else if belongsToGroup {
                    row = ["", labelText(label!)]
                } else {
                    row = [labelText(label!), ""]
                }
                row += values.map { valueText($0) }
            case .data(_, _, _, true):
                row = cells(of: line)
            default:
                row = cells(of: line)
                while row.count < table.rectangularWidth { row.append("") }
            }
            output.append("| " + row.map { $0.isEmpty ? " " : $0 }.joined(separator: " | ") + " |")
            if index == 0 {
                output.append("|" + String(repeating: rng.pick(["---|", ":---|", " --- |"]), count: table.rectangularWidth))
            }
        }
    }

    /// Rows of table 三 that sit under a merged group label (三、本年度办理结果, （三）不予公开 …).
    private static func isGroupMember(_ row: ApplicationRow) -> Bool {
        ApplicationRow.outcomes.contains(row)
    }

    private mutating func renderStream(_ table: TableLines) {
        if output.last != "" { output.append("") }
        for line in table.lines {
            for cell in cells(of: line) {
                switch options.layout {
                case .cellLinesTrailingPipe:
                    output.append(cell + " |")
                case .cellLinesPipeBetween:
                    if !cell.isEmpty { output.append(cell) }
                    output.append("|")
                default:
                    output.append(cell)
                    output.append("")
                }
            }
        }
        if output.last != "" { output.append("") }
    }
}
