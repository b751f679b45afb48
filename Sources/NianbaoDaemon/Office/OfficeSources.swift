import Glibc
import NianbaoLedger

/// What `nianbao agencies` and `nianbao export` read: the same configuration, roster, drop
/// folder and ledger as the daemon, the ledger opened read-only (safe while the daemon runs).
public enum OfficeSources {
    /// Loads the roster named by the configuration (nil when none is named).
    public static func roster(_ configuration: DaemonConfiguration) throws(RosterError) -> Roster? {
        guard let file = configuration.agenciesFile else { return nil }
        return try Roster.load(path: file)
    }

    /// The office's view of `year` (default: the year being collected) at `nowMs`.
    public static func view(configuration: DaemonConfiguration, roster: Roster?, year: Int?, nowMs: Int64,
                            withDetails: Bool) throws(LedgerError) -> OfficeView {
        let calendar = OfficeCalendar(configuration)
        let folders = AgencyFolders.list(drop: configuration.drop)
        let year = year ?? calendar.year(atMs: nowMs)
        // No ledger yet (the daemon never ran here): nobody has reported.
        guard access(configuration.ledgerPath, F_OK) == 0 else {
            return try OfficeView.build(roster: roster, folders: folders, calendar: calendar, year: year, nowMs: nowMs,
                                        withDetails: withDetails) { _, _ in ([], [:]) }
        }
        let snapshot = try LedgerSnapshot(path: configuration.ledgerPath)
        return try OfficeView.build(roster: roster, folders: folders, calendar: calendar, year: year, nowMs: nowMs,
                                    withDetails: withDetails) { extra, query throws(LedgerError) in
            try snapshot.agencyReports(extraAgencies: extra, query: query)
        }
    }

    public static func nowMilliseconds() -> Int64 { WallClock.nowMilliseconds() }
}
