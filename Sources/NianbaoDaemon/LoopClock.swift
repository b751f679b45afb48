import Glibc

/// The processing loop's only source of time: the monotonic clock of its timers (quiet period,
/// retries, status refresh and coalescing, rescans, watchdog), the wall clock of arrivals,
/// judgements, the status file and the office's countdown, and the pause of the start-up settle.
/// Injected, so that tests move time by hand in-process (as swift-nio's EmbeddedEventLoop
/// does) instead of waiting; the daemon runs on `.system`.
struct LoopClock: Sendable {
    /// Nanoseconds of a clock that never jumps (CLOCK_MONOTONIC).
    var monotonicNanoseconds: @Sendable () -> Int64
    /// Unix milliseconds (CLOCK_REALTIME).
    var wallMilliseconds: @Sendable () -> Int64
    /// Waits this many nanoseconds (a manual clock moves itself on instead).
    var pause: @Sendable (Int64) -> Void

    static let system = LoopClock(
        monotonicNanoseconds: { MonotonicClock.nowNanoseconds() },
        wallMilliseconds: { WallClock.nowMilliseconds() },
        pause: { nanoseconds in
            var pause = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
            var left = timespec()
            while nanosleep(&pause, &left) != 0, errno == EINTR { pause = left }
        })
}
