import NianbaoCore

/// The whole pipeline for one document, every format: bytes in, verdict out. Word documents and
/// web pages are read here into document blocks; everything else (text, and the kinds that
/// are recognised but not read) goes to the core's `ReportChecker`. The kind is sniffed from
/// the content, never the name: a `.txt` that is a web page is read as one.
public enum DocumentReader {
    public static func check(_ bytes: [UInt8]) -> CheckOutcome {
        let kind = DocumentKind.sniff(bytes)
        switch kind {
        case .docx, .zip:
            switch WordReader.read(bytes) {
            case .blocks(let blocks):
                return outcome(blocks, kind: .docx, encoding: nil)
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
            case .success(let decoded): return outcome(decoded.blocks, kind: .html, encoding: decoded.encoding)
            case .failure(let failure): return .unreadable(failure, kind: .html)
            }
        default:
            return ReportChecker.check(bytes)
        }
    }

    /// The blocks of a document, for tools that look at reading alone; nil for other kinds.
    public static func blocks(_ bytes: [UInt8]) -> [DocumentBlock]? {
        switch DocumentKind.sniff(bytes) {
        case .docx, .zip:
            if case .blocks(let blocks) = WordReader.read(bytes) { return blocks }
            return nil
        case .html:
            return try? HTMLReader.read(bytes).get().blocks
        default:
            return nil
        }
    }

    private static func outcome(_ blocks: [DocumentBlock], kind: DocumentKind, encoding: TextEncoding?) -> CheckOutcome {
        let report = ReportReader.read(blocks)
        return CheckOutcome(findings: ReportRules.findings(for: report), report: report, kind: kind, encoding: encoding)
    }
}
