import Testing
@testable import NianbaoCore
import ReportGenerator

/// Every rule the core implements, provoked on its own in every layout: exactly the expected
/// findings (code, place, numbers), the verdict, the year and the format.
@Suite("Injected defects")
struct DefectTests {
    static let seedsPerCase = 2

    @Test("a defect gives exactly its findings", arguments: Defect.all.map(\.name), Layout.allCases)
    func defect(name: String, layout: Layout) {
        let defect = Defect.named(name)
        let defectIndex = Defect.all.firstIndex { $0.name == name }!, layoutIndex = Layout.allCases.firstIndex(of: layout)!
        for index in 0..<Self.seedsPerCase {
            let seed = Seeds.seed(3, defectIndex, layoutIndex, index)
            let (model, expectation) = defect.apply(seed: seed)
            var rng = SplitMix64.derived(seed, 10)
            var options = RenderOptions.random(
                layout, rng.pick(TextEncodingChoice.allCases), rng.pick(LineEnding.allCases), rng: &rng)
            options.omitHeadingThree = false  // would change the sections some defects are about
            let generated = GeneratedCase(model: model, options: options)
            if !Self.verify(generated, expectation, defect: name) { generated.keep() }
        }
    }

    @discardableResult
    static func verify(_ generated: GeneratedCase, _ expectation: ReportGenerator.Expectation, defect: String,
                       sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let outcome = generated.outcome
        let mismatches = expectation.mismatches(of: outcome, model: generated.model, codesDetail: "\nfindings:\n\(generated.findingsText)")
        for mismatch in mismatches {
            Issue.record("\(defect) — \(generated.label): \(mismatch)", sourceLocation: sourceLocation)
        }
        return mismatches.isEmpty
    }

    @Test("hand-stated arithmetic expectations agree with the oracle", arguments: [
        "NB401 unit moved between outcome rows", "NB402 total_processed and carried_forward shifted together",
        "NB403 new_received changed with its total", "NB404 group total off by one", "NB303 nonzero outcome cell left blank",
        "NB303 outcome row left entirely blank",
    ])
    func handStatedMatchOracle(name: String) {
        for index in 0..<50 {
            let (model, expectation) = Defect.named(name).apply(seed: Seeds.seed(4, index))
            #expect(expectation.findings.sorted() == ArithmeticOracle.findings(model).sorted(), "seed \(String(model.seed, radix: 16))")
        }
    }
}
