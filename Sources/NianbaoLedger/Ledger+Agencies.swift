import GRDB

/// An agency's latest report for one year, as the office's view needs it: no fingerprints,
/// the findings and figures only when asked for (they are most of a row's bytes).
public struct AgencyReport: Sendable, Equatable {
    public var agency: String
    public var path: String
    public var verdict: String
    public var codes: [String]
    public var year: Int?
    public var arrivedAtUnixMs: Int64
    public var judgedAtUnixMs: Int64
    /// Empty unless asked for (`withDetails`).
    public var findingsJSON: String
    /// Empty unless asked for (`withDetails`).
    public var figuresJSON: String
}

/// Which reports count for a year: those that name it, and those whose year could not be read
/// (an unreadable file, a report without a title year) that arrived within the year's
/// collection window: the office still wants to see that the agency sent something.
public struct YearQuery: Sendable, Equatable {
    public var year: Int
    /// Unix milliseconds, half open: `[fromMs, toMs)`.
    public var unknownYearArrivalFromMs: Int64
    public var unknownYearArrivalToMs: Int64
    public var withDetails: Bool

    public init(year: Int, unknownYearArrivalFromMs: Int64, unknownYearArrivalToMs: Int64, withDetails: Bool) {
        self.year = year
        self.unknownYearArrivalFromMs = unknownYearArrivalFromMs
        self.unknownYearArrivalToMs = unknownYearArrivalToMs
        self.withDetails = withDetails
    }
}

/// The office's questions to the ledger. Each is index seeks on `judgement_current_agency_year`
/// (agency, year, judged_at), a constant number per agency: 10,000 agencies cost 20,000 to
/// 30,000 B-tree searches whatever the ledger's size, never a scan of its rows.
enum AgencyQueries {
    /// Every agency with at least one current file, sorted: a loose index scan (one seek per
    /// agency to the next larger id), since SQLite 3.40 steps through every index entry for
    /// `SELECT DISTINCT` (a million for a million files).
    static func agencies(_ db: Database) throws -> [String] {
        var found: [String] = []
        let first = try db.cachedStatement(sql: SQL.firstAgency)
        let next = try db.cachedStatement(sql: SQL.nextAgency)
        var current = try String.fetchOne(first)
        while let agency = current {
            found.append(agency)
            current = try String.fetchOne(next, arguments: [agency])
        }
        return found
    }

    static func latestReports(_ db: Database, agencies: [String], query: YearQuery) throws -> [String: AgencyReport] {
        let byYear = try db.cachedStatement(sql: query.withDetails ? SQL.latestOfYearDetailed : SQL.latestOfYear)
        let byArrival = try db.cachedStatement(sql: query.withDetails ? SQL.latestUnknownYearDetailed : SQL.latestUnknownYear)
        var result: [String: AgencyReport] = [:]
        result.reserveCapacity(agencies.count)
        for agency in agencies {
            let named = try Row.fetchOne(byYear, arguments: [agency, query.year]).map { decode($0, agency, query.withDetails) }
            let unknown = try Row.fetchOne(byArrival, arguments: [agency, query.unknownYearArrivalFromMs, query.unknownYearArrivalToMs])
                .map { decode($0, agency, query.withDetails) }
            // The later judged wins: a resubmission replaces a returned report, whichever year it names.
            switch (named, unknown) {
            case let (named?, unknown?): result[agency] = unknown.judgedAtUnixMs > named.judgedAtUnixMs ? unknown : named
            case let (named?, nil): result[agency] = named
            case let (nil, unknown?): result[agency] = unknown
            case (nil, nil): break
            }
        }
        return result
    }

    private static func decode(_ row: Row, _ agency: String, _ detailed: Bool) -> AgencyReport {
        let codes: String = row[2]
        return AgencyReport(
            agency: agency, path: row[0], verdict: row[1],
            codes: codes.isEmpty ? [] : codes.split(separator: " ").map(String.init),
            year: row[3], arrivedAtUnixMs: row[4], judgedAtUnixMs: row[5],
            findingsJSON: detailed ? row[6] : "", figuresJSON: detailed ? row[7] : "")
    }

    /// `is_current = 1` and `agency IS NOT NULL` are literals so SQLite sees the partial index applies.
    enum SQL {
        static let firstAgency = """
            SELECT agency FROM judgement INDEXED BY judgement_current_agency_year
            WHERE is_current = 1 AND agency IS NOT NULL ORDER BY agency LIMIT 1
            """
        static let nextAgency = """
            SELECT agency FROM judgement INDEXED BY judgement_current_agency_year
            WHERE is_current = 1 AND agency IS NOT NULL AND agency > ? ORDER BY agency LIMIT 1
            """
        static let summaryColumns = "path, verdict, codes, year, arrived_at, judged_at"
        static let detailColumns = summaryColumns + ", findings_json, figures_json"
        static func ofYear(_ columns: String) -> String {
            """
            SELECT \(columns) FROM judgement INDEXED BY judgement_current_agency_year
            WHERE agency = ? AND year = ? AND is_current = 1 AND agency IS NOT NULL
            ORDER BY judged_at DESC, id DESC LIMIT 1
            """
        }
        static func unknownYear(_ columns: String) -> String {
            """
            SELECT \(columns) FROM judgement INDEXED BY judgement_current_agency_year
            WHERE agency = ? AND year IS NULL AND is_current = 1 AND agency IS NOT NULL
              AND arrived_at >= ? AND arrived_at < ?
            ORDER BY judged_at DESC, id DESC LIMIT 1
            """
        }
        static let latestOfYear = ofYear(summaryColumns)
        static let latestOfYearDetailed = ofYear(detailColumns)
        static let latestUnknownYear = unknownYear(summaryColumns)
        static let latestUnknownYearDetailed = unknownYear(detailColumns)
    }
}

extension Ledger {
    /// Every agency with at least one current file, sorted by id.
    public func agenciesWithReports() throws(LedgerError) -> [String] {
        try officeRead { db in try AgencyQueries.agencies(db) }
    }

    /// For each of `agencies`, its latest current report counting for `query.year`
    /// (see `YearQuery`); agencies without one are absent. One read transaction.
    public func latestReports(agencies: [String], query: YearQuery) throws(LedgerError) -> [String: AgencyReport] {
        try officeRead { db in try AgencyQueries.latestReports(db, agencies: agencies, query: query) }
    }

    /// Both questions in one read transaction (one consistent view).
    public func agencyReports(extraAgencies: [String], query: YearQuery) throws(LedgerError) -> (seen: [String], reports: [String: AgencyReport]) {
        try officeRead { db in
            let seen = try AgencyQueries.agencies(db)
            var all = seen
            let known = Set(seen)
            all += extraAgencies.filter { !known.contains($0) }
            return (seen, try AgencyQueries.latestReports(db, agencies: all, query: query))
        }
    }

    private func officeRead<T>(_ body: (Database) throws -> T) throws(LedgerError) -> T {
        do { return try pool.read(body) } catch { throw LedgerError(error, path: path) }
    }
}

/// The ledger opened read-only, for commands that run beside the daemon (`nianbao agencies`,
/// `nianbao export`): WAL lets them read a consistent snapshot while the daemon writes, and
/// they can neither change nor migrate it.
public final class LedgerSnapshot: Sendable {
    public let path: String
    let queue: DatabaseQueue

    /// Throws `.notFound`-like errors as `LedgerError` (e.g. no ledger at `path` yet).
    public init(path: String) throws(LedgerError) {
        self.path = path
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "nianbao.ledger.snapshot"
        configuration.busyMode = .timeout(5)
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            _ = try queue.read { db in try db.tableExists("judgement") }
        } catch {
            throw LedgerError(error, path: path)
        }
    }

    public func agencyReports(extraAgencies: [String], query: YearQuery) throws(LedgerError) -> (seen: [String], reports: [String: AgencyReport]) {
        do {
            return try queue.read { db in
                guard try db.tableExists("judgement") else { return ([], [:]) }
                let seen = try AgencyQueries.agencies(db)
                let known = Set(seen)
                let all = seen + extraAgencies.filter { !known.contains($0) }
                return (seen, try AgencyQueries.latestReports(db, agencies: all, query: query))
            }
        } catch {
            throw LedgerError(error, path: path)
        }
    }
}
