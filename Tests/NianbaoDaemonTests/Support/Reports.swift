import Foundation

/// Report texts made from the seed (Tests/Fixtures/seed-2023.txt, a 2023 report whose prose says
/// 2 applications were received while table 三 says 3: NB501), with what the daemon must say
/// about each. Every report here arrives after 31 January 2024, so a 2023 report also gets NB506.
///
/// Two reports of one test must differ in bytes *and* in tables, or the second gets NB507:
/// `variant` puts a different number in table 二's 行政许可 cell, which no relation involves.
enum Reports {
    static let seedText: String = {
        guard let text = try? String(contentsOfFile: Harness.seedPath, encoding: .utf8) else {
            fatalError("cannot read \(Harness.seedPath)")
        }
        return text
    }()

    static var seed: Data { Data(seedText.utf8) }

    /// The seed with table 二's licensing count set to `variant` (0 is the seed itself).
    static func seed(variant: Int) -> Data {
        Data(withLicensing(seedText, variant).utf8)
    }

    /// The seed, judged by the daemon: accepted_with_warnings, NB501 NB506.
    /// `extraCodes`: one warning finding each (a code listed twice is two findings, one code).
    static func expectSeed(_ file: String, _ data: Data, agency: String? = nil, extraCodes: [String] = []) -> ExpectedJudgement {
        let findings = ["NB501", "NB506"] + extraCodes
        return ExpectedJudgement(file: file, agency: agency ?? agencyOf(file), verdict: "accepted_with_warnings",
                                 codes: Set(findings).sorted(), errors: 0, warnings: findings.count, year: 2023,
                                 sha256: Harness.sha256(data))
    }

    /// The current year in the office's time zone (UTC+8, the daemon's default).
    static var currentYear: Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        return calendar.component(.year, from: Date())
    }

    /// A clean report for the current year (not late): accepted.
    static func accepted(variant: Int = 0) -> Data {
        let year = currentYear
        let text = seedText.replacingOccurrences(of: "共受理政府信息公开申请2件", with: "共受理政府信息公开申请3件")
            .replacingOccurrences(of: "2024", with: String(year + 1))
            .replacingOccurrences(of: "2023", with: String(year))
        return Data(withLicensing(text, variant).utf8)
    }

    static func expectAccepted(_ file: String, _ data: Data) -> ExpectedJudgement {
        ExpectedJudgement(file: file, agency: agencyOf(file), verdict: "accepted", codes: [], errors: 0, warnings: 0,
                          year: currentYear, sha256: Harness.sha256(data))
    }

    /// The seed without section 六: rejected (NB201), plus the seed's NB501 and NB506.
    static func rejected(variant: Int = 0) -> Data {
        let lines = withLicensing(seedText, variant).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("六、") && !$0.contains("信息处理费") }
        return Data(lines.joined(separator: "\n").utf8)
    }

    static func expectRejected(_ file: String, _ data: Data) -> ExpectedJudgement {
        ExpectedJudgement(file: file, agency: agencyOf(file), verdict: "rejected", codes: ["NB201", "NB501", "NB506"],
                          errors: 1, warnings: 2, year: 2023, sha256: Harness.sha256(data))
    }

    /// A line of text that is no report at all: rejected (six NB201, three NB203, NB207).
    static func note(_ label: String) -> Data { Data("not a report: \(label)\n".utf8) }

    static func expectNote(_ file: String, _ data: Data) -> ExpectedJudgement {
        ExpectedJudgement(file: file, agency: agencyOf(file), verdict: "rejected", codes: ["NB201", "NB203", "NB207"],
                          errors: 9, warnings: 1, year: nil, sha256: Harness.sha256(data))
    }

    /// The seed turned into the same agency's report for 2022: years shifted back by one, and
    /// rules in force set to `rulesInForce` (issued the same number, so the 2022 report is
    /// consistent in itself). Its carried_forward total is the seed's: 1.
    static func report2022(rulesInForce: Int) -> Data {
        let text = seedText.replacingOccurrences(of: "2023", with: "2022").replacingOccurrences(of: "2024", with: "2023")
            .replacingOccurrences(of: "| 规章 | 0 | 0 | 0 |", with: "| 规章 | \(rulesInForce) | 0 | \(rulesInForce) |")
        precondition(text.contains("| 规章 | \(rulesInForce) | 0 | \(rulesInForce) |"), "the seed's table 二 changed: update Reports.report2022")
        return Data(text.utf8)
    }

    static func agencyOf(_ file: String) -> String? {
        let parts = file.split(separator: "/")
        return parts.count > 1 ? String(parts[0]) : nil
    }

    private static func withLicensing(_ text: String, _ variant: Int) -> String {
        guard variant != 0 else { return text }
        let changed = text.replacingOccurrences(of: "| 行政许可 | 0 |", with: "| 行政许可 | \(variant) |")
        precondition(changed != text, "the seed's table 二 changed: update Reports.withLicensing")
        return changed
    }
}
