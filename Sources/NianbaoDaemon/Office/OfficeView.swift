import NianbaoCore
import NianbaoLedger

/// An agency's state for the year being collected: the verdict of its latest report of that
/// year, or `missing`.
public enum AgencyState: String, Sendable, CaseIterable {
    case missing, accepted
    case acceptedWithWarnings = "accepted_with_warnings"
    case rejected, unreadable

    public var chinese: String {
        switch self {
        case .missing: "未报送"
        case .accepted: "通过"
        case .acceptedWithWarnings: "通过（有警告）"
        case .rejected: "退回"
        case .unreadable: "无法读取"
        }
    }

    /// Counts in the 合计 row: the figures of reports the office accepts.
    public var isAccepted: Bool { self == .accepted || self == .acceptedWithWarnings }
}

/// One agency in the office's view.
public struct AgencyLine: Sendable, Equatable {
    public var id: String
    /// From the roster; empty for an unknown agency or without a roster.
    public var name: String
    /// False for an unknown agency, and for every agency when there is no roster.
    public var onRoster: Bool
    /// The roster's further columns, in `OfficeView.extraColumns` order (empty strings when off the roster).
    public var extra: [String]
    public var state: AgencyState
    public var late: Bool
    public var report: AgencyReport?
}

/// The counts of the status file's `agencies` object.
public struct AgencyCounts: Sendable, Equatable {
    public var year: Int
    /// The roster's size, or the agencies seen when there is none.
    public var expected = 0
    public var byState: [AgencyState: Int] = [:]
    public var late = 0
    /// Sub-folders (or ledger agencies) not on the roster.
    public var unknown = 0

    public var missing: Int { byState[.missing, default: 0] }
    public var submitted: Int { expected - missing }
}

/// Who has reported what for one year: the roster (or the agencies seen), each agency's
/// latest report from the ledger, the deadline. Built in one read transaction.
public struct OfficeView: Sendable {
    public var year: Int
    public var deadline: CivilDate
    public var daysLeft: Int
    public var hasRoster: Bool
    public var extraColumns: [String]
    /// Roster order, then unknown agencies by id (without a roster: every agency by id).
    public var lines: [AgencyLine]

    public var counts: AgencyCounts {
        var counts = AgencyCounts(year: year)
        for line in lines {
            if hasRoster && !line.onRoster {
                counts.unknown += 1
                continue
            }
            counts.expected += 1
            counts.byState[line.state, default: 0] += 1
            if line.late { counts.late += 1 }
        }
        return counts
    }

    /// Reads the ledger through `reports` (the daemon's `Ledger` or a command's read-only
    /// `LedgerSnapshot`): agencies = roster ∪ drop sub-folders ∪ agencies with files in the ledger.
    public static func build(
        roster: Roster?, folders: [String], calendar: OfficeCalendar, year: Int, nowMs: Int64, withDetails: Bool,
        reports: (_ extraAgencies: [String], _ query: YearQuery) throws(LedgerError) -> (seen: [String], reports: [String: AgencyReport])
    ) throws(LedgerError) -> OfficeView {
        let window = calendar.unknownYearWindow(year: year)
        let query = YearQuery(year: year, unknownYearArrivalFromMs: window.fromMs, unknownYearArrivalToMs: window.toMs, withDetails: withDetails)
        let extra = (roster?.agencies.map(\.id) ?? []) + folders
        let found = try reports(extra, query)
        var lines: [AgencyLine] = []
        var listed = Set<String>()
        func line(_ id: String, name: String, onRoster: Bool, extra: [String]) -> AgencyLine {
            let report = found.reports[id]
            let state = report.flatMap { AgencyState(rawValue: $0.verdict) } ?? .missing
            let late = report.map { calendar.isLate(arrivedAtMs: $0.arrivedAtUnixMs, year: year) } ?? false
            return AgencyLine(id: id, name: name, onRoster: onRoster, extra: extra, state: state, late: late, report: report)
        }
        let extraCount = roster?.extraColumns.count ?? 0
        for agency in roster?.agencies ?? [] {
            lines.append(line(agency.id, name: agency.name, onRoster: true, extra: agency.extra))
            listed.insert(agency.id)
        }
        let others = Set(found.seen).union(folders).subtracting(listed).sorted()
        for id in others {
            lines.append(line(id, name: "", onRoster: false, extra: Array(repeating: "", count: extraCount)))
        }
        return OfficeView(year: year, deadline: calendar.deadlineDate(forYear: year), daysLeft: calendar.daysLeft(year: year, atMs: nowMs),
                          hasRoster: roster != nil, extraColumns: roster?.extraColumns ?? [], lines: lines)
    }

    /// The agencies off the roster (none without a roster).
    public var unknownAgencies: [String] { hasRoster ? lines.filter { !$0.onRoster }.map(\.id) : [] }
}
