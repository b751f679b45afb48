/// syslog(3) priorities, as journald stores them in `PRIORITY=`.
public enum JournalPriority: Int32, Sendable, CaseIterable {
    case emergency = 0, alert, critical, error, warning, notice, info, debug
}
