/// Understands a document's blocks as a 2021-layout report: sections, title, year, the three
/// tables and the prose. Reports what it found; judging it is the rules' business.
public enum ReportReader {
    public static func read(_ blocks: [DocumentBlock]) -> Report {
        read(DocumentText(blocks: blocks))
    }

    public static func read(_ document: DocumentText) -> Report {
        document.withBytes { read(document, $0) }
    }

    private static func read(_ document: DocumentText, _ bytes: UnsafeBufferPointer<UInt8>) -> Report {
        var report = Report()
        var currentSection: Section?
        var preamble: [Cell] = []
        /// Sections with a heading, one bit per section (`1 << rawValue`): no set to allocate.
        var headingSections: UInt8 = 0
        report.headingOrder.reserveCapacity(Section.allCases.count)
        // The prose is at most the document's text, in at most one paragraph per block.
        report.prose.reserveCapacity(bytes: bytes.count, paragraphs: document.blocks.count)

        for block in document.blocks {
            switch block {
            case .heading(let section, _):
                currentSection = section
                if headingSections & 1 << section.rawValue == 0 {
                    headingSections |= 1 << section.rawValue
                    report.headingOrder.append(section)
                }
            case .paragraph(let index):
                let cell = Cell(document.cells[Int(index)], in: bytes)
                // Numbers written one per paragraph are table cells, not prose.
                if !CellShape.isValueLike(cell) { report.prose.append(section: currentSection, cell.key) }
                if currentSection == nil { preamble.append(cell) }
            case .cell, .row:
                break
            }
        }

        let tokens = TableToken.stream(of: document, bytes)
        let source = SourceText(storage: document.bytes, base: bytes.baseAddress)
        report.disclosure = DisclosureTableReader.read(tokens, source: source)
        let applications = ApplicationTableReader.read(tokens, source: source)
        report.applications = applications.table
        report.review = ReviewTableReader.read(tokens)

        let title = preamble.first(where: isTitle)
        report.title = title?.printed
        report.year = YearFinder.find(title: title?.key, prose: report.prose)

        var present = headingSections
        if report.disclosure != nil { present |= 1 << Section.two.rawValue }
        if report.applications != nil { present |= 1 << Section.three.rawValue }
        if report.review != nil { present |= 1 << Section.four.rawValue }
        // 一's heading is often left out: an introduction before the first heading stands for it.
        if present & 1 << Section.one.rawValue == 0,
           preamble.contains(where: { $0.length >= 40 && $0.key.has("公开") && !isTitle($0) }) {
            present |= 1 << Section.one.rawValue
        }
        report.sections = Section.allCases.filter { present & 1 << $0.rawValue != 0 }

        let layout = FormerLayout.scan(tokens)
        report.formerLayoutMarkers = layout.formerMarkers + (applications.formerOtherHandlingRow ? ["（六）其他处理（无细分项）"] : [])
        let hasCurrentLayout = layout.hasCurrentMarkers
            || report.applications?.rows[.otherNoCorrection] != nil || report.applications?.rows[.otherUnpaidFee] != nil
        switch (hasCurrentLayout, !report.formerLayoutMarkers.isEmpty) {
        case (true, true): report.formatVersion = .mixed
        case (false, true): report.formatVersion = .v2019
        case (true, false): report.formatVersion = .v2021
        case (false, false): report.formatVersion = .unknown
        }
        return report
    }

    private static let titleWords: [Phrase] = ["年度报告", "年报", "工作报告"]

    private static func isTitle(_ cell: Cell) -> Bool {
        cell.length <= 80 && titleWords.contains(where: { cell.contains($0) })
    }
}

/// The superseded 2019 layout, recognised by the column and row names only it has.
enum FormerLayout {
    static let markerKeys = [
        "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "本年增减",
        "其他对外管理服务事项", "第二十条第(九)项", "政府集中采购", "采购项目数量", "采购总金额",
    ]

    /// Every marker of either layout contains one of these: most cells are rejected at once.
    static let prefilter: [Phrase] = ["本年", "对外", "上一年", "(九)", "采购", "现行有效"]
    static let markerPhrases = markerKeys.map { Phrase($0) }
    static let currentPhrases = currentKeys.map { Phrase($0) }

    /// Column names only the 2021 layout has.
    static let currentKeys = ["本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额"]

    /// Markers found in table cells (never in prose, which may well mention 政府集中采购).
    static func scan(_ tokens: [TableToken]) -> (formerMarkers: [String], hasCurrentMarkers: Bool) {
        var former: [String] = []
        var current = false
        // Held for the loop: going through the statics checks their initialisation every time.
        let prefilter = prefilter, markerPhrases = markerPhrases, currentPhrases = currentPhrases
        for case .cell(let cell) in tokens {
            // The phrase prefilter before the search for 。 in `isLabelLike`: it rules out most cells.
            guard cell.length <= 30, cell.length > 0, !CellShape.isValueLike(cell),
                  prefilter.contains(where: { cell.contains($0) }), CellShape.isLabelLike(cell) else { continue }
            for marker in markerPhrases where !former.contains(marker.text) && cell.contains(marker) {
                former.append(marker.text)
            }
            if !current { current = currentPhrases.contains(where: { cell.contains($0) }) }
        }
        return (former, current)
    }
}
