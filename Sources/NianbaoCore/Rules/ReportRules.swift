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
