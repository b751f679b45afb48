import FuzzSupport
import NianbaoCore
import NianbaoDocuments

/// Web pages. An input that sniffs as HTML takes the daemon's path (`DocumentReader.check`);
/// one that does not (a mutation broke its first tag) is still given to the HTML reader, so
/// that the fuzzer's work is not lost to the text reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzSupport.bytes(data, size)
    if DocumentKind.sniff(bytes) == .html {
        FuzzSupport.render(DocumentReader.check(bytes))
    } else if case .success(let decoded) = HTMLReader.read(bytes) {
        let report = ReportReader.read(decoded.document)
        FuzzSupport.render(CheckOutcome(findings: ReportRules.findings(for: report), report: report, kind: .html,
                                        encoding: decoded.encoding))
    }
    return 0
}
