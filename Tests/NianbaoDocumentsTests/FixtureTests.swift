import Foundation
import NianbaoCore
import NianbaoDocuments
import Testing

/// Tests/Fixtures/seed-2023.docx and seed-2023.html (used by `make bench`) are the generator's
/// output; NIANBAO_WRITE_FIXTURES=1 rewrites them. They read as the text seed does.
@Suite("Committed fixtures")
struct FixtureTests {
    @Test("seed-2023.docx and seed-2023.html give the text seed's verdict, codes and figures", arguments: ["docx", "html"])
    func fixture(ext: String) throws {
        let url = SeedDocument.fixtures.appendingPathComponent("seed-2023.\(ext)")
        let document = SeedDocument()
        let generated = ext == "docx" ? document.docx : document.html()
        if ProcessInfo.processInfo.environment["NIANBAO_WRITE_FIXTURES"] != nil || !FileManager.default.fileExists(atPath: url.path) {
            try Data(generated).write(to: url)
        }
        let bytes = try [UInt8](Data(contentsOf: url))
        let outcome = DocumentReader.check(bytes)
        #expect(outcome.verdict == .acceptedWithWarnings)
        #expect(outcome.codes == ["NB501"])
        #expect(Summary(outcome) == Summary(ReportChecker.check(Array(SeedDocument.seedText.utf8))))
    }
}
