import Glibc
import NianbaoCore
import NianbaoFiles
import NianbaoLedger
import NianbaoSystemd

extension LoopState {
    // MARK: noticing files

    mutating func handle(_ events: [DropEvent]) {
        let now = clock.wallMilliseconds()
        // Files deleted or renamed away, retired from the ledger together (one transaction).
        var gone: [String] = []
        defer {
            if !gone.isEmpty {
                _ = try? ledger.markRemoved(paths: gone)
                refreshCounts()
            }
        }
        for event in events {
            switch event {
            case .fileCompleted(let path):
                if !TemporaryNames.isIgnored(path) {
                    unconfirmed.remove(path)
                    queue.add(path, arrivedAtMs: now)
                }
            case .fileAppeared(let path):
                // Judged once its mtime is the quiet period old, or at once by a close event.
                if !TemporaryNames.isIgnored(path) {
                    unconfirmed.insert(path)
                    queue.add(path, arrivedAtMs: now)
                }
            case .fileAttributesChanged(let path):
                // Judged again only if it could not be read (a permission fixed with chmod).
                if !TemporaryNames.isIgnored(path), let current = try? ledger.current(path: path.display),
                   current.sha256.hasPrefix(Judge.unreadPrefix) {
                    unconfirmed.insert(path)
                    queue.add(path, arrivedAtMs: now)
                }
            case .fileGone(let path):
                // It stops counting at once, and NB507 no longer compares with it.
                if !TemporaryNames.isIgnored(path) { gone.append(path.display) }
            case .directoryAppeared(let path):
                // The watch is already in place: scanning now misses nothing created before it.
                scan(folder: path, arrivedAtMs: now)
            case .directoryGone(let path):
                if !path.isRoot {
                    _ = try? ledger.markRemoved(folder: path.display)
                    refreshCounts()
                }
            case .overflow:
                journal.event(.overflowRescan, "inotify事件队列溢出，正在对照账本全面复查投递文件夹 / the inotify event queue overflowed: rescanning the whole drop folder against the ledger", priority: .warning)
                fullScan(.overflow)
            case .watchLimitReached(let path):
                noteUnwatched(path, errno: ENOSPC)
            case .dropFolderGone:
                watch = nil
                watchProblems = ["drop folder gone"]
                journal.event(.dropFolderGone, "投递文件夹“\(configuration.drop)”已被删除或移走，停止监视；文件夹恢复后将自动重新监视并复查 / the drop folder \(configuration.drop) was deleted or moved away; watching resumes when it is back", priority: .critical)
                nextDropFolderCheckNs = clock.monotonicNanoseconds() + 1_000_000_000
                statusDirty = true
            }
        }
    }

    mutating func noteUnwatched(_ folder: RelativePath, errno code: Int32) {
        let message = code == ENOSPC
            ? "inotify监视数量已达上限，文件夹“\(folder.display)”未被监视（只靠定期复查）；请提高 sysctl fs.inotify.max_user_watches（如 sysctl -w fs.inotify.max_user_watches=524288） / inotify watch limit reached: folder \(folder.display) is not watched (only the safety rescan sees it); raise sysctl fs.inotify.max_user_watches (e.g. sysctl -w fs.inotify.max_user_watches=524288)"
            : "文件夹“\(folder.display)”无法监视（错误\(code)） / folder \(folder.display) cannot be watched (errno \(code))"
        journal.event(.watchLimit, message, priority: .warning, fields: [("NIANBAO_FILE", folder.display)])
        statusDirty = true
    }

    mutating func reestablishWatchIfDue() {
        let now = clock.monotonicNanoseconds()
        guard now >= nextDropFolderCheckNs else { return }
        nextDropFolderCheckNs = now + 1_000_000_000
        guard let watch = try? DropFolderWatch(dropRoot: configuration.drop) else { return }
        self.watch = watch
        watchProblems = []
        journal.event(.dropFolderGone, "投递文件夹“\(configuration.drop)”已恢复，重新监视并复查 / the drop folder \(configuration.drop) is back: watching and rescanning", priority: .notice)
        fullScan(.dropFolderBack)
    }

    mutating func scan(folder: RelativePath, arrivedAtMs: Int64) {
        guard let result = try? DropFolderScanner(dropRoot: configuration.drop).scan(folder) else { return }
        for entry in result.entries where entry.kind != .directory && !TemporaryNames.isIgnored(entry.path) {
            unconfirmed.insert(entry.path)
            queue.add(entry.path, arrivedAtMs: arrivedAtMs)
        }
        // A folder past the depth limit, or one that cannot be listed: said now, not only by the
        // next full scan, so that files that will never be judged do not wait in silence.
        for problem in result.problems {
            journal.event(.watchLimit, "\(problem.messageZH) / \(problem.messageEN)", priority: .warning,
                          fields: [("NIANBAO_FILE", problem.path.display)])
        }
    }

    /// Compares the whole drop folder with the ledger. A file whose size and mtime match its
    /// current judgement is not read at all; anything else is queued. Files gone from the
    /// folder stop counting in the status.
    mutating func fullScan(_ reason: ScanReason) {
        let result: ScanResult
        do {
            result = try DropFolderScanner(dropRoot: configuration.drop).scan()
        } catch {
            journal.event(.dropFolderGone, "无法扫描投递文件夹：\(error.messageZH) / cannot scan the drop folder: \(error.messageEN)", priority: .error)
            return
        }
        let known: [String: FileFingerprint]
        do {
            known = try ledger.currentFingerprints()
        } catch {
            ledgerFailed(error)
            return
        }
        let now = clock.wallMilliseconds()
        // Found at start-up: it arrived while the daemon was down, after its last known moment.
        let window = reason == .startup ? ArrivalWindow(fromMs: min(now, lastKnownMomentMs() ?? now), toMs: now) : nil
        var present = Set<String>()
        let before = queue.count
        for entry in result.entries where entry.kind != .directory && !TemporaryNames.isIgnored(entry.path) {
            let file = entry.path.display
            present.insert(file)
            // Already waiting to be judged (its quiet period, a lock): nothing new to find. Counted
            // again, one upload read "found 1" at every rescan until it was judged.
            if queue.contains(entry.path) || retries[entry.path] != nil { continue }
            if let fingerprint = known[file] {
                let mtime = entry.mtime.nanosecondsSinceEpoch
                if entry.kind == .regular ? (fingerprint.size == entry.size && fingerprint.mtimeNanoseconds == mtime)
                                          : fingerprint.sha256.hasPrefix(Judge.unreadPrefix) {
                    continue
                }
            }
            var arrival = now
            if let window {
                arrival = window.arrival(mtimeMs: entry.mtime.millisecondsSinceEpoch)
                arrivalWindows[entry.path] = window
            }
            unconfirmed.insert(entry.path)
            queue.add(entry.path, arrivedAtMs: arrival)
        }
        let gone = known.keys.filter { !present.contains($0) }
        if !gone.isEmpty { _ = try? ledger.markRemoved(paths: gone) }
        for problem in result.problems {
            journal.event(.watchLimit, "\(problem.messageZH) / \(problem.messageEN)", priority: .warning)
        }
        let found = queue.count - before
        if reason == .safety, found > 0 {
            journal.event(.safetyRescanFound, "定期复查发现\(found)个未经inotify报告的新文件或改动 / the safety rescan found \(found) new or changed files that inotify did not report", priority: .notice)
        }
        statusDirty = true
        // The ledger's fingerprints of every file (tens of MB for 100,000 files) are garbage now.
        memoryReleaseAtNs = clock.monotonicNanoseconds() + Self.memoryReleaseDelayNs
    }

    /// The last moment the daemon is known to have run: its newest judgement in the ledger, or
    /// the last update of the status file it left (rewritten at least once a minute).
    func lastKnownMomentMs() -> Int64? {
        let judged = try? ledger.lastJudgedAtMs()
        let updated = StatusCheck.updatedAtUnix(path: statusFile).map { $0 * 1000 }
        return [judged ?? nil, updated].compactMap { $0 }.max()
    }

    // MARK: judging

    /// `shouldStop`: a SIGTERM during a long start-up scan stops it between batches; what is left
    /// is judged at the next start.
    mutating func processQueue(duringStartup: Bool, shouldStop: () -> Bool = { false }) {
        var lastExtension = clock.monotonicNanoseconds()
        let settleLimit = lastExtension + Self.startupSettleLimitNs
        while !shouldStop() {
            while !queue.isEmpty, !shouldStop() {
                processBatch()
                if duringStartup, clock.monotonicNanoseconds() - lastExtension > 5_000_000_000 {
                    // A long first scan must not trip TimeoutStartSec=.
                    _ = try? notifier.extendTimeout(by: .seconds(30))
                    lastExtension = clock.monotonicNanoseconds()
                }
            }
            // Files found still being written (or locked): wait for them, within limits, so that
            // READY follows the verdicts of everything that arrived while the daemon was down.
            guard duringStartup, let due = retries.values.min(), due <= settleLimit else { return }
            clock.pause(max(0, due - clock.monotonicNanoseconds()))
            requeueDueRetries(now: clock.monotonicNanoseconds())
        }
    }

    mutating func processBatch() {
        memoryReleaseAtNs = clock.monotonicNanoseconds() + Self.memoryReleaseDelayNs
        let batch = queue.take(configuration.batchSize)
        // Only the ledger records are kept until the commit: each judgement (with its parsed
        // report) is journaled and mirrored as soon as it is made, then let go. Keeping a whole
        // batch of them was about 10 MB of the peak when 5,000 agency folders arrived at once.
        var judged: [JudgementRecord] = []
        var last: (file: String, verdict: String, atMs: Int64)?
        var content = Judge.BatchContent()
        // One read transaction for the whole batch's lookups (see Ledger.reading).
        var done = 0
        let ledger = self.ledger
        do throws(LedgerError) {
            try ledger.reading { lookups throws(LedgerError) in
                for (path, arrival) in batch {
                    defer { done += 1 }
                    let result: JudgeResult
                    do throws(LedgerError) {
                        result = try judge.judge(path, arrivedAtMs: arrival, arrivalWindow: arrivalWindows[path], unconfirmed: unconfirmed.contains(path),
                                                 ledger: ledger, lookups: lookups, batch: &content)
                    } catch {
                        ledgerFailed(error)
                        retries[path] = clock.monotonicNanoseconds() + Self.ledgerRetryNs
                        continue
                    }
                    if case .dropFolderUnavailable(_, let code) = result {
                        dropFolderUnavailable(errno: code)
                    } else if dropPathProblem != nil {
                        dropFolderReachable()
                    }
                    switch result {
                    case .judged, .unchanged, .vanished:
                        // Done with: an earlier retry still scheduled for it (it was found by a scan, then
                        // its close event came) is moot and must not count as pending.
                        unconfirmed.remove(path)
                        retries[path] = nil
                        arrivalWindows[path] = nil
                    case .retryLater, .notQuietYet, .dropFolderUnavailable: break
                    }
                    switch result {
                    case .judged(var judgement):
                        // The receipt before the journal entry that carries it.
                        do throws(LedgerError) {
                            try receipts.assign(&judgement.record, batchLeft: batch.count - done, ledger: ledger)
                        } catch {
                            ledgerFailed(error)  // `Ledger.record` gives the number out at the commit
                        }
                        noteDelivery(journal.judged(judgement))
                        for index in outputs.indices {
                            outputs[index].deliver(judgement, journal: journal)
                        }
                        judged.append(judgement.record)
                        last = (judgement.file, judgement.outcome.verdict.rawValue, judgement.record.judgedAtUnixMs)
                    case .unchanged: break
                    case .notQuietYet(let path, let retryInMs):
                        retries[path] = clock.monotonicNanoseconds() + retryInMs * 1_000_000
                    case .vanished(let path):
                        journal.event(.fileVanished, "文件“\(path.display)”在检查前已消失 / \(path.display) vanished before it could be read", priority: .notice,
                                      fields: [("NIANBAO_FILE", path.display)])
                    case .retryLater(let path):
                        retries[path] = clock.monotonicNanoseconds() + Self.retryDelayNs
                    case .dropFolderUnavailable(let path, _):
                        retries[path] = clock.monotonicNanoseconds() + Self.dropFolderRetryNs
                    }
                    pingWatchdogIfDue()
                }
            }
        } catch {
            // The read transaction itself failed: what it did not reach is tried again later.
            ledgerFailed(error)
            for (path, _) in batch.dropFirst(done) {
                retries[path] = clock.monotonicNanoseconds() + Self.ledgerRetryNs
            }
        }
        do throws(LedgerError) {
            try receipts.returnUnused(ledger: ledger)
        } catch {
            ledgerFailed(error)
        }
        for index in outputs.indices {
            outputs[index].batchDone()
        }
        guard !judged.isEmpty else { return }
        uncommitted += judged
        commitUncommitted()
        status.last = last
        status.judgedSinceStart += judged.count
        refreshCounts()
        publishStatus(force: false)
        pingWatchdog()
    }

    /// The drop folder's path does not open (its parent renamed, a mount gone) while its watch
    /// still reports files: they are held, and retried each second, until it opens again.
    mutating func dropFolderUnavailable(errno code: Int32) {
        if dropPathProblem == nil {
            journal.event(.dropFolderGone, "无法打开投递文件夹“\(configuration.drop)”（\(String(cString: strerror(code)))），新文件暂缓检查，文件夹恢复后再检查 / cannot open the drop folder \(configuration.drop) (\(String(cString: strerror(code)))): new files are held and judged once it is back",
                          priority: .critical)
        }
        dropPathProblem = "drop folder \(configuration.drop) cannot be opened (\(String(cString: strerror(code)))); files held"
        statusDirty = true
    }

    mutating func dropFolderReachable() {
        dropPathProblem = nil
        journal.event(.dropFolderGone, "投递文件夹“\(configuration.drop)”已可打开，暂缓的文件开始检查 / the drop folder \(configuration.drop) opens again: judging the files held", priority: .notice)
        // Folders created while the path did not open could not be watched: try them once this
        // batch is done (not from inside its read transaction: the ledger's reads do not nest).
        rewatchPending = true
        statusDirty = true
    }

    mutating func commitUncommitted() {
        guard !uncommitted.isEmpty else { return }
        do {
            try ledger.record(uncommitted)
            uncommitted.removeAll()
            ledgerRetryAtNs = nil
            if ledgerProblem != nil {
                ledgerProblem = nil
                journal.event(.ledgerRecovered, "账本恢复写入 / the ledger accepts writes again", priority: .notice)
                // A retry from the loop, not from a batch: the counts must follow what it recorded.
                refreshCounts()
            }
        } catch {
            ledgerFailed(error)
            ledgerRetryAtNs = clock.monotonicNanoseconds() + Self.ledgerRetryNs
        }
        statusDirty = true
    }

    mutating func ledgerFailed(_ error: LedgerError) {
        if ledgerProblem == nil {
            journal.event(.ledgerError, "账本无法写入：\(error.description)；检查结果暂存在内存中，每5秒重试 / the ledger cannot be written: \(error.description); verdicts are kept in memory and retried every 5 s",
                          priority: .critical)
        }
        ledgerProblem = "ledger cannot be written (\(error.kind.rawValue))"
        statusDirty = true
    }

    mutating func noteDelivery(_ delivery: JournalDelivery) {
        switch delivery {
        case .journal:
            if journalProblem != nil {
                journalProblem = nil
                journal.event(.journalRestored, "systemd日志恢复可用 / the systemd journal is available again", priority: .notice)
                statusDirty = true
            }
        case .fallback(let reason):
            if journalProblem == nil {
                statusDirty = true
                // Goes to stderr like everything else until the journal is back.
                journal.event(.journalUnavailable, "systemd日志不可用，检查结果改写到标准错误输出 / the systemd journal is unavailable (\(reason)): verdicts go to stderr until it is back", priority: .warning)
            }
            journalProblem = "journal unavailable, logging to stderr (\(reason))"
        }
    }

    // MARK: the state folder

    /// The ledger file removed (or replaced) while the daemon runs (`rm -rf` of the state folder,
    /// a clean-up script): every later verdict would go into an unlinked file, lost at the next
    /// start. The open connections still hold every row: they are copied back to the path, the
    /// copy is opened in their place, and the lock file is taken again.
    mutating func restoreLedgerIfRemoved() {
        let path = configuration.ledgerPath
        guard let opened = ledgerIdentity, FileIdentity(path: path) != opened else { return }
        Self.makeFolders(configuration.stateDirectory)
        do throws(LedgerError) {
            let aside = path + ".restoring"
            unlink(aside)
            try ledger.copy(to: aside)
            guard rename(aside, path) == 0 else {
                throw LedgerError(kind: .io, path: path, detail: "rename: \(String(cString: strerror(errno)))")
            }
            let restored = try Ledger(path: path)
            try? ledger.close()
            ledger = restored
            ledgerIdentity = FileIdentity(path: path)
            if let lock = try? StateFolderLock.acquire(stateDirectory: configuration.stateDirectory) { extraLocks.append(lock) }
            journal.event(.ledgerRecovered, "账本文件在运行中被删除或替换，已从打开的账本恢复到\(path) / the ledger file was removed or replaced while running; restored to \(path) from the open ledger", priority: .warning)
            refreshCounts()
        } catch {
            ledgerFailed(error)
        }
    }

    // MARK: status

    mutating func refreshCounts() {
        if let counts = try? ledger.verdictCounts() { status.counts = counts }
        statusDirty = true
        office.dirty = true
    }

    mutating func publishStatus(force: Bool) {
        let now = clock.monotonicNanoseconds()
        guard force || (statusDirty && now - lastStatusWriteNs >= Self.statusCoalescingNs) || now - lastStatusWriteNs >= Self.statusRefreshNs else { return }
        // The once-a-minute write also re-reads the counts: `nianbao recheck` may have changed them.
        if now - lastStatusWriteNs >= Self.statusRefreshNs, let counts = try? ledger.verdictCounts() { status.counts = counts }
        refreshOfficeIfDue()
        status.pending = queue.count + retries.count
        status.problems = [ledgerProblem, dropPathProblem, journalProblem, networkProblem].compactMap { $0 } + watchProblems
            + unwatchedFolderProblems()
        status.state = ledgerProblem != nil || dropPathProblem != nil || watch == nil ? .critical : status.problems.isEmpty ? .ok : .warning
        status.updatedAtMs = clock.wallMilliseconds()
        do {
            // 0640, as the README says: monitoring reads it through the group.
            try AtomicFileWriter.write(status.json.serialized() + "\n", to: statusFile, mode: 0o640, sync: false)
            if let prometheusFile = configuration.prometheusFile {
                try AtomicFileWriter.write(status.prometheus, to: prometheusFile, sync: false)
            }
        } catch where error.errno == ENOENT && !statusFolderRecreated {
            // Its folder was removed (a clean-up of /run, the state folder): make it again, once per write.
            Self.makeParentFolder(of: statusFile)
            if let prometheusFile = configuration.prometheusFile { Self.makeParentFolder(of: prometheusFile) }
            statusFolderRecreated = true
            publishStatus(force: true)
            statusFolderRecreated = false
            return
        } catch {
            journal.event(.ledgerError, "无法写入状态文件：\(error.messageZH) / cannot write the status file: \(error.messageEN)", priority: .error)
        }
        _ = try? notifier.status(status.summary)
        lastStatusWriteNs = now
        statusDirty = false
    }

    /// The folders not watched now (retried at each reload and safety rescan): at most ten
    /// named, so that a status file stays small when the watch limit leaves thousands out.
    func unwatchedFolderProblems() -> [String] {
        guard let unwatched = watch?.unwatchedFolders, !unwatched.isEmpty else { return [] }
        let folders = unwatched.keys.sorted()
        var problems = folders.prefix(10).map { "folder \($0.display) not watched" }
        if folders.count > 10 { problems.append("and \(folders.count - 10) more folders not watched") }
        return problems
    }

    /// Reload and the safety rescan: folders left unwatched (the watch limit since raised, as
    /// the daemon advises) are tried again, and the new ones scanned.
    mutating func retryUnwatchedFolders() {
        guard let watch else { return }
        handle(watch.retryUnwatched())
        statusDirty = true
    }

    // MARK: reload

    mutating func reload(engine: WatchEngine) {
        _ = try? notifier.reloading()
        do throws(ConfigurationError) {
            let new = try engine.loadConfiguration()
            // A roster with an error is refused with the configuration: the running one stays.
            let roster: Roster?
            do {
                roster = try OfficeSources.roster(new)
            } catch {
                throw ConfigurationError(file: error.file, problem: "机构名册" + (error.line.map { "第\($0)行：" } ?? "：") + error.problem,
                                         problemEnglish: "roster " + (error.line.map { "line \($0): " } ?? ": ") + error.problemEnglish)
            }
            var restartNeeded: [String] = []
            if new.drop != configuration.drop { restartNeeded.append("drop") }
            if new.stateDirectory != configuration.stateDirectory { restartNeeded.append("state_dir") }
            if new.resolvedStatusFile(environment: environment) != statusFile { restartNeeded.append("status_file") }
            var applied = new
            applied.drop = configuration.drop
            applied.stateDirectory = configuration.stateDirectory
            applied.statusFile = configuration.statusFile
            configuration = applied
            outputs = VerdictOutputs.make(configuration)
            office.roster = roster
            refreshOffice()
            if let prometheusFile = configuration.prometheusFile { Self.makeParentFolder(of: prometheusFile) }
            judge = Judge(reader: SafeFileReader(dropRoot: configuration.drop, sizeLimit: configuration.maxFileBytes), configuration: configuration, clock: clock)
            nextSafetyRescanNs = clock.monotonicNanoseconds() + Int64(configuration.safetyRescanSeconds) * 1_000_000_000
            let note = restartNeeded.isEmpty ? "" : "; \(restartNeeded.joined(separator: ", ")) take effect after a restart"
            retryUnwatchedFolders()
            journal.event(.reloaded, "配置已重新加载 / configuration reloaded: max_file_bytes \(configuration.maxFileBytes), safety_rescan_seconds \(configuration.safetyRescanSeconds), deadline \(configuration.deadline.month)-\(configuration.deadline.day)\(note)")
        } catch {
            journal.event(.reloadRefused, "新配置有误，已拒绝，继续使用原配置：\(error.problem) / the new configuration was refused, the old one stays: \(error.description)", priority: .error)
        }
        _ = try? notifier.ready(status: status.summary)
    }
}
