/// Understands a document's blocks as a 2021-layout report: sections, title, year, the three
/// tables and the prose. Reports what it found; judging it is the rules' business.
public enum ReportReader {
    public static func read(_ document: DocumentText) -> Report {
        document.withBytes { read(document, $0) }
    }

    private static func read(_ document: DocumentText, _ bytes: ByteView) -> Report {
        var report = Report()
        report.runTogetherRows = document.runTogetherRows
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
        let source = SourceText(document, bytes: bytes)
        report.disclosure = DisclosureTableReader.read(tokens, source: source)
        let applications = ApplicationTableReader.read(tokens, source: source)
        report.applications = applications.table
        report.review = ReviewTableReader.read(tokens)
        report.runTogetherRows = report.runTogetherRows.map { keyed($0, report) }

        // The article's heading: a web page's first <h1>–<h3> that names the report, else the
        // first such line before section 一, else the page's <title>; never a navigation trail.
        func marked(_ index: Int32) -> Cell { Cell(document.cells[Int(index)], in: bytes) }
        let title = document.headingElements.lazy.map(marked).first(where: isTitle)
            ?? preamble.first(where: isTitle)
            ?? document.pageTitle.map(marked).flatMap { isTitle($0) ? $0 : nil }
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

    /// A run-together row's note with the key of the row it was read as: the row of its table
    /// whose printed label is the note's, white space aside.
    private static func keyed(_ note: RunTogetherRowNote, _ report: Report) -> RunTogetherRowNote {
        let compact = TextNormalizer.removingSpaces
        let label = compact(note.label)
        var keyed = note
        switch note.table {
        case .two:
            keyed.row = DisclosureItem.allCases.first { report.disclosure?.rows[$0].map { compact($0.label) == label } == true }?.rawValue
        case .three:
            keyed.row = ApplicationRow.allCases.first { report.applications?.rows[$0].map { compact($0.label) == label } == true }?.rawValue
        case .four:
            keyed.row = nil
        }
        return keyed
    }

    private static let titleWords: [Phrase] = ["年度报告", "年报", "工作报告"]

    /// What a breadcrumb or navigation trail holds (`首页 > 政府信息公开 > 年度报告`,
    /// `当前位置：首页政务公开…年报`): never the title, whatever it ends in.
    private static let trailSeparators: [Phrase] = [">", "›", "»", "→", "≫"]
    private static let trailStarts: [Phrase] = ["首页", "当前位置", "您的位置", "您现在的位置", "所在位置", "现在位置"]

    private static func isTitle(_ cell: Cell) -> Bool {
        cell.length <= 80 && titleWords.contains(where: { cell.contains($0) })
            && !trailSeparators.contains(where: { cell.contains($0) }) && !trailStarts.contains(where: { cell.key.hasPrefix($0) })
    }
}
