import Foundation
import ReportGenerator
import Testing

/// Writes a corpus of generated reports to `NIANBAO_CORPUS_DIR` (skipped without it), for
/// `scripts/compare-check-json`: every layout, encoding and line ending as text, consistent and
/// with each defect of the catalogue, and the same models as .docx and as web pages in every
/// charset. Deterministic: the same folder for the same `NIANBAO_TEST_SEED`.
@Suite("Corpus for comparing check output")
struct CorpusDumpTests {
    static let folder = ProcessInfo.processInfo.environment["NIANBAO_CORPUS_DIR"]

    @Test("write the generated corpus", .enabled(if: folder != nil))
    func dump() throws {
        let folder = Self.folder!
        let manager = FileManager.default
        for sub in ["txt", "docx", "html"] {
            try manager.createDirectory(atPath: "\(folder)/\(sub)", withIntermediateDirectories: true)
        }
        func write(_ sub: String, _ name: String, _ bytes: [UInt8]) {
            _ = manager.createFile(atPath: "\(folder)/\(sub)/\(name)", contents: Data(bytes))
        }
        // Text: every layout × encoding × line ending, consistent and with defects.
        for (layoutIndex, layout) in Layout.allCases.enumerated() {
            for (encodingIndex, encoding) in TextEncodingChoice.allCases.enumerated() {
                for (endingIndex, lineEnding) in LineEnding.allCases.enumerated() {
                    for index in 0..<24 {
                        let seed = Seeds.seed(901, layoutIndex, encodingIndex, endingIndex, index)
                        var rng = SplitMix64.derived(seed, 9)
                        let options = RenderOptions.random(layout, encoding, lineEnding, rng: &rng)
                        let model: ReportModel
                        if index < 8 {
                            model = ReportModel.generate(seed: seed)
                        } else {
                            model = rng.pick(Defect.all).apply(seed: seed).model
                        }
                        write("txt", "\(layout)-\(encoding)-\(lineEnding)-\(index).txt", ReportRenderer.bytes(model, options))
                    }
                }
            }
        }
        // Word and web pages: consistent reports and every defect, each charset and chrome.
        for (defectIndex, defect) in ([nil] + Defect.all.map(Optional.some)).enumerated() {
            for index in 0..<12 {
                let seed = Seeds.seed(902, defectIndex, index)
                let model = defect.map { $0.apply(seed: seed).model } ?? ReportModel.generate(seed: seed)
                var document = GeneratedDocument(model: model, seed: seed)
                write("docx", "\(defectIndex)-\(index).docx", document.docx())
                var html = GeneratedDocument(model: model, seed: seed)
                let charset = GeneratedDocument.Charset.allCases[index % 3]
                write("html", "\(defectIndex)-\(index).html", html.html(charset: charset, chrome: index % 2 == 0))
            }
        }
    }
}
