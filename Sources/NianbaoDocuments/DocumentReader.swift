import NianbaoCore

/// The whole pipeline for one document, every format: bytes in, verdict out. Word documents and
/// web pages are read here into the core's document text; everything else (text, and the kinds
/// that are recognised but not read) goes to the core's `ReportChecker`. The kind is sniffed
/// from the content, never the name: a `.txt` that is a web page is read as one.
public enum DocumentReader {
    public static func check(_ bytes: [UInt8]) -> CheckOutcome {
        let kind = DocumentKind.sniff(bytes)
        switch kind {
        case .docx, .zip:
            switch WordReader.read(bytes) {
            case .document(let document):
                return outcome(document, kind: .docx, encoding: nil)
            case .notWord:
                return .unreadable(DocumentKind.zip.unsupportedFailure!, kind: .zip)
            case .unopenable(let failure):
                // A ZIP that did not even open and did not look like Word keeps the core's verdict.
                return kind == .zip ? ReportChecker.check(bytes) : .unreadable(failure, kind: .docx)
            case .failure(let failure):
                return .unreadable(failure, kind: .docx)
            }
        case .html:
            switch HTMLReader.read(bytes) {
            case .success(let decoded): return outcome(decoded.document, kind: .html, encoding: decoded.encoding)
            case .failure(let failure): return .unreadable(failure, kind: .html)
            }
        default:
            return ReportChecker.check(bytes)
        }
    }

    /// The document text of a Word document or web page; nil for other kinds.
    public static func document(_ bytes: [UInt8]) -> DocumentText? {
        switch DocumentKind.sniff(bytes) {
        case .docx, .zip:
            if case .document(let document) = WordReader.read(bytes) { return document }
            return nil
        case .html:
            return try? HTMLReader.read(bytes).get().document
        default:
            return nil
        }
    }

    private static func outcome(_ document: DocumentText, kind: DocumentKind, encoding: TextEncoding?) -> CheckOutcome {
        let report = ReportReader.read(document)
        return CheckOutcome(findings: ReportRules.findings(for: report), report: report, kind: kind, encoding: encoding)
    }
}
