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

extension CheckOutcome {
    /// Adds the history findings to a readable report's outcome (and recomputes the verdict).
    public func addingHistory(_ history: SubmissionHistory) -> CheckOutcome {
        guard let report, verdict != .unreadable else { return self }
        let extra = HistoryRules.findings(for: report, history: history)
        guard !extra.isEmpty else { return self }
        return CheckOutcome(findings: ReportRules.sorted(findings + extra), report: report, kind: kind, encoding: encoding)
    }
}
