import Glibc
import NianbaoCore

/// The daemon's only window on wall-clock time (the core never reads a clock).
enum WallClock {
    static func nowMilliseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }

    /// `2026-01-20T08:15:02Z`
    static func iso8601(milliseconds: Int64) -> String {
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    /// `2026-01-20 16:15:02 (UTC+8)`: an instant as the office's clocks show it.
    static func officeTime(milliseconds: Int64, utcOffsetHours: Int) -> String {
        var seconds = time_t(milliseconds / 1000 + Int64(utcOffsetHours) * 3600)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let offset = utcOffsetHours >= 0 ? "+\(utcOffsetHours)" : "\(utcOffsetHours)"
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) (UTC\(offset))"
    }

    /// The calendar day of an instant in the office's time zone (a fixed offset: China has no DST).
    static func civilDate(milliseconds: Int64, utcOffsetHours: Int) -> CivilDate {
        var seconds = time_t(milliseconds / 1000 + Int64(utcOffsetHours) * 3600)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return CivilDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
    }
}

/// Monotonic time for timers, immune to clock changes.
enum MonotonicClock {
    static func nowNanoseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }
}
