import Foundation
import Testing
@testable import NianbaoSystemd
import CSystemd

/// Against a real journald: run under scripts/with-journald. Serialized because
/// `staleSocketFallsBack` briefly takes the journal socket away.
@Suite(.serialized) struct JournalWriterJournalTests {
    let messageID = "5f0b3c1e9d2a4b7c8e6f1a2b3c4d5e6f"

    @Test func entryArrivesWithExactFields() throws {
        try JournalReader.requirePrivateJournald()
        let identifier = JournalReader.uniqueIdentifier()
        let writer = JournalWriter(identifier: identifier)
        let line = #line + 1
        let entry = JournalEntry(message: "agency-a/2023.txt: rejected, 2 errors", priority: .warning, messageID: messageID, fields: [
            (name: "NIANBAO_FILE", value: "agency-a/2023.txt"),
            (name: "NIANBAO_AGENCY", value: "agency-a"),
            (name: "NIANBAO_VERDICT", value: "rejected"),
            (name: "NIANBAO_CODES", value: "NB303 NB501"),
            (name: "NIANBAO_ERRORS", value: "2"),
        ])
        #expect(writer.send(entry) == .journal)

        let entries = try JournalReader.entries(identifier: identifier)
        try #require(entries.count == 1)
        let got = entries[0]
        #expect(got["SYSLOG_IDENTIFIER"] == [identifier])
        #expect(got["PRIORITY"] == ["4"])
        #expect(got["MESSAGE"] == ["agency-a/2023.txt: rejected, 2 errors"])
        #expect(got["MESSAGE_ID"] == [messageID])
        #expect(got["NIANBAO_FILE"] == ["agency-a/2023.txt"])
        #expect(got["NIANBAO_AGENCY"] == ["agency-a"])
        #expect(got["NIANBAO_VERDICT"] == ["rejected"])
        #expect(got["NIANBAO_CODES"] == ["NB303 NB501"])
        #expect(got["NIANBAO_ERRORS"] == ["2"])
        #expect(got["CODE_FILE"] == ["NianbaoSystemdTests/JournalWriterJournalTests.swift"])
        #expect(got["CODE_LINE"] == [String(line)])
        #expect(got["CODE_FUNC"] == ["entryArrivesWithExactFields()"])
        #expect(got["_TRANSPORT"] == ["journal"])
        #expect(got["_PID"] == [String(getpid())])
    }

    @Test func fieldMatchesWorkLikeAnOperatorWouldUseThem() throws {
        try JournalReader.requirePrivateJournald()
        let identifier = JournalReader.uniqueIdentifier()
        let writer = JournalWriter(identifier: identifier)
        for (file, verdict) in [("a/1.txt", "accepted"), ("a/2.txt", "rejected"), ("b/3.txt", "rejected")] {
            writer.send(JournalEntry(message: "\(file) \(verdict)", priority: .info, messageID: messageID,
                                     fields: [(name: "NIANBAO_FILE", value: file), (name: "NIANBAO_VERDICT", value: verdict)]))
        }
        let rejected = try JournalReader.entries(identifier: identifier, matches: ["NIANBAO_VERDICT=rejected"])
        #expect(rejected.map { $0["NIANBAO_FILE"] } == [["a/2.txt"], ["b/3.txt"]])
    }

    @Test func newlinesChineseAndControlBytesSurvive() throws {
        try JournalReader.requirePrivateJournald()
        let identifier = JournalReader.uniqueIdentifier()
        let writer = JournalWriter(identifier: identifier)
        let multiline = "第一行：政府信息公开工作年度报告\n第二行 NIANBAO_VERDICT=accepted\n"
        let odd = "tab\there, esc \u{1B}[31m, nul \u{0}, del \u{7F}, 表三"
        let entry = JournalEntry(message: "报告\n已拒绝", priority: .error, messageID: messageID, fields: [
            (name: "NIANBAO_FILE", value: multiline),
            (name: "NIANBAO_NOTE", value: odd),
            (name: "NIANBAO_EMPTY", value: ""),
        ])
        #expect(writer.send(entry) == .journal)

        let entries = try JournalReader.entries(identifier: identifier)
        try #require(entries.count == 1)
        #expect(entries[0]["MESSAGE"] == ["报告\n已拒绝"])
        #expect(entries[0]["NIANBAO_FILE"] == [multiline])
        #expect(entries[0]["NIANBAO_NOTE"] == [odd])
        #expect(entries[0]["NIANBAO_EMPTY"] == [""])
        // The forged assignment stayed inside the value.
        #expect(entries[0]["NIANBAO_VERDICT"] == nil)
    }

    /// Large enough that libsystemd has to pass it through a memfd, not one datagram.
    @Test func largeValueSurvives() throws {
        try JournalReader.requirePrivateJournald()
        let identifier = JournalReader.uniqueIdentifier()
        let big = String(repeating: "表三 row new_received 0123456789\n", count: 20_000)  // about 700 KB
        let delivery = JournalWriter(identifier: identifier).send(JournalEntry(message: "big", priority: .info, messageID: messageID,
                                                                               fields: [(name: "NIANBAO_BIG", value: big)]))
        #expect(delivery == .journal)
        let entries = try JournalReader.entries(identifier: identifier)
        try #require(entries.count == 1)
        #expect(entries[0]["NIANBAO_BIG"] == [big])
    }

    @Test(arguments: JournalPriority.allCases)
    func priorityIsStoredAsItsNumber(_ priority: JournalPriority) throws {
        try JournalReader.requirePrivateJournald()
        let identifier = JournalReader.uniqueIdentifier()
        JournalWriter(identifier: identifier).send(JournalEntry(message: "p", priority: priority, messageID: messageID))
        let entries = try JournalReader.entries(identifier: identifier)
        #expect(entries.map { $0["PRIORITY"] } == [[String(priority.rawValue)]])
    }

    /// One writer shared by many tasks: nothing lost, nothing mixed up, no rate limiting.
    @Test func concurrentSendersLoseNothing() async throws {
        try JournalReader.requirePrivateJournald()
        let identifier = JournalReader.uniqueIdentifier()
        let writer = JournalWriter(identifier: identifier)
        let id = messageID
        let tasks = 8, perTask = 500
        await withTaskGroup(of: Int.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    var sent = 0
                    for n in 0..<perTask {
                        let key = "\(task)-\(n)"
                        if writer.send(JournalEntry(message: key, priority: .info, messageID: id, fields: [(name: "NIANBAO_KEY", value: key)])) == .journal {
                            sent += 1
                        }
                    }
                    return sent
                }
            }
            #expect(await group.reduce(0, +) == tasks * perTask)
        }
        let entries = try JournalReader.entries(identifier: identifier)
        #expect(entries.count == tasks * perTask)
        #expect(entries.allSatisfy { $0["MESSAGE"] == $0["NIANBAO_KEY"] })
        #expect(Set(entries.compactMap { $0["NIANBAO_KEY"]?.first }).count == tasks * perTask)
    }

    @Test func journalIsAvailableOnlyWhenJournaldListens() throws {
        try JournalReader.requirePrivateJournald()
        #expect(JournalWriter().isJournalAvailable)

        let folder = try TemporaryFolder()
        #expect(!JournalWriter(socketPath: folder.path + "/missing").isJournalAvailable)
        let regular = folder.path + "/regular"
        #expect(FileManager.default.createFile(atPath: regular, contents: Data()))
        #expect(!JournalWriter(socketPath: regular).isJournalAvailable)
        // A socket file nobody listens on, as a dead journald leaves behind.
        let stale = folder.path + "/stale"
        try DatagramSocket(boundTo: stale).close()
        #expect(!JournalWriter(socketPath: stale).isJournalAvailable)
    }

    /// The trap for real: with the socket gone sd_journal_sendv reports success and drops
    /// the entry; with a stale one it returns -ECONNREFUSED. Both must reach the fallback.
    @Test func staleOrMissingSocketFallsBack() throws {
        try JournalReader.requireHarnessNamespace()
        let socket = JournalWriter.defaultSocketPath, aside = socket + ".aside"
        let pipe = try FallbackPipe()
        let writer = JournalWriter(identifier: JournalReader.uniqueIdentifier(), fallbackFD: pipe.writeFD)
        let entry = JournalEntry(message: "m", priority: .warning, messageID: messageID, fields: [(name: "NIANBAO_FILE", value: "a.txt")])
        try #require(rename(socket, aside) == 0, "rename: \(errno)")
        // Put the harness's socket back if the test stops early; once it is back, never again:
        // unlinking the path then would delete the live socket for every test after this one.
        var restored = false
        defer {
            if !restored {
                unlink(socket)
                rename(aside, socket)
            }
        }

        let message = "MESSAGE=dropped"
        let silentDrop = message.withCString { sd_journal_sendv([iovec(iov_base: UnsafeMutableRawPointer(mutating: $0), iov_len: message.utf8.count)], 1) }
        #expect(silentDrop == 0, "libsystemd no longer hides a missing socket?")
        #expect(writer.send(entry) == .fallback(reason: "journal socket \(socket): No such file or directory (errno 2)"))
        #expect(!writer.isJournalAvailable)

        try DatagramSocket(boundTo: socket).close()
        #expect(!writer.isJournalAvailable)
        #expect(writer.send(entry) == .fallback(reason: "sd_journal_sendv failed: Connection refused (errno 111)"))
        let line = "<4> \(writer.identifier)[MESSAGE_ID=\(messageID)]: m {NIANBAO_FILE=\"a.txt\"}\n"
        #expect(pipe.drain() == line + line)

        unlink(socket)
        try #require(rename(aside, socket) == 0)
        restored = true
        #expect(writer.isJournalAvailable)
        #expect(writer.send(entry) == .journal)
        #expect(pipe.drain() == "")
        #expect(try JournalReader.entries(identifier: writer.identifier).count == 1)
    }
}
