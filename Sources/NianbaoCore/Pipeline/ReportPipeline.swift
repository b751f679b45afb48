/// Bytes in, verdict out: the whole pure pipeline for one document, every format. The kind is
/// sniffed from the content once, never from the name (a `.txt` that is a web page is read as
/// one); the first format of the list that reads that kind turns it into document text; the
/// report is read from that text and every rule is run on it.
public struct ReportPipeline: Sendable {
    public let formats: [any DocumentFormat]

    public init(formats: [any DocumentFormat]) {
        self.formats = formats
    }

    /// The core alone: plain text in any of its encodings.
    public static let plainText = ReportPipeline(formats: [PlainTextFormat()])

    public func check(_ bytes: [UInt8]) -> CheckOutcome {
        switch read(bytes) {
        case .unreadable(let failure, let kind):
            return .unreadable(failure, kind: kind)
        case .document(let document, let kind, let encoding):
            let report = ReportReader.read(document)
            return CheckOutcome(findings: ReportRules.findings(for: report), report: report, kind: kind, encoding: encoding)
        }
    }

    /// The document text, or why there is none: kinds no format of the list reads are
    /// unreadable, with a message saying what to send instead.
    public func read(_ bytes: [UInt8]) -> DocumentReading {
        let kind = DocumentKind.sniff(bytes)
        if let format = formats.first(where: { $0.reads(kind) }) {
            return format.read(bytes, sniffed: kind)
        }
        return .unreadable(kind.unsupportedFailure ?? Self.notRead(kind), kind: kind)
    }

    /// A kind the formats could read but this pipeline was not given.
    private static func notRead(_ kind: DocumentKind) -> ReadingFailure {
        ReadingFailure(
            code: .nb103,
            message: "暂不支持读取\(kind.rawValue)格式；请提交.txt纯文本格式的报告",
            messageEnglish: "\(kind.rawValue) documents are not read yet; submit the report as plain .txt")
    }
}

/// The text pipeline alone, as the core's tests and the text fuzzer call it.
public enum ReportChecker {
    public static func check(_ bytes: [UInt8]) -> CheckOutcome {
        ReportPipeline.plainText.check(bytes)
    }
}
