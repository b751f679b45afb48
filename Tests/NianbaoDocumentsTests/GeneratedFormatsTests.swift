import Foundation
import NianbaoCore
import NianbaoDocuments
import ReportGenerator
import Testing

/// Property-style: the generator's reports written as real .docx and as published web pages must
/// come out exactly as their text form does (verdict, codes, findings with their places and
/// numbers, figures), consistent or with any defect of the catalogue injected.
@Suite("Generated reports as Word and as web pages")
struct GeneratedFormatsTests {
    static let consistentReports = 12
    static let seedsPerDefect = 3

    /// Defects whose text form has no counterpart in a real table, with the reason. Every one of
    /// the catalogue is meaningful in a table today, so none is skipped; a defect added later that
    /// only makes sense for flattened text (a delimiter lost, a cell split over lines) goes here.
    static let skipped: [String: String] = [:]

    /// One generated document in one format, with its text twin's outcome.
    struct Case {
        var label: String
        var format: GeneratedDocument.Format
        var bytes: [UInt8]
        var outcome: CheckOutcome
        var text: CheckOutcome
        var charset: GeneratedDocument.Charset

        init(model: ReportModel, seed: UInt64, format: GeneratedDocument.Format) {
            var document = GeneratedDocument(model: model, seed: seed)
            var rng = SplitMix64.derived(seed, 37)
            charset = format == .html ? rng.pick(GeneratedDocument.Charset.allCases) : .utf8
            let chrome = rng.chance(0.8)
            self.format = format
            bytes = format == .docx ? document.docx() : document.html(charset: charset, chrome: chrome)
            outcome = DocumentReader.check(bytes)
            text = DocumentReader.check(ReportRenderer.bytes(model, RenderOptions(layout: .pipes)))
            label = "seed \(String(model.seed, radix: 16)) \(format)\(format == .html ? " \(charset) chrome=\(chrome)" : "")"
        }

        /// Keeps a failing document for a person to look at; returns where.
        @discardableResult
        func keep() -> String {
            let folder = "/tmp/nianbao-test-failures"
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let path = "\(folder)/\(label.replacingOccurrences(of: " ", with: "-")).\(format)"
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            return path
        }
    }

    static func verify(_ generated: Case, _ expectation: ReportGenerator.Expectation, model: ReportModel, context: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        var ok = true
        func check(_ condition: Bool, _ what: @autoclosure () -> String) {
            if !condition {
                ok = false
                Issue.record("\(context) — \(generated.label): \(what())", sourceLocation: sourceLocation)
            }
        }
        let outcome = generated.outcome
        check(outcome.kind == (generated.format == .docx ? .docx : .html), "kind \(outcome.kind)")
        for mismatch in expectation.mismatches(of: outcome, model: model) { check(false, mismatch) }
        // The same as the text form, field by field (findings by place and numbers, figures JSON).
        check(Summary(outcome) == Summary(generated.text), "\(Summary(outcome))\ntext form\n\(Summary(generated.text))")
        if generated.format == .html, generated.charset != .utf8 { check(outcome.encoding == .gb18030, "encoding \(String(describing: outcome.encoding))") }
        if !ok { generated.keep() }
    }

    @Test("consistent reports: accepted, every figure read, as in text", arguments: GeneratedDocument.Format.allCases)
    func consistent(format: GeneratedDocument.Format) {
        for index in 0..<Self.consistentReports {
            let seed = Seeds.seed(51, index)
            let model = ReportModel.generate(seed: seed)
            let generated = Case(model: model, seed: seed, format: format)
            Self.verify(generated, ReportGenerator.Expectation([], year: model.year), model: model, context: "consistent")
            #expect(FigureComparison.figuresJSON(of: generated.outcome)?.serialized() == FigureComparison.expectedJSON(model).serialized(),
                    "\(generated.label)")
        }
    }

    @Test("every defect of the catalogue: the same verdict, codes and figures as in text",
          arguments: Defect.all.map(\.name).filter { skipped[$0] == nil }, GeneratedDocument.Format.allCases)
    func defect(name: String, format: GeneratedDocument.Format) {
        let defect = Defect.named(name)
        let defectIndex = Defect.all.firstIndex { $0.name == name }!
        for index in 0..<Self.seedsPerDefect {
            let seed = Seeds.seed(52, defectIndex, index)
            let (model, expectation) = defect.apply(seed: seed)
            Self.verify(Case(model: model, seed: seed, format: format), expectation, model: model, context: name)
        }
    }

    @Test("every skipped defect is in the catalogue and says why")
    func skippedDefects() {
        for (name, reason) in Self.skipped {
            #expect(Defect.all.contains { $0.name == name }, "\(name)")
            #expect(!reason.isEmpty, "\(name)")
        }
    }

    @Test("the Word form really merges: gridSpan, vMerge restart and continue, several runs per cell")
    func wordMerges() {
        let seed = Seeds.seed(53)
        var document = GeneratedDocument(model: ReportModel.generate(seed: seed), seed: seed)
        let xml = document.documentXML()
        #expect(xml.contains(#"<w:vMerge w:val="restart"/>"#))
        #expect(xml.contains("<w:vMerge/>"))
        #expect(xml.contains(#"<w:gridSpan w:val="3"/>"#))
        #expect(xml.contains(#"<w:gridSpan w:val="7"/>"#))
        #expect(xml.contains("</w:t></w:r><w:r>"))
        #expect(xml.contains("<w:p/>"))
    }

    @Test("the web form really merges: rowspan and colspan, &nbsp; cells, page chrome")
    func htmlMerges() {
        let seed = Seeds.seed(54)
        var model = ReportModel.generate(seed: seed)
        model.review[3] = .blank
        var document = GeneratedDocument(model: model, seed: seed)
        let page = String(decoding: document.html(charset: .utf8, chrome: true), as: UTF8.self)
        #expect(page.contains(#"rowspan="21""#) || page.contains(#"rowspan="22""#))
        #expect(page.contains(#"colspan="3""#))
        #expect(page.contains("&nbsp;"))
        #expect(page.contains("索引号") && page.contains("发布机构") && page.contains("<nav"))
    }
}
