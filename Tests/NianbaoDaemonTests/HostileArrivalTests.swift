import Foundation
import Glibc
import Testing

/// Issue 7, part 1: hostile and broken files dropped into a running daemon. Each ends as a clear
/// verdict within a bounded time and bounded memory, the daemon keeps watching, nothing outside
/// the drop folder is opened, and no file name can forge a journal field or a line of the
/// results folder's text. (The readers' own limits are tested in NianbaoDocumentsTests/HostileTests.)
@Suite("nianbao watch: hostile and broken files", .serialized)
struct HostileArrivalTests {
    /// The service's account honours permission bits; root without CAP_DAC_OVERRIDE and
    /// CAP_DAC_READ_SEARCH does too (a file with mode 000 is EACCES), yet could still open
    /// whatever a link points to outside (root owns it): so the open watch proves a link is never followed.
    static let withoutDACOverride = ["/usr/bin/setpriv", "--bounding-set", "-dac_override,-dac_read_search"]

    static func unreadable(_ file: String, _ code: String, sha256: String?) -> ExpectedJudgement {
        ExpectedJudgement(file: file, agency: Reports.agencyOf(file), verdict: "unreadable", codes: [code], errors: 1, warnings: 0,
                          year: nil, sha256: sha256)
    }

    /// Rejected as no report at all: no year, six missing sections minus those found, three tables missing.
    static func notAReport(_ file: String, _ data: Data, sectionsMissing: Int) -> ExpectedJudgement {
        ExpectedJudgement(file: file, agency: Reports.agencyOf(file), verdict: "rejected", codes: ["NB201", "NB203", "NB207"],
                          errors: sectionsMissing + 3, warnings: 1, year: nil, sha256: Harness.sha256(data))
    }

    /// Creates a file from raw path bytes (names that are not valid UTF-8) in one write.
    static func writeRaw(_ path: [UInt8], _ data: Data, mode: mode_t = 0o644) throws {
        let fd = (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode) }
        }
        guard fd >= 0 else { throw HarnessFailure("open \(String(decoding: path, as: UTF8.self)): errno \(errno)") }
        defer { close(fd) }
        try Sandbox.writeAll(fd, data, String(decoding: path, as: UTF8.self))
    }

    static func peakMemoryKiB(pid: Int32) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kib = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else {
            throw HarnessFailure("no VmHWM in /proc/\(pid)/status")
        }
        return kib
    }

    /// User plus system CPU time of a process so far (/proc/PID/stat fields 14 and 15).
    static func cpuSeconds(pid: Int32) throws -> Double {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // After the command name in parentheses (which may hold spaces): state is field 3.
        guard let close = stat.lastIndex(of: ")") else { throw HarnessFailure("odd /proc/\(pid)/stat: \(stat)") }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else {
            throw HarnessFailure("odd /proc/\(pid)/stat: \(stat)")
        }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    @Test("every hostile file gets its verdict in bounded time and memory, nothing outside is opened, names forge nothing",
          .timeLimit(.minutes(4)))
    func hostileFiles() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let results = sandbox.root + "/results"
        let outside = sandbox.root + "/outside"
        try Sandbox.writeFile(outside + "/report.txt", Reports.seed)
        try Sandbox.writeFile(outside + "/secret.txt", Data("secret: never to be read\n".utf8))
        try FileManager.default.createDirectory(atPath: sandbox.path("agency-h"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: sandbox.path("agency-s"), withIntermediateDirectories: true)
        let daemon = try await sandbox.startDaemon(["--results-dir", results], wrapper: Self.withoutDACOverride)
        // From here on, no process of this test opens anything there: any open is the daemon's.
        // (Not /etc/shadow itself: an inotify watch sees every process of the machine, and a
        // login elsewhere reads it; its link gets NB101 without a digest, as every link does.)
        let opens = try OpenWatch([outside, outside + "/report.txt", outside + "/secret.txt"])

        var expected: [String: ExpectedJudgement] = [:]
        var droppedAt: [String: Date] = [:]
        func drop(_ file: String, _ data: Data, _ verdict: ExpectedJudgement) throws {
            try sandbox.write(file, data)
            expected[file] = verdict
            droppedAt[file] = Date()
        }

        // A file deleted between its event and its opening: the daemon is stopped in between.
        daemon.signal(SIGSTOP)
        try sandbox.write("agency-h/vanished.txt", Reports.seed(variant: 1))
        try FileManager.default.removeItem(atPath: sandbox.path("agency-h/vanished.txt"))
        daemon.signal(SIGCONT)

        // Empty, binary junk, undecodable text.
        try drop("agency-h/empty.txt", Data(), Self.unreadable("agency-h/empty.txt", "NB103", sha256: Harness.sha256(Data())))
        let junk = HostileFiles.junk(count: 5000)
        try drop("agency-h/junk.txt", junk, Self.unreadable("agency-h/junk.txt", "NB103", sha256: Harness.sha256(junk)))
        let undecodable = Data(String(repeating: "abc\u{FF}\u{FE}\u{80}\u{81} def\n", count: 50).unicodeScalars.map { UInt8($0.value) })
        try drop("agency-h/undecodable.txt", undecodable, Self.unreadable("agency-h/undecodable.txt", "NB104", sha256: Harness.sha256(undecodable)))

        // Over the default 20 MiB limit: a sparse file, never read.
        let huge = sandbox.path("agency-h/huge.txt")
        let hugeFD = open(huge, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        try #require(hugeFD >= 0)
        #expect(ftruncate(hugeFD, 21 << 20) == 0)
        close(hugeFD)
        expected["agency-h/huge.txt"] = Self.unreadable("agency-h/huge.txt", "NB102", sha256: nil)
        droppedAt["agency-h/huge.txt"] = Date()

        // Containers: a real ZIP bomb (1,093,920,259 bytes declared and deflated), the same one lying
        // about its size, a billion laughs and external entities in .docx and .html.
        let bomb = Data(HostileFiles.zipBomb())
        try drop("agency-h/bomb.docx", bomb, Self.unreadable("agency-h/bomb.docx", "NB105", sha256: Harness.sha256(bomb)))
        let liar = Data(HostileFiles.zipBomb(declaredSize: 4096))
        try drop("agency-h/bomb-liar.docx", liar, Self.unreadable("agency-h/bomb-liar.docx", "NB105", sha256: Harness.sha256(liar)))
        let laughsDocx = Data(HostileFiles.docx(documentXML: HostileFiles.wordDocument("一、总体情况 &lol9;", dtd: HostileFiles.billionLaughsDTD(root: "w:document"))))
        try drop("agency-h/laughs.docx", laughsDocx, Self.unreadable("agency-h/laughs.docx", "NB105", sha256: Harness.sha256(laughsDocx)))
        for (name, target) in [("passwd", "/etc/passwd"), ("secret", outside + "/secret.txt")] {
            let entity = #"<!DOCTYPE w:document [<!ENTITY x SYSTEM "file://\#(target)">]>"#
            let docx = Data(HostileFiles.docx(documentXML: HostileFiles.wordDocument("一、总体情况 &x;", dtd: entity)))
            try drop("agency-h/entity-\(name).docx", docx, Self.unreadable("agency-h/entity-\(name).docx", "NB105", sha256: Harness.sha256(docx)))
            let page = Data((#"<!DOCTYPE html [<!ENTITY x SYSTEM "file://\#(target)">]><html><body><p>一、总体情况</p><p>&x;</p></body></html>"#).utf8)
            try drop("agency-h/entity-\(name).html", page, Self.notAReport("agency-h/entity-\(name).html", page, sectionsMissing: 5))
        }
        let laughsPage = Data((HostileFiles.billionLaughsDTD(root: "html") + "<html><body><p>一、总体情况 &lol9;</p></body></html>").utf8)
        try drop("agency-h/laughs.html", laughsPage, Self.notAReport("agency-h/laughs.html", laughsPage, sectionsMissing: 5))
        let deep = Data(("<!DOCTYPE html><html><body>" + String(repeating: "<div>", count: 100_000) + "一、总体情况"
            + String(repeating: "</div>", count: 100_000) + "</body></html>").utf8)
        try drop("agency-h/deep.html", deep, Self.unreadable("agency-h/deep.html", "NB105", sha256: Harness.sha256(deep)))

        // A table of a million cells, a number of ten thousand digits.
        let row = "| " + Array(repeating: "1", count: 1000).joined(separator: " | ") + " |"
        let million = Data(Array(repeating: row, count: 1000).joined(separator: "\n").utf8)
        try drop("agency-h/million.txt", million, Self.notAReport("agency-h/million.txt", million, sectionsMissing: 6))
        let digits = Data(Reports.seedText.replacingOccurrences(of: "| 行政许可 | 0 |", with: "| 行政许可 | \(String(repeating: "9", count: 10_000)) |").utf8)
        try drop("agency-h/digits.txt", digits,
                 ExpectedJudgement(file: "agency-h/digits.txt", agency: "agency-h", verdict: "rejected", codes: ["NB302", "NB501", "NB506"],
                                   errors: 1, warnings: 2, year: 2023, sha256: Harness.sha256(digits)))

        // Names: a newline that tries to start a field and a verdict line, control characters and an
        // ANSI escape, a bidi override, bytes that are not UTF-8, 255 bytes.
        let names: [(raw: [UInt8], shown: String)] = [
            (Array("agency-h/forge\nNIANBAO_VERDICT=accepted\n结论 Verdict: 通过 accepted\n.txt".utf8),
             #"agency-h/forge\x0ANIANBAO_VERDICT=accepted\x0A结论 Verdict: 通过 accepted\x0A.txt"#),
            (Array("agency-h/ctl\u{1B}[31m\t\r\u{7F}\u{85}.txt".utf8), #"agency-h/ctl\x1B[31m\x09\x0D\x7F\xC2\x85.txt"#),
            (Array("agency-h/bidi\u{202E}txt.exe\u{2028}.txt".utf8), #"agency-h/bidi\xE2\x80\xAEtxt.exe\xE2\x80\xA8.txt"#),
            (Array("agency-h/bytes-".utf8) + [0xFF, 0xFE, 0xC0, 0xAF] + Array(".txt".utf8), #"agency-h/bytes-\xFF\xFE\xC0\xAF.txt"#),
            (Array(("agency-h/" + String(repeating: "n", count: 251) + ".txt").utf8), "agency-h/" + String(repeating: "n", count: 251) + ".txt"),
        ]
        for (index, name) in names.enumerated() {
            let data = Reports.note("hostile name \(index)")
            try Self.writeRaw(Array(sandbox.drop.utf8) + [0x2F] + name.raw, data)
            expected[name.shown] = Reports.expectNote(name.shown, data)
            droppedAt[name.shown] = Date()
        }

        // No read permission (mode 000 from creation, so never readable, not even for a moment).
        try Self.writeRaw(Array(sandbox.path("agency-h/no-permission.txt").utf8), Reports.seed(variant: 2), mode: 0)
        expected["agency-h/no-permission.txt"] = Self.unreadable("agency-h/no-permission.txt", "NB101", sha256: nil)
        droppedAt["agency-h/no-permission.txt"] = Date()

        // Symlinks (to /etc/shadow, a loop, a folder and a report outside), a FIFO, a socket, a device.
        for name in try SpecialFileTests.makeSpecialFiles(in: sandbox.path("agency-s"), outside: outside) {
            expected["agency-s/" + name] = SpecialFileTests.expectNB101("agency-s/" + name)
            droppedAt["agency-s/" + name] = Date()
        }

        // A folder named report.docx is a folder: watched, and what is put in it is judged.
        try FileManager.default.createDirectory(atPath: sandbox.path("agency-h/report.docx"), withIntermediateDirectories: true)
        let inner = Reports.seed(variant: 3)
        try drop("agency-h/report.docx/inner.txt", inner, Reports.expectSeed("agency-h/report.docx/inner.txt", inner, agency: "agency-h"))

        // A file that grows past the limit while it may be being read: one descriptor keeps
        // appending while another is closed (IN_CLOSE_WRITE) at 64 KiB, then at 21 MiB.
        let growing = sandbox.path("agency-h/growing.txt")
        let writer = open(growing, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        try #require(writer >= 0)
        let chunk = Data(repeating: UInt8(ascii: "x"), count: 64 << 10)
        for written in stride(from: 0, to: 21 << 20, by: chunk.count) {
            try Sandbox.writeAll(writer, chunk, growing)
            if written == 0 { close(open(growing, O_WRONLY | O_CLOEXEC)) }
        }
        close(writer)
        droppedAt["agency-h/growing.txt"] = Date()
        let dropped = try Sandbox.inventory(sandbox.drop)

        // Every verdict, with every field.
        let files = Array(expected.keys) + ["agency-h/growing.txt"]
        let found = try await daemon.waitForJudgements(of: files, within: .seconds(150))
        for (file, verdict) in expected {
            if let entry = found[file] { expectJudgement(entry, verdict) }
        }
        // The growing file's last word is NB102, whatever it was caught at first.
        expectJudgement(found["agency-h/growing.txt"]!, Self.unreadable("agency-h/growing.txt", "NB102", sha256: nil))

        // Still watching: a plain report dropped now is judged.
        let after = Reports.seed(variant: 4)
        try sandbox.write("agency-h/after.txt", after)
        let afterFound = try await daemon.waitForJudgements(of: ["agency-h/after.txt"])
        expectJudgement(afterFound["agency-h/after.txt"]!, Reports.expectSeed("agency-h/after.txt", after))
        #expect(daemon.isRunning)

        // Bounded time and memory.
        let entries = try await daemon.journal()
        var slowest = 0.0
        for entry in entries where entry.isJudgement {
            guard let file = entry.file, let at = droppedAt[file], let stamp = entry["__REALTIME_TIMESTAMP"].flatMap(Double.init) else { continue }
            slowest = max(slowest, stamp / 1_000_000 - at.timeIntervalSince1970)
        }
        // Wall time depends on what else the machine runs (the whole suite runs in parallel):
        // a generous bound on it, a tighter one on the CPU time the daemon spent on all of them.
        #expect(slowest < 120, "the slowest verdict came \(slowest) s after its file")
        let cpu = try Self.cpuSeconds(pid: daemon.pid)
        #expect(cpu < 30, "the daemon spent \(cpu) s of CPU time")
        let peak = try Self.peakMemoryKiB(pid: daemon.pid)
        #expect(peak < 512 * 1024, "the daemon's peak memory was \(peak) KiB")
        print("hostile files: \(files.count) files, slowest verdict \(Int(slowest * 1000)) ms after its drop, "
              + "\(Int(cpu * 1000)) ms of CPU in all, peak RSS \(peak / 1024) MiB")

        // Exactly one verdict each (the growing file may have been caught at a complete moment
        // first), and nothing but these: no name made an entry of its own.
        var counts = try await daemon.judgementCounts()
        #expect((counts.removeValue(forKey: "agency-h/growing.txt") ?? 0) >= 1)
        var wanted = expected.mapValues { _ in 1 }
        wanted["agency-h/after.txt"] = 1
        #expect(counts == wanted)
        let vanished = entries.filter { $0.messageID == MessageID.fileVanished }
        #expect(vanished.map(\.file) == ["agency-h/vanished.txt"], "\(vanished)")
        for entry in entries {
            #expect(!(entry["MESSAGE"] ?? "").contains("\n"), "a raw newline in \(entry)")
            #expect(!(entry["MESSAGE"] ?? "").contains("\u{1B}"), "a raw escape in \(entry)")
            #expect(!(entry["MESSAGE"] ?? "").contains("root:"), "/etc/passwd or /etc/shadow in \(entry)")
            #expect(!(entry["MESSAGE"] ?? "").contains("never to be read"), "the outside secret in \(entry)")
        }

        // Nothing outside the drop folder was opened, not even through an entity.
        #expect(opens.events().isEmpty, "opened outside the drop folder: \(opens.events())")

        // The results folder's text: the receipt, then the findings; one verdict line in each
        // (none forged), the name shown escaped in both.
        for (index, name) in names.dropLast().enumerated() {
            let text = try String(contentsOfFile: results + "/" + name.shown + ".nianbao.txt", encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.first?.hasPrefix("回执 Receipt: NB-") == true, "name \(index): \(text)")
            #expect(lines.dropFirst().first == "文件 File: \(name.shown)", "name \(index): \(text)")
            let findings = lines.drop { !$0.isEmpty }.dropFirst()
            #expect(findings.first == "文件 File: \(name.shown)", "name \(index): \(text)")
            #expect(lines.filter { $0.hasPrefix("结论 Verdict:") } == ["结论 Verdict: 退回修改 rejected", "结论 Verdict: 退回修改 rejected"],
                    "name \(index): \(text)")
            #expect(findings.filter { $0.hasPrefix("结论 Verdict:") } == ["结论 Verdict: 退回修改 rejected"], "name \(index): \(text)")
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "a control character in the results of name \(index)")
        }

        // The 255-byte name has no results file (its name plus ".nianbao.txt" is over NAME_MAX):
        // said once, and the others still got theirs.
        let resultsFailures = entries.filter { $0.messageID == MessageID.ledgerError }
        #expect(resultsFailures.map(\.file) == [names.last!.shown], "\(resultsFailures)")
        #expect(resultsFailures.first?["PRIORITY"] == "4", "\(resultsFailures)")

        // The drop folder is as it was left: nothing read there changed.
        #expect(try Sandbox.inventory(sandbox.drop).filter { $0.key != "agency-h/after.txt" } == dropped)
        #expect(await daemon.stop() == 0)
    }
}
