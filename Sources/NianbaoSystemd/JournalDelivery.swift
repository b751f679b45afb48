/// Where ``JournalWriter/send(_:)`` put an entry.
public enum JournalDelivery: Sendable, Equatable {
    /// Handed to journald.
    case journal
    /// Written as one line to the writer's fallback file descriptor, because of `reason`
    /// (which also says if that write failed, the only case in which the entry is lost).
    case fallback(reason: String)
}
