/// Runs every rule that needs nothing but the report itself.
public enum ReportRules {
    public static func findings(for report: Report) -> [Finding] {
        var findings = StructureRules.findings(report)
        if report.formatVersion != .v2019 {
            findings += ValueRules.findings(report)
            findings += ArithmeticRules.findings(report)
        }
        findings += ProseRules.findings(report)
        return sorted(findings)
    }

    /// Findings about the whole report first, then by section, then by code; stable within.
    public static func sorted(_ findings: [Finding]) -> [Finding] {
        findings.enumerated().sorted { left, right in
            let l = (left.element.section?.rawValue ?? 0, left.element.code.rawValue, left.offset)
            let r = (right.element.section?.rawValue ?? 0, right.element.code.rawValue, right.offset)
            return l < r
        }.map(\.element)
    }
}

/// The result of checking one document.
public struct CheckOutcome: Sendable {
    public var verdict: Verdict
    public var findings: [Finding]
    /// The report as read; nil when the document could not be read at all.
    public var report: Report?
    public var kind: DocumentKind
    public var encoding: TextEncoding?

    public init(findings: [Finding], report: Report?, kind: DocumentKind, encoding: TextEncoding?) {
        self.findings = findings
        self.verdict = Verdict(findings: findings)
        self.report = report
        self.kind = kind
        self.encoding = encoding
    }

    public static func unreadable(_ failure: ReadingFailure, kind: DocumentKind = .text) -> CheckOutcome {
        CheckOutcome(
            findings: [Finding(code: failure.code, message: failure.message, messageEnglish: failure.messageEnglish)],
            report: nil, kind: kind, encoding: nil)
    }

    public var errorCount: Int { findings.filter { $0.severity == .error }.count }
    public var warningCount: Int { findings.filter { $0.severity == .warning }.count }
    /// Codes sorted, each once: `NB303 NB501`.
    public var codes: [String] { Array(Set(findings.map(\.code.rawValue))).sorted() }
}

/// Bytes in, verdict out: the whole pure pipeline for one document.
public enum ReportChecker {
    public static func check(_ bytes: [UInt8]) -> CheckOutcome {
        let kind = DocumentKind.sniff(bytes)
        if let failure = kind.unsupportedFailure { return .unreadable(failure, kind: kind) }
        let document: DocumentText
        var encoding: TextEncoding?
        switch kind {
        case .text:
            if let survey = bytes.withUnsafeBufferPointer(UTF8Survey.init) {
                // The usual report: plain UTF-8, laid out from the bytes as they are.
                if survey.tooManyControls { return .unreadable(TextDecoder.binary, kind: kind) }
                encoding = .utf8
                document = TextLayout.document(ofValidUTF8: bytes, lines: survey.lines)
                break
            }
            switch TextDecoder.decode(bytes) {
            case .failure(let failure): return .unreadable(failure, kind: kind)
            case .success(let decoded):
                if ControlCharacters.tooMany(in: decoded.text) { return .unreadable(TextDecoder.binary, kind: kind) }
                encoding = decoded.encoding
                document = TextLayout.document(of: decoded.text)
            }
        default:
            return .unreadable(ReadingFailure(
                code: .nb103,
                message: "暂不支持读取\(kind.rawValue)格式；请提交.txt纯文本格式的报告",
                messageEnglish: "\(kind.rawValue) documents are not read yet; submit the report as plain .txt"), kind: kind)
        }
        let report = ReportReader.read(document)
        return CheckOutcome(findings: ReportRules.findings(for: report), report: report, kind: kind, encoding: encoding)
    }
}

/// Text that decodes but is mostly control characters is binary data that happened to decode.
enum ControlCharacters {
    static func tooMany(in text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            // Scalars are the bytes that are not continuation bytes; C0 controls and DEL are one
            // byte, C1 controls (U+0080…U+009F) are C2 80…C2 9F.
            var total = 0, control = 0, index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte & 0xC0 != 0x80 { total += 1 }
                if byte < 0x20 {
                    if byte != 0x09, byte != 0x0A, byte != 0x0C, byte != 0x0D { control += 1 }
                } else if byte == 0x7F {
                    control += 1
                } else if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] <= 0x9F {
                    control += 1
                }
                index += 1
            }
            return tooMany(controls: control, of: total)
        }
    }

    static func tooMany(controls: Int, of scalars: Int) -> Bool {
        controls > 0 && controls * 100 > scalars  // more than 1%
    }
}
