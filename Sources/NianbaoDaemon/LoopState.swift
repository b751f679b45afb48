import CMalloc
import Glibc
import NianbaoCore
import NianbaoFiles
import NianbaoLedger
import NianbaoSystemd

/// Why a full scan of the drop folder runs; said in the journal.
enum ScanReason: String { case startup = "start-up", overflow = "queue overflow", safety = "safety rescan", dropFolderBack = "drop folder back" }

/// Everything the processing loop owns. Lives on the loop's thread only.
struct LoopState {
    /// Held for the daemon's whole life (released by the kernel however it ends).
    let stateLock: StateFolderLock
    var configuration: DaemonConfiguration
    let environment: [String: String]
    let journal: DaemonJournal
    let notifier: SystemdNotifier
    var ledger: Ledger
    var watch: DropFolderWatch?
    var judge: Judge
    var status: StatusSnapshot
    let statusFile: String
    /// Every timer and timestamp of the loop (`LoopClock`): the system's, or a test's moved by hand.
    let clock: LoopClock

    var queue = PendingQueue()
    var retries: [RelativePath: Int64] = [:]
    /// Queued by a scan rather than by their close or rename event: they may still be open for
    /// writing, so they are judged only once left alone for `Judge.quietMilliseconds`. An event
    /// for the file vouches that it is complete.
    var unconfirmed: Set<RelativePath> = []
    /// Files found by the start-up scan, judged with the window in which they arrived.
    var arrivalWindows: [RelativePath: ArrivalWindow] = [:]
    /// Judged and journaled but not yet in the ledger (the ledger refused the write).
    var uncommitted: [JudgementRecord] = []
    var ledgerRetryAtNs: Int64?
    var ledgerProblem: String?
    /// The drop folder's path does not open while its watch still reports files (critical).
    var dropPathProblem: String?
    var journalProblem: String?
    var watchProblems: [String] = []
    var networkProblem: String?
    var office = OfficeTracking()
    /// Where each batch goes after the journal and the ledger (`VerdictOutput`).
    var outputs: [any VerdictOutput] = []
    /// Receipt numbers set aside for the batch being judged.
    var receipts = ReceiptBook()

    /// The ledger file (device, inode) the daemon opened: a ledger removed or replaced while
    /// running would take every later verdict into an unlinked file.
    var ledgerIdentity: FileIdentity?
    var nextStateCheckNs: Int64 = 0
    /// Locks taken again on a state folder restored while running (held for the daemon's life).
    var extraLocks: [StateFolderLock] = []
    var statusFolderRecreated = false
    /// The drop folder opens again after a while when it did not: retry its folders' watches.
    var rewatchPending = false

    var statusDirty = true
    var lastStatusWriteNs: Int64 = 0
    var nextSafetyRescanNs: Int64
    var nextDropFolderCheckNs: Int64 = 0
    let watchdogIntervalNs: Int64?
    var lastWatchdogNs: Int64 = 0
    /// When to hand a burst's memory back (SQLite's caches, the malloc heap): once the loop has
    /// had nothing to judge for `memoryReleaseDelayNs`. Nil while there is nothing to hand back.
    var memoryReleaseAtNs: Int64?

    static let statusCoalescingNs: Int64 = 100_000_000
    static let statusRefreshNs: Int64 = 60_000_000_000
    static let retryDelayNs: Int64 = 500_000_000
    static let dropFolderRetryNs: Int64 = 1_000_000_000
    static let ledgerRetryNs: Int64 = 5_000_000_000
    static let memoryReleaseDelayNs: Int64 = 1_000_000_000
    /// How long the start-up waits at most for files still being written, so that READY follows
    /// the verdicts of what arrived while the daemon was down.
    static let startupSettleLimitNs: Int64 = 5_000_000_000

    // MARK: start and stop

    static func start(configuration: DaemonConfiguration, environment: [String: String], journal: DaemonJournal,
                      notifier: SystemdNotifier, clock: LoopClock = .system,
                      shouldStop: () -> Bool = { false }) throws(DaemonStartFailure) -> LoopState {
        let startedAt = clock.wallMilliseconds()
        makeFolders(configuration.drop)
        makeFolders(configuration.stateDirectory)
        let stateLock = try StateFolderLock.acquire(stateDirectory: configuration.stateDirectory)
        let statusFile = configuration.resolvedStatusFile(environment: environment)
        makeParentFolder(of: statusFile)
        if let prometheusFile = configuration.prometheusFile { makeParentFolder(of: prometheusFile) }
        let roster: Roster?
        do {
            roster = try OfficeSources.roster(configuration)
        } catch {
            throw DaemonStartFailure(message: error.description)
        }
        let startedDelivery = journal.event(.started, "nianbao starting: drop \(configuration.drop), state \(configuration.stateDirectory), status \(statusFile)",
                      fields: [("NIANBAO_DROP", configuration.drop)])

        let ledger = try openLedger(configuration.ledgerPath, journal: journal)
        try checkRulesVersion(of: ledger)
        let watch: DropFolderWatch
        do {
            watch = try DropFolderWatch(dropRoot: configuration.drop)
        } catch {
            throw DaemonStartFailure(message: "\(error.messageZH) / \(error.messageEN)")
        }
        let watchdog = notifier.watchdogInterval.map { Int64($0.components.seconds) * 1_000_000_000 + $0.components.attoseconds / 1_000_000_000 }
        var state = LoopState(
            stateLock: stateLock, configuration: configuration, environment: environment, journal: journal, notifier: notifier, ledger: ledger, watch: watch,
            judge: Judge(reader: SafeFileReader(dropRoot: configuration.drop, sizeLimit: configuration.maxFileBytes), configuration: configuration, clock: clock),
            status: StatusSnapshot(drop: configuration.drop, startedAtMs: startedAt), statusFile: statusFile, clock: clock,
            nextSafetyRescanNs: clock.monotonicNanoseconds() + Int64(configuration.safetyRescanSeconds) * 1_000_000_000,
            watchdogIntervalNs: watchdog)
        state.office.roster = roster
        state.outputs = VerdictOutputs.make(configuration)
        state.ledgerIdentity = FileIdentity(path: configuration.ledgerPath)
        // No journal from the start: the status says so before the first verdict, not after it.
        state.noteDelivery(startedDelivery)
        if let network = NetworkFileSystem.detect(path: configuration.drop) {
            state.networkProblem = "drop folder on network file system \(network.name)"
            journal.event(.networkFileSystem,
                          "投递文件夹位于网络文件系统（\(network.name)）上，其他主机上的修改不会触发inotify，只能靠定期复查发现 / the drop folder is on a network file system (\(network.name)): changes made on other hosts are invisible to inotify and are only found by the periodic safety rescan",
                          priority: .warning)
        }
        for (folder, code) in watch.unwatchedFolders.sorted(by: { $0.key < $1.key }) {
            state.noteUnwatched(folder, errno: code)
        }
        state.fullScan(.startup)
        state.processQueue(duringStartup: true, shouldStop: shouldStop)
        // After the new arrivals: a file whose bytes changed while the daemon was down is
        // already judged under the current rules; what is left are the same bytes, judged again.
        state.recheckOlderJudgements(shouldStop: shouldStop)
        state.refreshCounts()
        state.publishStatus(force: true)
        _ = try? notifier.ready(status: state.status.summary)
        journal.event(.ready, "nianbao ready: watching \(configuration.drop), \(state.status.summary)")
        return state
    }

    private static func openLedger(_ path: String, journal: DaemonJournal) throws(DaemonStartFailure) -> Ledger {
        do {
            return try Ledger(path: path)
        } catch where error.kind == .corrupt {
            let setAside = try? Ledger.setAsideCorrupt(path: path)
            journal.event(.ledgerSetAside,
                          "账本文件已损坏，已移到\(setAside ?? "?")，将重新检查投递文件夹中的全部文件以重建 / the ledger was corrupt (\(error.detail)); set aside as \(setAside ?? "?"), rebuilding by judging the drop folder again",
                          priority: .error)
            do {
                return try Ledger(path: path)
            } catch {
                throw DaemonStartFailure(message: error.description)
            }
        } catch {
            throw DaemonStartFailure(message: error.description)
        }
    }

    static func makeParentFolder(of file: String) {
        makeFolders(String(file[..<(file.lastIndex(of: "/") ?? file.startIndex)]))
    }

    static func makeFolders(_ path: String) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            prefix += "/" + part
            mkdir(prefix, 0o755)
        }
    }

    mutating func shutDown() {
        _ = try? notifier.stopping()
        // Queued, and waiting for a retry (still being written, locked, the drop folder away).
        let left = queue.count + retries.keys.filter { !queue.contains($0) }.count
        journal.event(.stopping, "nianbao stopping: \(left) files not yet judged will be judged at the next start")
        commitUncommitted()
        refreshCounts()
        publishStatus(force: true)
        try? ledger.close()
    }

    // MARK: the loop

    mutating func runLoop(engine: WatchEngine) {
        // TEST ONLY (scripts/system-test): hang after READY (until SIGTERM), so the loop stops sending
        // WATCHDOG=1 and systemd's WatchdogSec= is seen to kill and restart the daemon. Never set it otherwise.
        if environment["NIANBAO_TEST_HANG_AFTER_READY"] == "1" { while !engine.stopRequested { usleep(100_000) } }
        while true {
            let timeout = millisecondsUntilNextTimer()
            let work = engine.waitForWork(watchDescriptor: watch?.fileDescriptor ?? -1, timeoutMilliseconds: timeout)
            if work.stop { break }
            if work.reload { reload(engine: engine) }
            if let watch {
                handle(watch.waitForEvents(timeout: .zero))
            } else {
                reestablishWatchIfDue()
            }
            runDueWork(shouldStop: { engine.stopRequested })
        }
    }

    /// One turn of the loop after its wait: what is due by the clock (retries, rescans, the
    /// ledger's retry and checks), the queue judged, the status published when due. Tests call
    /// it with the clock moved by hand, as the loop does after each wake-up.
    mutating func runDueWork(shouldStop: () -> Bool) {
        let now = clock.monotonicNanoseconds()
        requeueDueRetries(now: now)
        if configuration.safetyRescanSeconds > 0, now >= nextSafetyRescanNs {
            retryUnwatchedFolders()
            fullScan(.safety)
            nextSafetyRescanNs = now + Int64(configuration.safetyRescanSeconds) * 1_000_000_000
        }
        if let retryAt = ledgerRetryAtNs, now >= retryAt { commitUncommitted() }
        if now >= nextStateCheckNs {
            nextStateCheckNs = now + 1_000_000_000
            restoreLedgerIfRemoved()
        }
        while !queue.isEmpty, !shouldStop() {
            processBatch()
            if rewatchPending {
                rewatchPending = false
                retryUnwatchedFolders()
            }
        }
        if let releaseAt = memoryReleaseAtNs, now >= releaseAt, queue.isEmpty { releaseMemory() }
        publishStatus(force: false)
        pingWatchdog()
    }

    mutating func requeueDueRetries(now: Int64) {
        for (path, due) in retries where due <= now {
            retries[path] = nil
            // A file found at start-up keeps the arrival its window gives; others arrive now.
            queue.add(path, arrivedAtMs: arrivalWindows[path]?.toMs ?? clock.wallMilliseconds())
        }
    }

    func millisecondsUntilNextTimer() -> Int32 {
        let now = clock.monotonicNanoseconds()
        var deadline = lastStatusWriteNs + (statusDirty ? Self.statusCoalescingNs : Self.statusRefreshNs)
        if configuration.safetyRescanSeconds > 0 { deadline = min(deadline, nextSafetyRescanNs) }
        if let earliest = retries.values.min() { deadline = min(deadline, earliest) }
        if let ledgerRetryAtNs { deadline = min(deadline, ledgerRetryAtNs) }
        if let memoryReleaseAtNs { deadline = min(deadline, memoryReleaseAtNs) }
        if let watchdogIntervalNs { deadline = min(deadline, lastWatchdogNs + watchdogIntervalNs / 2) }
        if watch == nil { deadline = min(deadline, nextDropFolderCheckNs) }
        if !queue.isEmpty { return 0 }
        return Int32(clamping: max(0, (deadline - now + 999_999) / 1_000_000))
    }

    /// Measured 5 s after a 10,000-report burst: RSS 64.7 MB without, 26.3 MB with (SQLite's page
    /// caches and the freed but unreturned malloc heap). One call per burst, none while idle.
    mutating func releaseMemory() {
        memoryReleaseAtNs = nil
        ledger.releaseMemory()
        _ = malloc_trim(0)
    }

    mutating func pingWatchdog() {
        guard watchdogIntervalNs != nil else { return }
        _ = try? notifier.watchdogPing()
        lastWatchdogNs = clock.monotonicNanoseconds()
    }

    /// Within a batch: a batch of slow files (hostile million-cell tables, each taking seconds)
    /// must not outlast WatchdogSec, or systemd kills the daemon and the restart meets the same batch.
    mutating func pingWatchdogIfDue() {
        guard let interval = watchdogIntervalNs, clock.monotonicNanoseconds() - lastWatchdogNs >= interval / 4 else { return }
        pingWatchdog()
    }
}
