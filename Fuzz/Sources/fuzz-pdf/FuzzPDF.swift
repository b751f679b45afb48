import FuzzSupport
import NianbaoCore
import NianbaoDocuments

/// PDFs. An input that sniffs as PDF takes the daemon's path (`DocumentReader.check`); one that
/// does not (a mutation broke `%PDF-`) is still given to the PDF reader, which poppler opens by
/// its own rules, so that the fuzzer's work is not lost to the text reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPDF(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzSupport.bytes(data, size)
    if DocumentKind.sniff(bytes) == .pdf {
        FuzzSupport.render(DocumentReader.check(bytes))
    } else if case .success(let document) = PDFReader.read(bytes) {
        let report = ReportReader.read(document)
        FuzzSupport.render(CheckOutcome(findings: ReportRules.findings(for: report), report: report, kind: .pdf, encoding: nil))
    }
    return 0
}
