import Foundation
import NianbaoCore
import NianbaoDocuments
import Testing

/// What matters of an outcome for comparing formats: verdict, year, findings by place, figures.
struct Summary: Equatable, CustomStringConvertible {
    var verdict: String
    var year: Int?
    var findings: [String]
    var figures: String

    init(_ outcome: CheckOutcome) {
        verdict = outcome.verdict.rawValue
        year = outcome.report?.year.year
        findings = outcome.findings.map {
            "\($0.code.rawValue) \($0.section?.numeral ?? "-") \($0.row ?? "-") \($0.column ?? "-") \($0.expected?.description ?? "-") \($0.actual?.description ?? "-")"
        }
        figures = (outcome.report?.figuresJSON ?? .object([])).serialized()
    }

    var description: String { "\(verdict) \(year.map(String.init) ?? "no year")\n  " + findings.joined(separator: "\n  ") }
}

enum Format: String, CaseIterable, CustomStringConvertible {
    case docx, html, htmlGB2312, htmlGBKHTTPEquiv, htmlBare
    var description: String { rawValue }

    func bytes(_ document: SeedDocument) -> [UInt8] {
        switch self {
        case .docx: document.docx
        case .html: document.html()
        case .htmlGB2312: document.html(charset: .gb2312Meta)
        case .htmlGBKHTTPEquiv: document.html(charset: .gbkHTTPEquiv)
        case .htmlBare: document.html(chrome: false)
        }
    }

    var kind: DocumentKind { self == .docx ? .docx : .html }
}

@Suite("The seed report as Word and as a web page")
struct SeedFormatsTests {
    @Test("the seed gives the text seed's verdict, codes and figures", arguments: Format.allCases)
    func seed(format: Format) throws {
        let document = SeedDocument()
        let text = DocumentReader.check(Array(document.text.utf8))
        let outcome = DocumentReader.check(format.bytes(document))
        #expect(outcome.kind == format.kind)
        #expect(outcome.verdict == .acceptedWithWarnings)
        #expect(outcome.codes == ["NB501"])
        #expect(outcome.report?.year.year == 2023)
        #expect(Summary(outcome) == Summary(text), "\(Summary(outcome))\nexpected\n\(Summary(text))")
        #expect(Summary(outcome).figures == Summary(ReportChecker.check(Array(SeedDocument.seedText.utf8))).figures)
        if format == .htmlGB2312 || format == .htmlGBKHTTPEquiv { #expect(outcome.encoding == .gb18030) }
    }

    /// (name, edit, codes that must be among the findings)
    static let defects: [(String, @Sendable (inout SeedDocument) -> Void, Set<String>)] = [
        ("NB401 row total off", { $0.values["一、本年新收政府信息公开申请数量"]![6] = "4" }, ["NB401"]),
        ("NB402 outcome total off", { $0.values["(二)部分公开"] = ["1", "0", "0", "0", "0", "0", "1"] }, ["NB402"]),
        ("NB204 row missing", { $0.removed.insert("2.重复申请") }, ["NB204"]),
        ("NB204 table 二 row missing", { $0.removed.insert("行政处罚") }, ["NB204"]),
        ("NB303 blank cell", { $0.values["1.属于国家秘密"]![2] = "" }, ["NB303"]),
        ("NB303 blank cell in table 二", { $0.values["规章"]![0] = "" }, ["NB303"]),
        ("NB303 placeholder cell", { $0.values["行政许可"]![0] = "/" }, ["NB303"]),
        ("NB201 section 五 missing", { $0.removedLines = ["五、", "2023年,我局不断", "2024年我局"] }, ["NB201"]),
        ("NB203 table 四 missing", { $0.removedTables = [3] }, ["NB203"]),
        ("NB203 table 三 missing", { $0.removedTables = [2] }, ["NB203"]),
    ]

    @Test("an injected defect gives the same findings as in the text twin",
          arguments: defects.indices, Format.allCases)
    func defect(index: Int, format: Format) {
        let (name, edit, required) = Self.defects[index]
        var document = SeedDocument()
        edit(&document)
        let text = Summary(DocumentReader.check(Array(document.text.utf8)))
        let outcome = DocumentReader.check(format.bytes(document))
        let summary = Summary(outcome)
        #expect(required.isSubset(of: Set(outcome.codes)), "\(name): \(summary)")
        #expect(summary == text, "\(name): \(summary)\nexpected (text twin)\n\(text)")
    }

    @Test("a .txt that is a web page and a .doc that is a .docx are read as what they are")
    func sniffing() {
        // Names play no part: the same bytes, whatever the file was called.
        let document = SeedDocument()
        #expect(DocumentReader.check(document.html()).kind == .html)
        #expect(DocumentReader.check(document.docx).kind == .docx)
        // A plain ZIP, or an Excel workbook, is not a Word document.
        let workbook = SeedDocument.zip([("[Content_Types].xml", Array("<Types/>".utf8)), ("xl/workbook.xml", Array("<workbook/>".utf8))])
        let outcome = DocumentReader.check(workbook)
        #expect(outcome.codes == ["NB103"])
        #expect(outcome.findings.first?.message.contains("ZIP") == true)
        // A ZIP that mentions word/ but has no document part.
        let fake = SeedDocument.zip([("word/styles.xml", Array("<styles/>".utf8))])
        #expect(DocumentReader.check(fake).codes == ["NB103"])
        // Text stays with the core.
        #expect(Summary(DocumentReader.check(Array(SeedDocument.seedText.utf8))) == Summary(ReportChecker.check(Array(SeedDocument.seedText.utf8))))
    }
}
