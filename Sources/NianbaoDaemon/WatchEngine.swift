import Glibc
import NianbaoCore
import NianbaoFiles
import NianbaoLedger
import NianbaoSystemd
import Synchronization

/// The processing loop of `nianbao watch`, on the main thread, blocking in poll(): notice files
/// (inotify, start-up scan, rescans), judge them in batches, journal each verdict, commit the
/// batch to the ledger, publish the status. Requests (stop, reload) arrive through a
/// lock-protected mailbox and a self-pipe that wakes the poll; `handleSignals()` turns SIGTERM,
/// SIGINT and SIGHUP into such requests.
///
/// No Swift concurrency and no Dispatch queue runs in the daemon: once a Dispatch worker thread
/// exists, libdispatch's pool monitor wakes the process every second for good (measured: 60
/// wake-ups a minute of an idle daemon), and an idle daemon must sleep until a file, a signal
/// or its own timers (status refresh, watchdog, safety rescan) wake it.
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

    /// SIGTERM and SIGINT: stop after the current batch; SIGHUP: reload the configuration.
    /// The handlers only set a flag and write a byte to this engine's wake pipe (both
    /// async-signal-safe); the loop does the rest. One engine per process handles signals.
    public func handleSignals() {
        // Initialise the flags now: a lazy global's first use is not async-signal-safe.
        _ = SignalFlags.stop.load(ordering: .relaxed)
        _ = SignalFlags.reload.load(ordering: .relaxed)
        SignalFlags.wakeWriter.store(wakeWriter, ordering: .sequentiallyConsistent)
        var handled = sigset_t()
        sigemptyset(&handled)
        for signal in [SIGTERM, SIGINT, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = onSignal
            action.sa_flags = SA_RESTART
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, nil)
            sigaddset(&handled, signal)
        }
        // The signal mask is inherited across exec: a parent that blocks SIGTERM (a Dispatch
        // thread of a Swift program, some supervisors) would otherwise leave it pending forever.
        pthread_sigmask(SIG_UNBLOCK, &handled, nil)
    }

    /// Moves what the signal handlers noted into the mailbox.
    private func collectSignals() {
        let stop = SignalFlags.stop.exchange(false, ordering: .sequentiallyConsistent)
        let reload = SignalFlags.reload.exchange(false, ordering: .sequentiallyConsistent)
        if stop || reload {
            mailbox.withLock { mailbox in
                mailbox.stop = mailbox.stop || stop
                mailbox.reloadRequested = mailbox.reloadRequested || reload
            }
        }
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
        try configuration.refuseOutputsInsideDrop(statusFile: configuration.resolvedStatusFile(environment: environment),
                                                  source: configurationFile ?? "the command line")
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

    /// Waits for inotify, the wake pipe or the next timer; returns what the mailbox holds.
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
        collectSignals()
        let requests = mailbox.withLock { mailbox -> (Bool, Bool) in
            defer { mailbox.reloadRequested = false }
            return (mailbox.stop, mailbox.reloadRequested)
        }
        return (requests.0, requests.1, ready > 0 && descriptors[0].revents != 0)
    }

    var stopRequested: Bool {
        collectSignals()
        return mailbox.withLock { $0.stop }
    }
}

/// What the signal handlers note, process-wide as signal dispositions are.
private enum SignalFlags {
    static let stop = Atomic<Bool>(false)
    static let reload = Atomic<Bool>(false)
    static let wakeWriter = Atomic<Int32>(-1)
}

/// Runs in whatever thread the signal lands on: atomics and write(2) only, errno kept.
private func onSignal(_ signal: Int32) {
    let saved = errno
    if signal == SIGHUP {
        SignalFlags.reload.store(true, ordering: .sequentiallyConsistent)
    } else {
        SignalFlags.stop.store(true, ordering: .sequentiallyConsistent)
    }
    var byte: UInt8 = 1
    _ = write(SignalFlags.wakeWriter.load(ordering: .sequentiallyConsistent), &byte, 1)
    errno = saved
}

/// Why the daemon could not start, said plainly.
public struct DaemonStartFailure: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
