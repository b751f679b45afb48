import NianbaoCore

/// The office's calendar: which report year is being collected, its deadline, the days left,
/// and whether a report came late. A fixed UTC offset (China has no daylight saving time).
public struct OfficeCalendar: Sendable, Equatable {
    public var deadline: Deadline
    public var utcOffsetHours: Int
    /// `collecting_year`; nil: the year whose deadline is nearest.
    public var collectingYear: Int?

    public init(deadline: Deadline, utcOffsetHours: Int, collectingYear: Int?) {
        self.deadline = deadline
        self.utcOffsetHours = utcOffsetHours
        self.collectingYear = collectingYear
    }

    public init(_ configuration: DaemonConfiguration) {
        self.init(deadline: configuration.deadline, utcOffsetHours: configuration.utcOffsetHours,
                  collectingYear: configuration.collectingYear)
    }

    /// From January to June of year Y the office collects Y−1 (due at the end of January),
    /// from July Y: the year whose deadline is nearest.
    public func year(atMs now: Int64) -> Int {
        if let collectingYear { return collectingYear }
        let today = WallClock.civilDate(milliseconds: now, utcOffsetHours: utcOffsetHours)
        return today.month <= 6 ? today.year - 1 : today.year
    }

    public func deadlineDate(forYear year: Int) -> CivilDate { deadline.date(forReportYear: year) }

    /// Calendar days from today (office time) to the deadline: 0 on the day itself, negative after.
    public func daysLeft(year: Int, atMs now: Int64) -> Int {
        let today = WallClock.civilDate(milliseconds: now, utcOffsetHours: utcOffsetHours)
        return Self.dayNumber(deadlineDate(forYear: year)) - Self.dayNumber(today)
    }

    /// Arrived after the deadline day (office time): NB506's rule.
    public func isLate(arrivedAtMs: Int64, year: Int) -> Bool {
        WallClock.civilDate(milliseconds: arrivedAtMs, utcOffsetHours: utcOffsetHours) > deadlineDate(forYear: year)
    }

    /// Reports without a readable year count for `year` when they arrived between 1 July of
    /// `year` and 1 July of the next (office time): the months in which `year` is collected.
    public func unknownYearWindow(year: Int) -> (fromMs: Int64, toMs: Int64) {
        func julyFirst(_ y: Int) -> Int64 {
            (Int64(Self.dayNumber(CivilDate(year: y, month: 7, day: 1))) * 86_400 - Int64(utcOffsetHours) * 3600) * 1000
        }
        return (julyFirst(year), julyFirst(year + 1))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    static func dayNumber(_ date: CivilDate) -> Int {
        let y = date.month <= 2 ? date.year - 1 : date.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (date.month + 9) % 12
        let doy = (153 * mp + 2) / 5 + date.day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Unix milliseconds of the next midnight in office time after `now`: when the countdown moves.
    public func nextMidnightMs(after now: Int64) -> Int64 {
        let offsetMs = Int64(utcOffsetHours) * 3_600_000
        let local = now + offsetMs
        let day: Int64 = 86_400_000
        let floor = local >= 0 ? local / day : (local - day + 1) / day
        return (floor + 1) * day - offsetMs
    }
}
