import Foundation
import Testing
import TestTools

/// The MESSAGE_IDs of `interfaces.md`'s journal entries, written out here on purpose: they are a
/// contract (the journal catalog explains them), so a change in the code must fail a test.
enum MessageID {
    static let judgedAccepted = "26424379b26245fbb04532dd38388eb1"
    static let judgedWithWarnings = "d1cce52b03bb4cf1adfbf822a3c71f32"
    static let judgedRejected = "a087cc2e10744fdb9ecd4a76810b57ca"
    static let judgedUnreadable = "105fa399c7724e748c4706bef1d81a9c"
    static let started = "f829f89aa26840a1bc952c436141cace"
    static let ready = "efb57815f49e4e4fbd005fc489356cd3"
    static let stopping = "388eab9c3df54536adf6fe1a2a40fce4"
    static let reloaded = "cacd0a49296b47f88426c71694759e2e"
    static let reloadRefused = "6dda1d954f5243579e29dc7033098c54"
    static let overflowRescan = "38fd2f8de89b403b817a84999e1c8575"
    static let safetyRescanFound = "f1768b2dd3e64bd9906e1e7b3cb6aec6"
    static let ledgerError = "9c8035aa0dd44355ae5ccd671a2d9b9a"
    static let ledgerRecovered = "99ddbff046d54118a4639f6cf52227ae"
    static let ledgerSetAside = "574fc8e4611841d0b6d9b0e29a631ea5"
    static let journalRestored = "c7bdf73e99ab45eba1c13669b3959c44"
    static let journalUnavailable = "0da9be3742524a8bacb0fdcb200bb5ec"
    static let dropFolderGone = "9792c0a9332e427a9a4b36188bcf3981"
    static let fileVanished = "29bfb7ad39324d84af04e9cc624aaa79"
    static let verdictChanged = "581e07b8f7b1462b90cffac1c9c5c047"
    static let recheckDone = "e7d34b21cedc42a68377ee0982f53526"

    static let judged: Set<String> = [judgedAccepted, judgedWithWarnings, judgedRejected, judgedUnreadable]

    static func judged(_ verdict: String) -> String {
        switch verdict {
        case "accepted": judgedAccepted
        case "accepted_with_warnings": judgedWithWarnings
        case "rejected": judgedRejected
        default: judgedUnreadable
        }
    }
}

/// One journal entry as `journalctl -o json` prints it (a repeated field keeps its last value).
struct JournalRecord: CustomStringConvertible {
    var fields: [String: String]

    subscript(_ name: String) -> String? { fields[name] }
    var messageID: String? { fields["MESSAGE_ID"] }
    var isJudgement: Bool { messageID.map(MessageID.judged.contains) ?? false }
    var file: String? { fields["NIANBAO_FILE"] }

    var description: String {
        let shown = fields.filter { !$0.key.hasPrefix("_") || $0.key == "_PID" }.sorted { $0.key < $1.key }
        return "{" + shown.map { "\($0.key)=\($0.value)" }.joined(separator: " ") + "}"
    }
}

/// Reads the private journald started by scripts/with-journald.
enum Journal {
    /// Journal tests must fail, never pass vacuously, outside the harness (and never read or
    /// write the host's journal).
    static func requirePrivateJournald(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try #require(
            ProcessInfo.processInfo.environment["NIANBAO_PRIVATE_JOURNALD"] == "1",
            """
            NIANBAO_PRIVATE_JOURNALD is not set: these tests read the daemon's verdicts back from a private journald. \
            Run them under the harness: `swift build --build-tests && scripts/with-journald swift test --skip-build --filter NianbaoDaemonTests`
            """,
            sourceLocation: sourceLocation)
    }

    /// Every entry the process `pid` wrote, oldest first (`journalctl --sync` first, so
    /// everything sent so far is there).
    /// `fields`: only these fields (faster for thousands of entries).
    static func entries(pid: Int32, fields: [String]? = nil) async throws -> [JournalRecord] {
        let sync = try await Tool.run("/usr/bin/journalctl", ["--sync"])
        guard sync.status == 0 else { throw HarnessFailure("journalctl --sync failed: \(sync)") }
        let only = fields.map { ["--output-fields=" + $0.joined(separator: ",")] } ?? []
        let result = try await Tool.run("/usr/bin/journalctl", ["-o", "json", "--all", "--no-pager"] + only + ["_PID=\(pid)"])
        // journalctl exits 1 with "-- No entries --" on some versions; an empty output is fine.
        guard result.status == 0 || result.stdout.isEmpty else { throw HarnessFailure("journalctl failed: \(result)") }
        return try parse(result.stdout)
    }

    static func parse(_ output: Data) throws -> [JournalRecord] {
        var records: [JournalRecord] = []
        for line in output.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                throw HarnessFailure("journalctl printed a line that is not a JSON object: \(String(decoding: line, as: UTF8.self))")
            }
            var fields: [String: String] = [:]
            for (name, value) in object {
                if let text = value as? String {
                    fields[name] = text
                } else if let bytes = value as? [Int] {
                    fields[name] = String(decoding: bytes.map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self)
                } else if let many = value as? [Any], let lastText = many.last as? String {
                    fields[name] = lastText
                } else {
                    fields[name] = "<\(value)>"
                }
            }
            records.append(JournalRecord(fields: fields))
        }
        return records
    }
}

/// What one judgement entry must say, field by field.
struct ExpectedJudgement {
    var file: String
    var agency: String?
    var verdict: String
    var codes: [String]
    var errors: Int
    var warnings: Int
    var year: Int?
    /// nil: the file was never read, so no digest can be given (the field must be absent).
    var sha256: String?

    var priority: String {
        switch verdict {
        case "accepted": "6"
        case "accepted_with_warnings": "5"
        case "rejected": "4"
        default: "3"
        }
    }
}

/// Checks every field of `interfaces.md` on a judgement entry, and that no other NIANBAO_ field
/// is there.
func expectJudgement(_ entry: JournalRecord, _ expected: ExpectedJudgement, fromJournal: Bool = true,
                     sourceLocation: SourceLocation = #_sourceLocation) {
    func check(_ name: String, _ value: String?) {
        #expect(entry[name] == value, "\(name) of \(expected.file): \(entry)", sourceLocation: sourceLocation)
    }
    check("SYSLOG_IDENTIFIER", "nianbao")
    check("MESSAGE_ID", MessageID.judged(expected.verdict))
    check("PRIORITY", expected.priority)
    check("NIANBAO_FILE", expected.file)
    check("NIANBAO_AGENCY", expected.agency)
    check("NIANBAO_VERDICT", expected.verdict)
    check("NIANBAO_CODES", expected.codes.joined(separator: " "))
    check("NIANBAO_ERRORS", String(expected.errors))
    check("NIANBAO_WARNINGS", String(expected.warnings))
    check("NIANBAO_YEAR", expected.year.map(String.init))
    check("NIANBAO_SHA256", expected.sha256)
    #expect(!(entry["MESSAGE"] ?? "").isEmpty, "MESSAGE of \(expected.file)", sourceLocation: sourceLocation)
    if fromJournal {
        #expect(entry["CODE_FILE"] != nil && entry["CODE_LINE"] != nil, "CODE_FILE/CODE_LINE of \(expected.file)", sourceLocation: sourceLocation)
    }
    // Absent only when the ledger could give out no receipt number at the time (MachineFaultTests).
    if let receipt = entry["NIANBAO_RECEIPT"] {
        #expect(receipt.wholeMatch(of: /NB-20[0-9]{2}-[0-9]{6,}/) != nil, "NIANBAO_RECEIPT of \(expected.file): \(receipt)", sourceLocation: sourceLocation)
    }
    let documented: Set<String> = ["NIANBAO_FILE", "NIANBAO_AGENCY", "NIANBAO_VERDICT", "NIANBAO_CODES", "NIANBAO_ERRORS",
                                   "NIANBAO_WARNINGS", "NIANBAO_YEAR", "NIANBAO_SHA256", "NIANBAO_RECEIPT"]
    let extra = Set(entry.fields.keys.filter { $0.hasPrefix("NIANBAO_") }).subtracting(documented)
    #expect(extra.isEmpty, "undocumented fields \(extra.sorted()) in \(entry)", sourceLocation: sourceLocation)
}

/// The stderr line the daemon writes for an entry when there is no journal:
/// `<5> nianbao[MESSAGE_ID=…]: MESSAGE {NIANBAO_FILE="a/b.txt" NIANBAO_VERDICT="rejected"}`.
enum FallbackLines {
    /// Complete lines only: the daemon may be writing the last one right now.
    static func parse(_ text: String) -> [JournalRecord] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()  // after the last newline: empty, or a line still being written
        return lines.compactMap { parse(line: String($0)) }
    }

    static func parse(line: String) -> JournalRecord? {
        guard let head = line.firstMatch(of: #/^<([0-7])> ([^\[ ]+)\[MESSAGE_ID=([0-9a-f]{32})\]: /#) else { return nil }
        var fields = ["PRIORITY": String(head.1), "SYSLOG_IDENTIFIER": String(head.2), "MESSAGE_ID": String(head.3)]
        var rest = line[head.range.upperBound...]
        if let open = rest.range(of: " {"), rest.hasSuffix("}") {
            fields["MESSAGE"] = String(rest[..<open.lowerBound])
            rest = rest[open.upperBound..<rest.index(before: rest.endIndex)]
            for pair in rest.matches(of: #/([A-Z0-9_]+)="((?:[^"\\]|\\.)*)"/#) {
                fields[String(pair.1)] = unescape(String(pair.2))
            }
        } else {
            fields["MESSAGE"] = String(rest)
        }
        return JournalRecord(fields: fields)
    }

    static func unescape(_ value: String) -> String {
        var bytes: [UInt8] = []
        var input = Array(value.utf8)[...]
        while let byte = input.popFirst() {
            guard byte == UInt8(ascii: "\\"), let next = input.popFirst() else { bytes.append(byte); continue }
            switch next {
            case UInt8(ascii: "n"): bytes.append(10)
            case UInt8(ascii: "t"): bytes.append(9)
            case UInt8(ascii: "r"): bytes.append(13)
            case UInt8(ascii: "x"):
                let hex = String(decoding: input.prefix(2), as: UTF8.self)
                input = input.dropFirst(2)
                bytes.append(UInt8(hex, radix: 16) ?? 0x3F)
            default: bytes.append(next)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
