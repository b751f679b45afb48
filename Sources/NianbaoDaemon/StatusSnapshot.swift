import NianbaoCore

/// How monitoring should feel about the daemon (documented in the README):
/// - `critical`: the drop folder cannot be watched, or the ledger cannot be written;
/// - `warning`: verdicts go to stderr because the journal is unavailable, some folders are
///   not watched (inotify watch limit), or the drop folder is a network file system;
/// - `ok`: otherwise.
public enum DaemonState: String, Sendable, Comparable {
    case ok, warning, critical

    var rank: Int { self == .ok ? 0 : self == .warning ? 1 : 2 }
    public static func < (lhs: DaemonState, rhs: DaemonState) -> Bool { lhs.rank < rhs.rank }
}

/// The figures of the status file and the Prometheus file, at one moment.
struct StatusSnapshot: Sendable {
    var state: DaemonState = .ok
    var problems: [String] = []
    var drop: String
    var startedAtMs: Int64
    var updatedAtMs: Int64 = 0
    var pending = 0
    var counts: [String: Int] = [:]
    var last: (file: String, verdict: String, atMs: Int64)?
    var judgedSinceStart = 0
    /// The office's view: agencies by state for the year being collected, and its deadline.
    var agencies: AgencyCounts?
    var deadline: (date: CivilDate, daysLeft: Int)?

    var total: Int { counts.values.reduce(0, +) }

    /// "1 rejected report of 57; last: agency-a/2023.docx accepted"
    var summary: String {
        var parts: [String] = []
        let rejected = counts[Verdict.rejected.rawValue, default: 0], unreadable = counts[Verdict.unreadable.rawValue, default: 0]
        var head = rejected + unreadable == 0
            ? "\(total) report\(total == 1 ? "" : "s"), none rejected"
            : "\(rejected) rejected\(unreadable > 0 ? " and \(unreadable) unreadable" : "") report\(rejected + unreadable == 1 ? "" : "s") of \(total)"
        if pending > 0 { head += ", \(pending) pending" }
        parts.append(head)
        if let last { parts.append("last: \(TextEscaping.escapeControlCharacters(last.file)) \(last.verdict)") }
        if !problems.isEmpty { parts.append(problems.joined(separator: "; ")) }
        return parts.joined(separator: "; ")
    }

    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("state", .string(state.rawValue)),
            ("summary", .string(summary)),
            ("updated_at", .string(WallClock.iso8601(milliseconds: updatedAtMs))),
            ("updated_at_unix", .int(Int(updatedAtMs / 1000))),
            ("started_at", .string(WallClock.iso8601(milliseconds: startedAtMs))),
            ("drop", .string(drop)),
            ("pending", .int(pending)),
            ("reports", .object(Verdict.allCases.map { ($0.rawValue, .int(counts[$0.rawValue, default: 0])) })),
        ]
        if let last {
            members.append(("last", .object([
                ("file", .string(last.file)), ("verdict", .string(last.verdict)),
                ("at", .string(WallClock.iso8601(milliseconds: last.atMs))),
            ])))
        }
        members.append(("problems", .array(problems.map { .string($0) })))
        members.append(("judged_since_start", .int(judgedSinceStart)))
        if let agencies {
            members.append(("agencies", .object([
                ("year", .int(agencies.year)), ("expected", .int(agencies.expected)), ("submitted", .int(agencies.submitted)),
            ] + AgencyState.allCases.filter { $0 != .missing }.map { ($0.rawValue, .int(agencies.byState[$0, default: 0])) } + [
                ("missing", .int(agencies.missing)), ("late", .int(agencies.late)), ("unknown", .int(agencies.unknown)),
            ])))
        }
        if let deadline {
            members.append(("deadline", .object([("date", .string(deadline.date.description)), ("days_left", .int(deadline.daysLeft))])))
        }
        return .object(members)
    }

    /// The same figures for node_exporter's textfile collector.
    var prometheus: String {
        var lines = [
            "# HELP nianbao_reports Reports known to the ledger (current version of each file), by verdict.",
            "# TYPE nianbao_reports gauge",
        ]
        for verdict in Verdict.allCases {
            lines.append("nianbao_reports{verdict=\"\(verdict.rawValue)\"} \(counts[verdict.rawValue, default: 0])")
        }
        lines += [
            "# HELP nianbao_pending Files noticed but not yet judged.", "# TYPE nianbao_pending gauge", "nianbao_pending \(pending)",
            "# HELP nianbao_state 0 ok, 1 warning, 2 critical.", "# TYPE nianbao_state gauge", "nianbao_state \(state.rank)",
            "# HELP nianbao_judged_total Files judged since the daemon started.", "# TYPE nianbao_judged_total counter",
            "nianbao_judged_total \(judgedSinceStart)",
            "# HELP nianbao_status_updated_timestamp_seconds When these figures were written.",
            "# TYPE nianbao_status_updated_timestamp_seconds gauge", "nianbao_status_updated_timestamp_seconds \(updatedAtMs / 1000)",
            "# HELP nianbao_started_timestamp_seconds When the daemon started.",
            "# TYPE nianbao_started_timestamp_seconds gauge", "nianbao_started_timestamp_seconds \(startedAtMs / 1000)",
        ]
        if let agencies {
            lines += ["# HELP nianbao_agencies Agencies expected to report, by state of their latest report for the year being collected.",
                      "# TYPE nianbao_agencies gauge"]
            for state in AgencyState.allCases {
                lines.append("nianbao_agencies{state=\"\(state.rawValue)\"} \(agencies.byState[state, default: 0])")
            }
            lines += ["# HELP nianbao_agencies_late Agencies whose report arrived after the deadline.", "# TYPE nianbao_agencies_late gauge",
                      "nianbao_agencies_late \(agencies.late)",
                      "# HELP nianbao_agencies_unknown Agencies (sub-folders) not on the roster.", "# TYPE nianbao_agencies_unknown gauge",
                      "nianbao_agencies_unknown \(agencies.unknown)"]
        }
        if let deadline {
            lines += ["# HELP nianbao_deadline_days_left Days from today (office time) to the deadline of the year being collected.",
                      "# TYPE nianbao_deadline_days_left gauge", "nianbao_deadline_days_left \(deadline.daysLeft)"]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
