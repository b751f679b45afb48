import NianbaoSystemd

/// Where each verdict goes besides the journal and the ledger: one protocol for every such
/// output (after swift-service-lifecycle's one protocol per concept), so that a new output is a
/// conformance and a line in `VerdictOutputs.make`, not an edit inside the processing loop. The
/// journal and the ledger stay in the loop: their order (journal, then commit) is the delivery
/// guarantee, and their failures change the daemon's state. The status file and the office's
/// view are recomputed from the ledger before each status write.
protocol VerdictOutput {
    /// One judgement, right after its journal entry and before its batch is committed to the
    /// ledger: a batch's judgements (each with its parsed report) are not kept until the commit,
    /// which was about 10 MB of the peak when 5,000 agency folders arrived at once. Failures are
    /// the output's own to report through `journal`; they never stop the loop or the other outputs.
    mutating func deliver(_ judgement: Judgement, journal: DaemonJournal)

    /// The batch is judged: what an output gathers per batch (a failure said once) ends here.
    mutating func batchDone()
}

enum VerdictOutputs {
    /// The outputs the configuration asks for; made again on reload.
    static func make(_ configuration: DaemonConfiguration) -> [any VerdictOutput] {
        var outputs: [any VerdictOutput] = []
        if let resultsDirectory = configuration.resultsDirectory { outputs.append(ResultsFolderOutput(folder: ResultsFolder(root: resultsDirectory, utcOffsetHours: configuration.utcOffsetHours))) }
        return outputs
    }
}

/// Each judged file's explanation in the results folder (`ResultsFolder`).
struct ResultsFolderOutput: VerdictOutput {
    let folder: ResultsFolder
    /// One file's failure (a name too long once escaped) must not cost the others their results;
    /// a full disk says so once per batch.
    private var failureReported = false

    init(folder: ResultsFolder) { self.folder = folder }

    mutating func deliver(_ judgement: Judgement, journal: DaemonJournal) {
        do {
            try folder.write(judgement)
        } catch {
            if !failureReported {
                journal.event(.ledgerError, "无法写入结果文件夹：\(error.messageZH) / cannot write the results folder: \(error.messageEN)", priority: .warning,
                              fields: [("NIANBAO_FILE", judgement.file)])
            }
            failureReported = true
        }
    }

    mutating func batchDone() { failureReported = false }
}
