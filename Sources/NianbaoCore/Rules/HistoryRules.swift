/// A calendar date, without time zone arithmetic: the daemon converts the arrival instant.
public struct CivilDate: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var year: Int, month: Int, day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }
}

/// The submission deadline: a day of the year after the report year (31 January by default,
/// article 49 of the 政府信息公开条例).
public struct Deadline: Sendable, Equatable {
    public var month: Int
    public var day: Int

    public init(month: Int = 1, day: Int = 31) {
        self.month = month
        self.day = day
    }

    public func date(forReportYear year: Int) -> CivilDate { CivilDate(year: year + 1, month: month, day: day) }
}

/// What the ledger knows that a report alone cannot tell.
public struct SubmissionHistory: Sendable {
    /// The same agency's report for the previous year.
    public struct PreviousReport: Sendable {
        public var file: String
        public var carriedForward: Int?
        public var rulesInForce: Int?
        public var normativeInForce: Int?

        public init(file: String, carriedForward: Int?, rulesInForce: Int?, normativeInForce: Int?) {
            self.file = file
            self.carriedForward = carriedForward
            self.rulesInForce = rulesInForce
            self.normativeInForce = normativeInForce
        }
    }

    /// Another file that already carried the same content.
    public struct Duplicate: Sendable {
        public var file: String
        public var agency: String?
        public var identicalBytes: Bool

        public init(file: String, agency: String?, identicalBytes: Bool) {
            self.file = file
            self.agency = agency
            self.identicalBytes = identicalBytes
        }
    }

    public var previousYear: PreviousReport?
    public var duplicates: [Duplicate]
    /// The day the file arrived, in the office's time zone.
    public var arrival: CivilDate?
    public var deadline: Deadline

    public init(previousYear: PreviousReport? = nil, duplicates: [Duplicate] = [], arrival: CivilDate? = nil, deadline: Deadline = Deadline()) {
        self.previousYear = previousYear
        self.duplicates = duplicates
        self.arrival = arrival
        self.deadline = deadline
    }
}

/// NB502, NB503, NB506, NB507: rules that compare a report with what came before it.
public enum HistoryRules {
    public static func findings(for report: Report, history: SubmissionHistory) -> [Finding] {
        var findings: [Finding] = []
        if let previous = history.previousYear {
            findings += carriedOver(report, previous) + inForce(report, previous)
        }
        if let arrival = history.arrival, let year = report.year.year {
            let deadline = history.deadline.date(forReportYear: year)
            if arrival > deadline {
                findings.append(Finding(
                    code: .nb506,
                    message: "报告于\(arrival)送达，晚于\(year)年度报告的报送截止日期\(deadline)",
                    messageEnglish: "the report arrived on \(arrival), after the deadline \(deadline) for reports on \(year)"))
            }
        }
        for duplicate in history.duplicates {
            let agency = duplicate.agency.map { "（\($0)）" } ?? ""
            let what = duplicate.identicalBytes ? ("内容与", "has the same bytes as") : ("表格数字与", "has the same tables as")
            findings.append(Finding(
                code: .nb507,
                message: "\(what.0)已提交的文件“\(duplicate.file)”\(agency)完全相同；请确认没有误交其他机关的报告",
                messageEnglish: "\(what.1) the already submitted file \(duplicate.file)\(duplicate.agency.map { " (\($0))" } ?? ""); check that this is the agency's own report"))
        }
        return findings
    }

    private static func carriedOver(_ report: Report, _ previous: SubmissionHistory.PreviousReport) -> [Finding] {
        guard let lastYear = previous.carriedForward,
              case .count(let thisYear)? = report.applications?.value(.carriedOver, .total),
              thisYear != lastYear else { return [] }
        return [Finding(
            code: .nb502, table: .three, row: ApplicationRow.carriedOver.rawValue, rowLabel: ApplicationRow.carriedOver.label,
            column: ApplicantColumn.total.rawValue, columnLabel: "总计", expected: .count(lastYear), actual: .count(thisYear),
            message: "表三上年结转为\(thisYear)件，但上一年度报告（\(previous.file)）的结转下年度为\(lastYear)件",
            messageEnglish: "table 三 carried_over is \(thisYear), but last year's report (\(previous.file)) carried \(lastYear) forward")]
    }

    private static func inForce(_ report: Report, _ previous: SubmissionHistory.PreviousReport) -> [Finding] {
        guard let disclosure = report.disclosure else { return [] }
        var findings: [Finding] = []
        for (item, lastYear) in [(DisclosureItem.rules, previous.rulesInForce), (.normativeDocuments, previous.normativeInForce)] {
            guard let lastYear, case .count(let issued) = disclosure.value(item, .issued),
                  case .count(let repealed) = disclosure.value(item, .repealed), case .count(let inForce) = disclosure.value(item, .inForce)
            else { continue }
            let expected = lastYear + issued - repealed
            guard inForce != expected else { continue }
            findings.append(Finding(
                code: .nb503, table: .two, row: item.rawValue, rowLabel: item.label,
                column: DisclosureColumn.inForce.rawValue, columnLabel: DisclosureColumn.inForce.label,
                expected: .count(expected), actual: .count(inForce),
                message: "表二“\(item.label)”现行有效件数为\(inForce)，按上年现行有效\(lastYear)件加本年制发\(issued)件减废止\(repealed)件应为\(expected)件（如有修订可忽略）",
                messageEnglish: "table 二 \(item.rawValue) in_force is \(inForce); last year's \(lastYear) + issued \(issued) - repealed \(repealed) gives \(expected) (amendments may explain it)"))
        }
        return findings
    }
}
