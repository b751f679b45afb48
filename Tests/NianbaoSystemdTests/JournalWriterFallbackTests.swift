import Foundation
import Testing
@testable import NianbaoSystemd

/// No journald needed: the writer is pointed at a socket that is not there.
@Suite struct JournalWriterFallbackTests {
    let messageID = "0c1d9a5f4e2b4c7d8a6b3e1f2d4c5b6a"
    let missing = "/nonexistent/nianbao-test/socket"

    @Test func missingSocketWritesOneLine() throws {
        let pipe = try FallbackPipe()
        let writer = JournalWriter(socketPath: missing, fallbackFD: pipe.writeFD)
        let delivery = writer.send(JournalEntry(message: "agency-a/2023.txt rejected: 2 errors", priority: .warning, messageID: messageID, fields: [
            (name: "NIANBAO_FILE", value: "agency-a/2023.txt"),
            (name: "NIANBAO_VERDICT", value: "rejected"),
        ]))
        #expect(delivery == .fallback(reason: "journal socket \(missing): No such file or directory (errno 2)"))
        #expect(pipe.drain() == "<4> nianbao[MESSAGE_ID=\(messageID)]: agency-a/2023.txt rejected: 2 errors {NIANBAO_FILE=\"agency-a/2023.txt\" NIANBAO_VERDICT=\"rejected\"}\n")
    }

    @Test func noFieldsNoBraces() throws {
        let pipe = try FallbackPipe()
        JournalWriter(identifier: "nianbao", socketPath: missing, fallbackFD: pipe.writeFD)
            .send(JournalEntry(message: "watching /srv/drop", priority: .info, messageID: messageID))
        #expect(pipe.drain() == "<6> nianbao[MESSAGE_ID=\(messageID)]: watching /srv/drop\n")
    }

    /// A file name is attacker-controlled: it must not start a line or forge a field.
    @Test func fileNameCannotForgeALine() throws {
        let pipe = try FallbackPipe()
        let writer = JournalWriter(socketPath: missing, fallbackFD: pipe.writeFD)
        let evil = "a.txt\"\nNIANBAO_VERDICT=accepted"
        writer.send(JournalEntry(message: "\(evil) rejected", priority: .warning, messageID: messageID, fields: [
            (name: "NIANBAO_FILE", value: evil),
            (name: "NIANBAO_VERDICT", value: "rejected"),
        ]))
        let output = pipe.drain()
        #expect(output == #"<4> nianbao[MESSAGE_ID=0c1d9a5f4e2b4c7d8a6b3e1f2d4c5b6a]: a.txt"\nNIANBAO_VERDICT=accepted rejected {NIANBAO_FILE="a.txt\"\nNIANBAO_VERDICT=accepted" NIANBAO_VERDICT="rejected"}"# + "\n")
        #expect(output.split(separator: "\n").count == 1)
    }

    @Test(arguments: [
        ("tab\tcr\rnl\n", #"tab\tcr\rnl\n"#, #"tab\tcr\rnl\n"#),
        ("esc\u{1B}[2J nul\u{0} bel\u{7} del\u{7F}", #"esc\x1b[2J nul\x00 bel\x07 del\x7f"#, #"esc\x1b[2J nul\x00 bel\x07 del\x7f"#),
        ("c1 nel\u{85} csi\u{9B}", #"c1 nel\x85 csi\x9b"#, #"c1 nel\x85 csi\x9b"#),
        ("ls\u{2028}ps\u{2029}rlo\u{202E}fsi\u{2068}", #"ls\u2028ps\u2029rlo\u202efsi\u2068"#, #"ls\u2028ps\u2029rlo\u202efsi\u2068"#),
        (#"back\slash "quote" {brace}"#, #"back\\slash "quote" \x7bbrace}"#, #"back\\slash \"quote\" {brace}"#),
        ("报告 Ünïcode ½ 🙂 \u{A0}", "报告 Ünïcode ½ 🙂 \u{A0}", "报告 Ünïcode ½ 🙂 \u{A0}"),
    ])
    func escaping(_ raw: String, inMessage: String, inValue: String) {
        #expect(FallbackLine.escaped(raw, context: .message) == inMessage)
        #expect(FallbackLine.escaped(raw, context: .quotedValue) == inValue)
    }

    @Test func socketPathThatIsNotASocketFallsBack() throws {
        let folder = try TemporaryFolder()
        let pipe = try FallbackPipe()
        let delivery = JournalWriter(socketPath: folder.path, fallbackFD: pipe.writeFD)
            .send(JournalEntry(message: "m", priority: .info, messageID: messageID))
        #expect(delivery == .fallback(reason: "journal socket \(folder.path) is not a socket"))
        #expect(pipe.drain() == "<6> nianbao[MESSAGE_ID=\(messageID)]: m\n")
    }

    /// A stale socket makes sd_journal_sendv return -ECONNREFUSED. libsystemd only sends to
    /// /run/systemd/journal/socket, so the refusal is simulated at the sd_journal_sendv seam.
    @Test func negativeReturnFallsBack() throws {
        let folder = try TemporaryFolder()
        let socket = try DatagramSocket(boundTo: folder.path + "/socket")
        let pipe = try FallbackPipe()
        let writer = JournalWriter(identifier: "nianbao", socketPath: socket.path, fallbackFD: pipe.writeFD) { _, _ in -ECONNREFUSED }
        let delivery = writer.send(JournalEntry(message: "m", priority: .error, messageID: messageID, fields: [(name: "NIANBAO_FILE", value: "x")]))
        #expect(delivery == .fallback(reason: "sd_journal_sendv failed: Connection refused (errno 111)"))
        #expect(pipe.drain() == "<3> nianbao[MESSAGE_ID=\(messageID)]: m {NIANBAO_FILE=\"x\"}\n")
    }

    /// What reaches sd_journal_sendv: one iovec per field, in order, "NAME=value".
    @Test func iovecsCarryEveryField() throws {
        let folder = try TemporaryFolder()
        let socket = try DatagramSocket(boundTo: folder.path + "/socket")
        let pipe = try FallbackPipe()
        let captured = Captured()
        let writer = JournalWriter(identifier: "nianbao", socketPath: socket.path, fallbackFD: pipe.writeFD) { iov, count in
            captured.fields = (0..<Int(count)).map { String(decoding: UnsafeRawBufferPointer(start: iov[$0].iov_base, count: iov[$0].iov_len), as: UTF8.self) }
            return 0
        }
        let line = #line + 1
        let entry = JournalEntry(message: "多行\n消息", priority: .notice, messageID: messageID, fields: [(name: "NIANBAO_FILE", value: "a/b.txt")])
        #expect(writer.send(entry) == .journal)
        #expect(captured.fields == [
            "SYSLOG_IDENTIFIER=nianbao", "PRIORITY=5", "MESSAGE=多行\n消息", "MESSAGE_ID=\(messageID)",
            "CODE_FILE=NianbaoSystemdTests/JournalWriterFallbackTests.swift", "CODE_LINE=\(line)",
            "CODE_FUNC=iovecsCarryEveryField()", "NIANBAO_FILE=a/b.txt",
        ])
        let fixedNames = captured.fields.dropLast().map { String($0.prefix { $0 != "=" }) }
        #expect(Set(fixedNames) == JournalEntry.reservedFieldNames)
        #expect(pipe.drain() == "")
    }

    @Test func failedFallbackWriteIsReported() throws {
        let pipe = try FallbackPipe()
        let delivery = JournalWriter(socketPath: missing, fallbackFD: pipe.readFD)  // read end: write fails
            .send(JournalEntry(message: "m", priority: .info, messageID: messageID))
        #expect(delivery == .fallback(reason: "journal socket \(missing): No such file or directory (errno 2); fallback write to fd \(pipe.readFD) failed: Bad file descriptor (errno 9)"))
    }
}

private final class Captured: @unchecked Sendable {
    var fields: [String] = []
}
