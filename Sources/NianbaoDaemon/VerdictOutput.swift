import NianbaoSystemd

/// Where a batch of verdicts goes once it is journaled and committed to the ledger: one protocol
/// for every such output (after swift-service-lifecycle's one protocol per concept), so that a
/// new output is a conformance and a line in `VerdictOutputs.make`, not an edit inside the
/// processing loop. The journal and the ledger stay in the loop: their order (journal, then
/// commit) is the delivery guarantee, and their failures change the daemon's state. The status
/// file and the office's view are recomputed from the ledger before each status write.
protocol VerdictOutput {
    /// The batch's judgements, in order. Failures are the output's own to report through
    /// `journal`; they never stop the loop or the other outputs.
    mutating func deliver(_ judgements: [Judgement], journal: DaemonJournal)
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

    func deliver(_ judgements: [Judgement], journal: DaemonJournal) {
        var reported = false
        for judgement in judgements {
            do {
                try folder.write(judgement)
            } catch {
                // One file's failure (a name too long once escaped) must not cost the others
                // their results; a full disk says so once per batch.
                if !reported {
                    journal.event(.ledgerError, "无法写入结果文件夹：\(error.messageZH) / cannot write the results folder: \(error.messageEN)", priority: .warning,
                                  fields: [("NIANBAO_FILE", judgement.file)])
                }
                reported = true
            }
        }
    }
}
