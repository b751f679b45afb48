import Glibc
import NianbaoCore
import NianbaoFiles
import NianbaoLedger
import NianbaoSystemd
import Synchronization

/// The processing loop of `nianbao watch`, on a thread of its own because it blocks in poll():
/// notice files (inotify, start-up scan, rescans), judge them in batches, journal each verdict,
/// commit the batch to the ledger, publish the status. Requests from the async side (stop,
/// reload) arrive through a lock-protected mailbox and an eventfd that wakes the poll.
///
/// Order per batch: judge → journal → ledger commit. A crash between journal and commit means
/// the batch is judged and journaled again after restart (at-least-once, at most one batch
/// of `batch_size` repeated entries); a committed judgement is never lost.
public final class WatchEngine: Sendable {
    private struct Mailbox {
        var stop = false
        var reloadRequested = false
    }

    private let mailbox = Mutex(Mailbox())
    /// A self-pipe: the async side writes a byte to wake the loop's poll().
    private let wakeReader: Int32
    private let wakeWriter: Int32
    private let configurationFile: String?
    private let overrides: @Sendable (inout DaemonConfiguration) -> Void
    private let environment: [String: String]
    private let journal: DaemonJournal
    private let notifier = SystemdNotifier()

    public init(configurationFile: String?, environment: [String: String],
                overrides: @escaping @Sendable (inout DaemonConfiguration) -> Void,
                journalWriter: JournalWriter = JournalWriter()) {
        self.configurationFile = configurationFile
        self.environment = environment
        self.overrides = overrides
        self.journal = DaemonJournal(writer: journalWriter)
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for end in ends {
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
                _ = fcntl(end, F_SETFL, O_NONBLOCK)
            }
        }
        self.wakeReader = ends[0]
        self.wakeWriter = ends[1]
    }

    deinit {
        close(wakeReader)
        close(wakeWriter)
    }

    public func requestStop() {
        mailbox.withLock { $0.stop = true }
        wake()
    }

    public func requestReload() {
        mailbox.withLock { $0.reloadRequested = true }
        wake()
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWriter, &byte, 1)
    }

    /// Loads the configuration (the file, then the flags over it).
    func loadConfiguration() throws(ConfigurationError) -> DaemonConfiguration {
        var configuration = try DaemonConfiguration.load(path: configurationFile)
        overrides(&configuration)
        return configuration
    }

    /// Runs until a stop is requested. Blocks the calling thread.
    public func run() throws(DaemonStartFailure) {
        let configuration: DaemonConfiguration
        do {
            configuration = try loadConfiguration()
        } catch {
            throw DaemonStartFailure(message: error.description)
        }
        var state = try LoopState.start(configuration: configuration, environment: environment, journal: journal, notifier: notifier,
                                        shouldStop: { self.stopRequested })
        state.runLoop(engine: self)
        state.shutDown()
    }

    // MARK: loop support

    /// Waits for inotify, the wake eventfd or the next timer; returns what the mailbox holds.
    func waitForWork(watchDescriptor: Int32, timeoutMilliseconds: Int32) -> (stop: Bool, reload: Bool, inotifyReadable: Bool) {
        var descriptors = [
            pollfd(fd: watchDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeReader, events: Int16(POLLIN), revents: 0),
        ]
        let ready = poll(&descriptors, nfds_t(descriptors.count), timeoutMilliseconds)
        if ready > 0, descriptors[1].revents != 0 {
            var drain = [UInt8](repeating: 0, count: 64)
            while read(wakeReader, &drain, drain.count) > 0 {}
        }
        let requests = mailbox.withLock { mailbox -> (Bool, Bool) in
            defer { mailbox.reloadRequested = false }
            return (mailbox.stop, mailbox.reloadRequested)
        }
        return (requests.0, requests.1, ready > 0 && descriptors[0].revents != 0)
    }

    var stopRequested: Bool { mailbox.withLock { $0.stop } }
}

/// Why the daemon could not start, said plainly.
public struct DaemonStartFailure: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
