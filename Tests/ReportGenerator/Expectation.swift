import NianbaoCore

/// A finding as a test states it: every field that locates it and its numbers. Compared
/// whole, so a finding in the wrong row or with the wrong numbers does not pass.
public struct ExpectedFinding: Equatable, Comparable, CustomStringConvertible {
    public var code: RuleCode
    public var section: Section?
    public var table: TableID?
    public var row: String?
    public var column: String?
    public var expected: Quantity?
    public var actual: Quantity?

    public init(_ code: RuleCode, section: Section? = nil, table: TableID? = nil, row: String? = nil, column: String? = nil,
         expected: Quantity? = nil, actual: Quantity? = nil) {
        self.code = code
        self.section = section ?? table?.section
        self.table = table
        self.row = row
        self.column = column
        self.expected = expected
        self.actual = actual
    }

    public init(_ finding: Finding) {
        self.init(finding.code, section: finding.section, table: finding.table, row: finding.row, column: finding.column,
                  expected: finding.expected, actual: finding.actual)
    }

    public var description: String {
        var parts = [code.rawValue]
        if let section { parts.append("§\(section.numeral)") }
        if let table { parts.append("表\(table.rawValue)") }
        if let row { parts.append("row=\(row)") }
        if let column { parts.append("col=\(column)") }
        if let expected { parts.append("expected=\(expected)") }
        if let actual { parts.append("actual=\(actual)") }
        return parts.joined(separator: " ")
    }

    public static func < (lhs: ExpectedFinding, rhs: ExpectedFinding) -> Bool { lhs.description < rhs.description }
}

/// What a defective report must come out as.
public struct Expectation: CustomStringConvertible {
    public var verdict: Verdict
    /// Exactly these findings, no more, no fewer.
    public var findings: [ExpectedFinding]
    /// The report year the core must settle on (nil: unknown); not checked when unset.
    public var year: Int??
    public var formatVersion: FormatVersion = .v2021
    /// Whether every whole row must be read as the model has it (not for the 2019 layout,
    /// whose tables have other rows and columns).
    public var checksFigures = true

    public var codes: Set<RuleCode> { Set(findings.map(\.code)) }

    public init(_ findings: [ExpectedFinding], year: Int?? = .none, formatVersion: FormatVersion = .v2021) {
        self.findings = findings
        self.year = year
        self.formatVersion = formatVersion
        let severities = findings.map(\.code.severity)
        if findings.contains(where: { $0.code.isReadingFailure }) {
            verdict = .unreadable
        } else if severities.contains(.error) {
            verdict = .rejected
        } else if severities.contains(.warning) {
            verdict = .acceptedWithWarnings
        } else {
            verdict = .accepted
        }
    }

    public var description: String { "\(verdict.rawValue) \(findings.sorted().map(\.description))" }
}

extension Expectation {
    /// What an outcome gets wrong against this expectation (codes, verdict, findings, year,
    /// format, figures of the model), one message each; empty when it is all right. The same
    /// checks for a report read from text, Word or HTML. `codesDetail` is added to a codes message.
    public func mismatches(of outcome: CheckOutcome, model: ReportModel, codesDetail: String = "") -> [String] {
        var found: [String] = []
        let codes = Set(outcome.findings.map(\.code))
        if codes != self.codes {
            found.append("codes \(codes.map(\.rawValue).sorted()), expected \(self.codes.map(\.rawValue).sorted())" + codesDetail)
        }
        if outcome.verdict != verdict { found.append("verdict \(outcome.verdict.rawValue), expected \(verdict.rawValue)") }
        let actual = outcome.findings.map(ExpectedFinding.init).sorted()
        if actual != findings.sorted() {
            found.append("findings\n  \(actual.map(\.description).joined(separator: "\n  "))\nexpected\n  \(findings.sorted().map(\.description).joined(separator: "\n  "))")
        }
        guard let report = outcome.report else { return found + ["no report"] }
        if let year, report.year.year != year {
            found.append("year \(String(describing: report.year.year)), expected \(String(describing: year))")
        }
        if report.formatVersion != formatVersion {
            found.append("format \(report.formatVersion.rawValue), expected \(formatVersion.rawValue)")
        }
        // Figures of the rows that are still whole must be read exactly as written.
        if checksFigures {
            let figures = FigureComparison.mismatches(report, model)
            if !figures.isEmpty { found.append("figures differ:\n" + figures.prefix(6).joined(separator: "\n")) }
        }
        return found
    }
}
