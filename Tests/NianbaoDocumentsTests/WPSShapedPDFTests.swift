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
    ]

    /// Fixtures that do not read right yet, a ratchet as `PDFFormatTests.notReadYet`: the test
    /// fails when one starts to read right (take it off) as much as when another stops.
    static let notReadYet: Set<String> = []

    static let expected = Summary(DocumentReader.check(Array(try! Data(contentsOf: PDFFormatTests.fixtures.appendingPathComponent("seed-2023.txt")))))

    @Test("each committed fixture gives the text seed's verdict, codes, year and figures", arguments: fixtures)
    func committed(name: String) throws {
        let pdf = Array(try Data(contentsOf: Self.folder.appendingPathComponent("\(name).pdf")))
        let outcome = DocumentReader.check(pdf)
        #expect(outcome.kind == .pdf)
        if Self.notReadYet.contains(name) {
            #expect(Summary(outcome) != Self.expected, "\(name) reads right now: take it off notReadYet")
        } else {
            #expect(outcome.verdict == .acceptedWithWarnings)
            #expect(outcome.codes == ["NB501"])
            #expect(outcome.report?.year.year == 2023)
            #expect(Summary(outcome) == Self.expected, "\(name): \(Summary(outcome))\nexpected\n\(Self.expected)")
            #expect(Summary(outcome).figures == Self.expected.figures, "\(name)")
        }
    }

    /// The prose comes out whole: headings and paragraphs exactly as the seed's lines, re-joined
    /// across line and page breaks, with no running header or page number left among them.
    @Test("each committed fixture's headings and paragraphs are the seed's, in order", arguments: fixtures)
    func prose(name: String) throws {
        let seed = try String(contentsOf: PDFFormatTests.fixtures.appendingPathComponent("seed-2023.txt"), encoding: .utf8)
        let expected = seed.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("|") && !$0.isEmpty }
        let pdf = Array(try Data(contentsOf: Self.folder.appendingPathComponent("\(name).pdf")))
        var prose: [String] = []
        DocumentReader.document(pdf)?.forEachBlock { kind, texts in
            if kind != .row && kind != .cell { prose += texts }
        }
        // On failure, the ends of the paragraphs the seed does not have.
        #expect(prose == expected, "\(name): \(prose.filter { !expected.contains($0) }.map { "…" + $0.suffix(60) }.joined(separator: "\n"))")
    }

    /// The committed PDFs stay honest: LibreOffice converts each source again, and the fresh PDF
    /// reads exactly as the committed one.
    @Test("each source converted again by LibreOffice reads as its committed PDF")
    func freshConversion() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-wps-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/soffice")
        // A profile of its own: a LibreOffice the user has open does not take the conversion.
        process.arguments = ["-env:UserInstallation=file://\(work.path)/profile", "--headless", "--convert-to", "pdf", "--outdir", work.path]
            + Self.fixtures.map { Self.folder.appendingPathComponent("\($0).fodt").path }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        for name in Self.fixtures {
            guard let fresh = FileManager.default.contents(atPath: work.appendingPathComponent("\(name).pdf").path) else {
                Issue.record("LibreOffice did not convert \(name).fodt")
                continue
            }
            let committed = Array(try Data(contentsOf: Self.folder.appendingPathComponent("\(name).pdf")))
            let outcome = DocumentReader.check(Array(fresh))
            #expect(outcome.kind == .pdf, "\(name)")
            #expect(Summary(outcome) == Summary(DocumentReader.check(committed)), "\(name): the fresh PDF reads \(Summary(outcome))")
        }
    }
}
