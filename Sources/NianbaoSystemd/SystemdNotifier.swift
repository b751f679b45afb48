import CSystemd
import Glibc

/// Talks to the service manager through `sd_notify` (see sd_notify(3)) for `Type=notify`
/// services: readiness, reload, stop, status line and watchdog pings.
///
/// Reads `NOTIFY_SOCKET` on every call and never unsets it (so child processes and later
/// calls keep it). Outside systemd every call does nothing and returns `.notSupervised`.
public struct SystemdNotifier: Sendable {
    public init() {}

    /// Whether a service manager listens, i.e. `NOTIFY_SOCKET` is set (and not empty).
    public var isEnabled: Bool {
        guard let value = getenv("NOTIFY_SOCKET") else { return false }
        return value.pointee != 0
    }

    /// The `WatchdogSec=` interval when the watchdog is on for this process
    /// (`WATCHDOG_USEC` set and `WATCHDOG_PID` unset or ours); nil otherwise, or when the
    /// variables are malformed. Ping at about half this interval.
    public var watchdogInterval: Duration? {
        var usec: UInt64 = 0
        guard sd_watchdog_enabled(0, &usec) > 0 else { return nil }
        return .microseconds(Int64(clamping: usec))
    }

    /// `READY=1`, with `STATUS=` when given: start-up is complete.
    @discardableResult
    public func ready(status: String? = nil) throws(SystemdNotifyError) -> SystemdNotifyOutcome {
        var state = "READY=1"
        if let status { state += "\nSTATUS=" + Self.oneLine(status) }
        return try notify(state)
    }

    /// `RELOADING=1` with `MONOTONIC_USEC=` (CLOCK_MONOTONIC now), as systemd ≥ 253 requires
    /// and 252 accepts; send ``ready(status:)`` when the reload is done.
    @discardableResult
    public func reloading() throws(SystemdNotifyError) -> SystemdNotifyOutcome {
        try notify("RELOADING=1\nMONOTONIC_USEC=\(Self.monotonicMicroseconds())")
    }

    /// `STOPPING=1`: shutdown has begun.
    @discardableResult
    public func stopping() throws(SystemdNotifyError) -> SystemdNotifyOutcome {
        try notify("STOPPING=1")
    }

    /// `STATUS=` line shown by `systemctl status`; control characters become spaces, since
    /// a newline would end the assignment.
    @discardableResult
    public func status(_ text: String) throws(SystemdNotifyError) -> SystemdNotifyOutcome {
        try notify("STATUS=" + Self.oneLine(text))
    }

    /// `WATCHDOG=1`: the service is alive. Harmless when no watchdog is configured.
    @discardableResult
    public func watchdogPing() throws(SystemdNotifyError) -> SystemdNotifyOutcome {
        try notify("WATCHDOG=1")
    }

    /// `EXTEND_TIMEOUT_USEC=`: asks for more time before the start-up (or stop) timeout,
    /// e.g. while a long start-up scan runs before ``ready(status:)``.
    @discardableResult
    public func extendTimeout(by duration: Duration) throws(SystemdNotifyError) -> SystemdNotifyOutcome {
        let (seconds, attoseconds) = duration.components
        let usec = max(0, seconds) * 1_000_000 + max(0, attoseconds) / 1_000_000_000_000
        return try notify("EXTEND_TIMEOUT_USEC=\(usec)")
    }

    /// Sends raw newline-separated assignments in one datagram.
    @discardableResult
    public func notify(_ state: String) throws(SystemdNotifyError) -> SystemdNotifyOutcome {
        let result = sd_notify(0, state)
        if result < 0 { throw SystemdNotifyError(errno: -result, state: state) }
        return result == 0 ? .notSupervised : .sent
    }

    static func oneLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : $0
        }))
    }

    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}

public enum SystemdNotifyOutcome: Sendable, Equatable {
    /// The datagram went to `NOTIFY_SOCKET`.
    case sent
    /// `NOTIFY_SOCKET` is not set: not run by systemd as `Type=notify`, nothing sent.
    case notSupervised
}

/// `sd_notify` could not deliver `state` (e.g. the socket in `NOTIFY_SOCKET` is gone).
public struct SystemdNotifyError: Error, Sendable, Equatable, CustomStringConvertible {
    public var errno: Int32
    public var state: String

    public var description: String {
        "sd_notify(\(state.split(separator: "\n").joined(separator: " "))) failed: \(describeErrno(errno))"
    }
}
