import Foundation
import NianbaoCore
import NianbaoDocuments
import Testing

/// Hand-made PDFs shaped as agencies' WPS exports are (report-format.md item 10): the seed
/// report's content in narrow, wrapping label columns, group labels stacked down a merged cell,
/// header words split over lines, tables over page breaks with rows split by them, running
/// headers and `-3-` footers between rows, full-width digits. Sources and PDFs are in
/// Tests/Fixtures/pdf/wps/ (`scripts/make-wps-fixtures` writes and converts them); each must read
/// as the text seed does.
@Suite("WPS-shaped PDFs", .serialized)
struct WPSShapedPDFTests {
    static let folder = PDFFormatTests.fixtures.appendingPathComponent("pdf/wps")

    /// What each fixture is for, by name (the .fodt's header comment says more).
    static let fixtures = [
        // Labels over two or three lines, numbers vertically centred; 三、/本/年/度… stacked; 商业企 / 业.
        "middle-wrapped",
        // The same with the numbers on the label's first line, and full-width digits (６４).
        "top-wrapped-full-width",
        // Table 三 over two page breaks, two rows split by them, a running header and `-2-` between.
        "row-split-over-pages",
        // Table 四's header over four lines; table 三's header rows repeated on the next page; `— 3 —`.
        "review-header-four-lines",
        // 16 pt prose, 10.5 pt labels, 12 pt numbers; （一） in the labels; table 二's labels wrap too,
        // 行政事业性 / 收费 split by a page break with `第 1 页 共 4 页` between.
        "mixed-fonts-full-width-labels",
        // A row split by a page break with its label's first lines on one page and its numbers
        // on the next, after the footer and the running header.
        "numbers-after-page-break",
        // A title on page 1, the same words as the running header of the later pages.
        "title-as-running-header",
    ]

    /// Titles of the fixtures that have one (the others have none, as the text seed).
    static let titles = ["title-as-running-header": "某市某局2023年度政府信息公开工作年度报告"]

    /// What a fixture holds as text: the seed, after its title if it has one.
    static func text(of name: String) throws -> String {
        let seed = try String(contentsOf: PDFFormatTests.fixtures.appendingPathComponent("seed-2023.txt"), encoding: .utf8)
        return titles[name].map { $0 + "\n" + seed } ?? seed
    }

    /// What matters of how a PDF reads: the outcome's summary, the title and its year, and the
    /// prose (headings and paragraphs in order), which the summary alone does not show.
    struct Reading: Equatable {
        var summary: Summary
        var title: String?
        var titleYear: Int?
        var prose: [String]

        init(pdf: [UInt8]) {
            let outcome = DocumentReader.check(pdf)
            summary = Summary(outcome)
            title = outcome.report?.title
            titleYear = outcome.report?.year.title
            prose = []
            DocumentReader.document(pdf)?.forEachBlock { kind, texts in
                if kind != .row && kind != .cell { prose += texts }
            }
        }

        /// As the fixture's text reads with the text reader, its title the title, its lines
        /// outside the tables the prose.
        init(expectedFor name: String) throws {
            let text = try WPSShapedPDFTests.text(of: name)
            summary = Summary(DocumentReader.check(Array(text.utf8)))
            title = WPSShapedPDFTests.titles[name]
            titleYear = title == nil ? nil : 2023
            prose = text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("|") && !$0.isEmpty }
        }
    }

    /// Fixtures that do not read right yet, a ratchet as `PDFFormatTests.notReadYet`: the test
    /// fails when one starts to read right (take it off) as much as when another stops.
    static let notReadYet: Set<String> = []

    @Test("each committed fixture reads as its text: verdict, codes, year, figures, title and prose", arguments: fixtures)
    func committed(name: String) throws {
        let pdf = Array(try Data(contentsOf: Self.folder.appendingPathComponent("\(name).pdf")))
        let outcome = DocumentReader.check(pdf)
        let reading = Reading(pdf: pdf), expected = try Reading(expectedFor: name)
        #expect(outcome.kind == .pdf)
        if Self.notReadYet.contains(name) {
            #expect(reading != expected, "\(name) reads right now: take it off notReadYet")
            return
        }
        #expect(outcome.verdict == .acceptedWithWarnings)
        #expect(outcome.codes == ["NB501"])
        #expect(outcome.report?.year.year == 2023)
        #expect(reading.summary == expected.summary, "\(name): \(reading.summary)\nexpected\n\(expected.summary)")
        #expect(reading.summary.figures == expected.summary.figures, "\(name)")
        // The title is the title, not dropped as a running header nor taken from one.
        #expect(reading.title == expected.title, "\(name)")
        #expect(reading.titleYear == expected.titleYear, "\(name)")
        // Prose re-joined across line and page breaks, no running header or page number among
        // it; on failure, the ends of the paragraphs the text does not have.
        #expect(reading.prose == expected.prose, "\(name): \(reading.prose.filter { !expected.prose.contains($0) }.map { "…" + $0.suffix(60) }.joined(separator: "\n"))")
    }

    /// The committed PDFs stay honest: LibreOffice converts each source again, and the fresh PDF
    /// reads exactly as the committed one.
    @Test("each source converted again by LibreOffice reads as its committed PDF")
    func freshConversion() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-wps-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        try await LibreOffice.convertToPDF(Self.fixtures.map { Self.folder.appendingPathComponent("\($0).fodt") }, into: work)
        for name in Self.fixtures {
            guard let fresh = FileManager.default.contents(atPath: work.appendingPathComponent("\(name).pdf").path) else {
                Issue.record("LibreOffice did not convert \(name).fodt")
                continue
            }
            let committed = Array(try Data(contentsOf: Self.folder.appendingPathComponent("\(name).pdf")))
            #expect(DocumentReader.check(Array(fresh)).kind == .pdf, "\(name)")
            let reading = Reading(pdf: Array(fresh))
            #expect(reading == Reading(pdf: committed), "\(name): the fresh PDF reads \(reading.summary), title \(reading.title ?? "none")")
        }
    }
}
