import Testing
@testable import NianbaoCore
import ReportGenerator

/// Property-style: consistent generated reports, in every layout, encoding and line ending,
/// must come out `accepted` with no findings, and every figure read exactly as generated.
@Suite("Generated consistent reports")
struct GeneratedReportTests {
    static let reportsPerCombination = 20

    @Test("consistent reports are accepted with every figure read exactly",
          arguments: Layout.allCases, TextEncodingChoice.allCases)
    func consistentReportsAreAccepted(layout: Layout, encoding: TextEncodingChoice) {
        let layoutIndex = Layout.allCases.firstIndex(of: layout)!, encodingIndex = TextEncodingChoice.allCases.firstIndex(of: encoding)!
        for (endingIndex, lineEnding) in LineEnding.allCases.enumerated() {
            for index in 0..<Self.reportsPerCombination {
                let seed = Seeds.seed(1, layoutIndex, encodingIndex, endingIndex, index)
                var rng = SplitMix64.derived(seed, 9)
                let options = RenderOptions.random(layout, encoding, lineEnding, rng: &rng)
                let generated = GeneratedCase(model: ReportModel.generate(seed: seed), options: options)
                if !Self.verify(generated) { generated.keep() }
            }
        }
    }

    /// Checks one consistent report; false when anything differs (already recorded as issues).
    @discardableResult
    static func verify(_ generated: GeneratedCase) -> Bool {
        let outcome = generated.outcome, model = generated.model, label = generated.label
        var ok = true
        func check(_ condition: Bool, _ what: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation) {
            if !condition {
                ok = false
                Issue.record("\(label): \(what())", sourceLocation: sourceLocation)
            }
        }
        check(outcome.verdict == .accepted, "verdict \(outcome.verdict.rawValue), findings:\n\(generated.findingsText)")
        check(outcome.findings.isEmpty, "findings \(outcome.codes)")
        guard let report = outcome.report else {
            check(false, "no report")
            return false
        }
        check(report.year.year == model.year, "year \(report.year.year.map(String.init) ?? "nil"), model \(model.year)")
        check(report.year.title == model.year, "title year \(report.year.title.map(String.init) ?? "nil")")
        check(report.year.statisticsPeriod == model.year, "statistics period \(report.year.statisticsPeriod.map(String.init) ?? "nil")")
        check(report.formatVersion == .v2021, "format \(report.formatVersion.rawValue)")
        let encoding: TextEncoding = switch generated.options.encoding {
        case .utf8: .utf8
        case .utf8BOM: .utf8WithBOM
        case .utf16LE: .utf16LittleEndian
        case .utf16BE: .utf16BigEndian
        case .gb18030: .gb18030
        }
        check(outcome.encoding == encoding, "encoding \(outcome.encoding.map(\.rawValue) ?? "nil"), written as \(generated.options.encoding)")
        check(report.sections == Section.allCases, "sections \(report.sections.map(\.numeral))")
        let mismatches = FigureComparison.mismatches(report, model)
        check(mismatches.isEmpty, "figures differ:\n" + mismatches.prefix(6).joined(separator: "\n"))
        let json = FigureComparison.figuresJSON(of: outcome)?.serialized()
        let expectedJSON = FigureComparison.expectedJSON(model).serialized()
        check(json == expectedJSON, "JSON figures\n\(json ?? "nil")\nexpected\n\(expectedJSON)")
        return ok
    }
}

@Suite("Report generator")
struct GeneratorTests {
    @Test("the same seed gives the same bytes; another seed other bytes")
    func reproducible() {
        for layout in Layout.allCases {
            var rng = SplitMix64(seed: 7)
            let options = RenderOptions.random(layout, .gb18030, .crlf, rng: &rng)
            let first = ReportRenderer.bytes(ReportModel.generate(seed: 42), options)
            let again = ReportRenderer.bytes(ReportModel.generate(seed: 42), options)
            let other = ReportRenderer.bytes(ReportModel.generate(seed: 43), options)
            #expect(first == again, "\(layout)")
            #expect(first != other, "\(layout)")
        }
    }

    @Test("SplitMix64 gives the reference sequence")
    func splitMix() {
        // Reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test("generated models satisfy every relation (the oracle finds nothing)")
    func modelsAreConsistent() {
        for index in 0..<200 {
            let model = ReportModel.generate(seed: Seeds.seed(2, index))
            #expect(ArithmeticOracle.findings(model).isEmpty, "seed \(String(model.seed, radix: 16))")
            #expect(model.count(.newReceived, 6) >= 1 && model.count(.totalProcessed, 0) >= 1)
        }
    }

    @Test("every layout writes blank cells so that they can be seen", arguments: Layout.allCases)
    func blanksAreVisible(layout: Layout) {
        var model = ReportModel.generate(seed: 5)
        model.review[7] = .blank
        let text = ReportRenderer.text(model, RenderOptions(layout: layout))
        switch layout {
        case .pipes: #expect(text.contains("||") || text.contains("| |"))
        case .markdown: #expect(text.contains("|---|") || text.contains("|:---|") || text.contains("| --- |"))
        case .tabs: #expect(text.contains("\t\t"))
        case .cellLinesTrailingPipe: #expect(text.contains("\n |\n"))
        case .cellLinesPipeBetween: #expect(text.contains("\n|\n|\n"))
        case .cellParagraphs: #expect(!text.contains("|"))
        }
    }
}
