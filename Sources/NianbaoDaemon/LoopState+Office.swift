import NianbaoCore
import NianbaoFiles
import NianbaoLedger

/// The office's view kept current by the daemon: the status file's `agencies` and `deadline`
/// objects, the Prometheus series, one journal notice per unknown agency, and the results
/// folder's `index.html`. Recomputed after each batch (a few index seeks per agency) and when
/// the office's calendar day changes (the countdown moves without arrivals).
struct OfficeTracking {
    var roster: Roster?
    /// Unknown agencies already announced in the journal (once per agency and process).
    var announcedUnknown: Set<String> = []
    /// The calendar day (office time) of the last recomputation: a new day recomputes.
    var computedForDay: CivilDate?
    /// A batch changed the ledger since the last recomputation.
    var dirty = true
    var lastRefreshNs: Int64 = 0
    /// What the last recomputation cost (monotonic): a burst waits 20 times that between them.
    var lastDurationNs: Int64 = 0

    /// During a burst at most once a second and at most 5 % of the time (10,000 agencies cost
    /// tens of milliseconds each time); as soon as the queue is empty, at once.
    func isDue(nowNs: Int64, queueEmpty: Bool) -> Bool {
        dirty && (queueEmpty || nowNs - lastRefreshNs >= max(1_000_000_000, 20 * lastDurationNs))
    }
}

extension LoopState {
    /// Recomputes the office's view from the ledger and publishes what depends on it.
    mutating func refreshOffice() {
        let startedNs = clock.monotonicNanoseconds()
        defer {
            office.dirty = false
            office.lastRefreshNs = clock.monotonicNanoseconds()
            office.lastDurationNs = office.lastRefreshNs - startedNs
        }
        let now = clock.wallMilliseconds()
        let calendar = OfficeCalendar(configuration)
        let withPage = configuration.resultsDirectory != nil
        let view: OfficeView
        do {
            let ledger = self.ledger
            view = try OfficeView.build(roster: office.roster, folders: AgencyFolders.list(drop: configuration.drop), calendar: calendar,
                                        year: calendar.year(atMs: now), nowMs: now, withDetails: withPage) { extra, query throws(LedgerError) in
                try ledger.agencyReports(extraAgencies: extra, query: query)
            }
        } catch {
            return  // The ledger's own problems are reported where it is written.
        }
        office.computedForDay = WallClock.civilDate(milliseconds: now, utcOffsetHours: configuration.utcOffsetHours)
        status.agencies = view.counts
        status.deadline = (view.deadline, view.daysLeft)
        statusDirty = true
        for agency in view.unknownAgencies where !office.announcedUnknown.contains(agency) {
            office.announcedUnknown.insert(agency)
            journal.event(.unknownAgency,
                          "文件夹“\(TextEscaping.escapeControlCharacters(agency))”不在机构名册中（未知机构）；如是新机构，请加入名册 / the folder \(TextEscaping.escapeControlCharacters(agency)) is not on the roster (an unknown agency); add it to the roster if it is one",
                          priority: .notice, fields: [("NIANBAO_AGENCY", agency)])
        }
        if let results = configuration.resultsDirectory {
            Self.makeFolders(results)
            do {
                try AtomicFileWriter.write(OfficePage.html(view, generatedAtMs: now), to: results + "/index.html", sync: false)
            } catch {
                journal.event(.ledgerError, "无法写入结果文件夹的index.html：\(error.messageZH) / cannot write index.html in the results folder: \(error.messageEN)", priority: .warning)
            }
        }
    }

    /// Before a status write: after batches (coalesced during a burst, see `OfficeTracking.isDue`),
    /// and at the first status refresh of a new day in office time (the countdown moved).
    mutating func refreshOfficeIfDue() {
        let today = WallClock.civilDate(milliseconds: clock.wallMilliseconds(), utcOffsetHours: configuration.utcOffsetHours)
        if office.computedForDay != today || office.isDue(nowNs: clock.monotonicNanoseconds(), queueEmpty: queue.isEmpty) {
            refreshOffice()
        }
    }
}
