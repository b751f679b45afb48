import NianbaoCore
import NianbaoSystemd

/// Every kind of journal entry the daemon writes, each with a fixed MESSAGE_ID that the
/// journal catalog (systemd/nianbao.catalog) explains, so `journalctl -x` says what to do.
public enum DaemonMessage: String, CaseIterable, Sendable {
    case judgedAccepted = "26424379b26245fbb04532dd38388eb1"
    case judgedWithWarnings = "d1cce52b03bb4cf1adfbf822a3c71f32"
    case judgedRejected = "a087cc2e10744fdb9ecd4a76810b57ca"
    case judgedUnreadable = "105fa399c7724e748c4706bef1d81a9c"
    case started = "f829f89aa26840a1bc952c436141cace"
    case ready = "efb57815f49e4e4fbd005fc489356cd3"
    case stopping = "388eab9c3df54536adf6fe1a2a40fce4"
    case reloaded = "cacd0a49296b47f88426c71694759e2e"
    case reloadRefused = "6dda1d954f5243579e29dc7033098c54"
    case overflowRescan = "38fd2f8de89b403b817a84999e1c8575"
    case safetyRescanFound = "f1768b2dd3e64bd9906e1e7b3cb6aec6"
    case watchLimit = "267e352ed06a49a090e5a48d9a833f3e"
    case ledgerError = "9c8035aa0dd44355ae5ccd671a2d9b9a"
    case ledgerRecovered = "99ddbff046d54118a4639f6cf52227ae"
    case ledgerSetAside = "574fc8e4611841d0b6d9b0e29a631ea5"
    case journalRestored = "c7bdf73e99ab45eba1c13669b3959c44"
    case journalUnavailable = "0da9be3742524a8bacb0fdcb200bb5ec"
    case dropFolderGone = "9792c0a9332e427a9a4b36188bcf3981"
    case networkFileSystem = "09313a112356431f9218c1d0137d4c4a"
    case fileVanished = "29bfb7ad39324d84af04e9cc624aaa79"
    case unknownAgency = "5b0e7c2a41d94f6f9a3c8e1d27b46f05"
    /// A re-check under newer rules changed a file's verdict (NIANBAO_OLD_VERDICT → NIANBAO_VERDICT).
    case verdictChanged = "581e07b8f7b1462b90cffac1c9c5c047"
    /// A re-check under newer rules is done: how many files were judged again and changed.
    case recheckDone = "e7d34b21cedc42a68377ee0982f53526"

    public var messageID: String { rawValue }

    public static func judged(_ verdict: Verdict) -> DaemonMessage {
        switch verdict {
        case .accepted: .judgedAccepted
        case .acceptedWithWarnings: .judgedWithWarnings
        case .rejected: .judgedRejected
        case .unreadable: .judgedUnreadable
        }
    }
}

/// Builds journal entries; the journal writer falls back to stderr by itself.
struct DaemonJournal: Sendable {
    let writer: JournalWriter

    /// One entry per judged file, with the fields of `interfaces.md`.
    @discardableResult
    func judged(_ judgement: Judgement) -> JournalDelivery {
        let outcome = judgement.outcome
        var fields: [(name: String, value: String)] = [("NIANBAO_FILE", judgement.file)]
        if let agency = judgement.agency { fields.append(("NIANBAO_AGENCY", agency)) }
        fields.append(("NIANBAO_VERDICT", outcome.verdict.rawValue))
        fields.append(("NIANBAO_CODES", outcome.codes.joined(separator: " ")))
        fields.append(("NIANBAO_ERRORS", String(outcome.errorCount)))
        fields.append(("NIANBAO_WARNINGS", String(outcome.warningCount)))
        if let year = outcome.report?.year.year { fields.append(("NIANBAO_YEAR", String(year))) }
        // A file that was never read (a symlink, a FIFO, too large…) has no digest: the field
        // is left out, as NIANBAO_YEAR is when the year is unknown, rather than filled with
        // something that is not the hex digest `interfaces.md` promises.
        if let digest = judgement.contentDigest { fields.append(("NIANBAO_SHA256", digest)) }
        // Absent only when the ledger could give out no number (it was failing at the time).
        if let receipt = judgement.record.receipt { fields.append(("NIANBAO_RECEIPT", receipt)) }
        let codes = outcome.codes.isEmpty ? "" : " [\(outcome.codes.joined(separator: " "))]"
        let first = outcome.findings.first(where: { $0.severity == .error }) ?? outcome.findings.first
        let reason = first.map { ": \($0.code.rawValue) \($0.message)" } ?? ""
        let message = "\(TextEscaping.escapeControlCharacters(judgement.file)): \(outcome.verdict.chinese) \(outcome.verdict.rawValue), "
            + "\(outcome.errorCount) errors, \(outcome.warningCount) warnings\(codes)\(TextEscaping.escapeControlCharacters(reason))"
        return writer.send(JournalEntry(
            message: message, priority: JournalPriority(rawValue: Int32(outcome.verdict.syslogPriority))!,
            messageID: DaemonMessage.judged(outcome.verdict).messageID, fields: fields))
    }

    @discardableResult
    func event(_ kind: DaemonMessage, _ message: String, priority: JournalPriority = .info,
               fields: [(name: String, value: String)] = [], file: String = #fileID, line: Int = #line, function: String = #function) -> JournalDelivery {
        writer.send(JournalEntry(message: message, priority: priority, messageID: kind.messageID, fields: fields,
                                 file: file, line: line, function: function))
    }
}
