import Foundation
import Glibc
import Testing

/// SIGHUP re-reads the TOML configuration; a bad one is refused and the old one stays.
@Suite("nianbao watch: reload")
struct ReloadTests {
    static func expectTooLarge(_ file: String) -> ExpectedJudgement {
        // Never read, so no digest.
        ExpectedJudgement(file: file, agency: Reports.agencyOf(file), verdict: "unreadable", codes: ["NB102"], errors: 1, warnings: 0,
                          year: nil, sha256: nil)
    }

    @Test("SIGHUP with a good configuration applies it; with a bad one it is refused and the old one stays")
    func reload() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        try sandbox.writeConfig("# a test configuration\nmax_file_bytes = 1048576\n")
        let daemon = try await sandbox.startDaemon()
        let seed = Reports.seed
        #expect(seed.count > 1000)
        try sandbox.write("agency-a/before.txt", seed)
        let before = try await daemon.waitForJudgements(of: ["agency-a/before.txt"])
        expectJudgement(before["agency-a/before.txt"]!, Reports.expectSeed("agency-a/before.txt", seed))

        // A good configuration: a small size limit.
        try sandbox.writeConfig("max_file_bytes = 1000\n")
        daemon.signal(SIGHUP)
        let reloaded = try await daemon.waitForEntry("a reloaded entry") { $0.messageID == MessageID.reloaded }
            .first { $0.messageID == MessageID.reloaded }!
        #expect(reloaded["MESSAGE"]?.contains("max_file_bytes 1000") == true, "\(reloaded)")
        #expect(reloaded["SYSLOG_IDENTIFIER"] == "nianbao")
        try sandbox.write("agency-a/big.txt", Reports.seed(variant: 1))
        let big = try await daemon.waitForJudgements(of: ["agency-a/big.txt"])
        expectJudgement(big["agency-a/big.txt"]!, Self.expectTooLarge("agency-a/big.txt"))

        // Bad configurations: an unknown key (with a larger limit), then text that is not TOML.
        let bad = [("max_file_bytes = 1048576\nmax_file_byte = 5\n", "max_file_byte"), ("max_file_bytes = [[[\n", "TOML")]
        for (index, (text, mentioned)) in bad.enumerated() {
            try sandbox.writeConfig(text)
            daemon.signal(SIGHUP)
            let refused = try await daemon.waitForJournal("reloadRefused entry \(index + 1)") { entries in
                let refusals = entries.filter { $0.messageID == MessageID.reloadRefused }
                return refusals.count > index ? refusals[index] : nil
            }
            #expect(refused["MESSAGE"]?.contains(mentioned) == true, "\(refused)")
            #expect(refused["PRIORITY"] == "3", "\(refused)")
            // Still watching, still with the old limit.
            let file = "agency-b/big-\(index).txt"
            try sandbox.renameIntoPlace(file, Reports.seed(variant: 2 + index))
            let judged = try await daemon.waitForJudgements(of: [file])
            expectJudgement(judged[file]!, Self.expectTooLarge(file))
        }
        let small = Reports.note("small")
        try sandbox.write("agency-b/small.txt", small)
        let smallJudged = try await daemon.waitForJudgements(of: ["agency-b/small.txt"])
        expectJudgement(smallJudged["agency-b/small.txt"]!, Reports.expectNote("agency-b/small.txt", small))

        let entries = try await daemon.journal()
        #expect(entries.filter { $0.messageID == MessageID.reloaded }.count == 1)
        #expect(entries.filter { $0.messageID == MessageID.reloadRefused }.count == 2)
        #expect(daemon.isRunning)
        #expect(await daemon.stop() == 0)
    }

    /// The office raises a limit an agency's report was too large for: the report is judged at
    /// the next rescan, late or on time by when it arrived, not by the reload.
    @Test("a report too large for the limit, judged once a reload raises it, keeps its arrival; new bytes under an old mtime do not")
    func raisedLimitKeepsArrival() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        try sandbox.writeConfig("max_file_bytes = 1000\nsafety_rescan_seconds = 1\n")
        let daemon = try await sandbox.startDaemon()
        let kept = "agency-a/report.txt", replaced = "agency-b/report.txt"
        try sandbox.write(kept, Reports.seed)
        try sandbox.write(replaced, Reports.seed(variant: 1))
        let tooLarge = try await daemon.waitForJudgements(of: [kept, replaced])
        for file in [kept, replaced] { expectJudgement(tooLarge[file]!, Self.expectTooLarge(file)) }
        let keptArrival = try StartupArrivalTests.arrival(sandbox.ledgerPath, kept).arrivedAtMs
        let firstArrival = try StartupArrivalTests.arrival(sandbox.ledgerPath, replaced).arrivedAtMs

        // agency-b uploads new bytes, still too large (so no new verdict), under an mtime from
        // before its first arrival, as `cp -p` and Samba clients leave it.
        let replacedAt = Int64(Date().timeIntervalSince1970 * 1000)
        #expect(replacedAt > firstArrival)
        let newBytes = Reports.seed(variant: 2)
        try sandbox.write(replaced, newBytes)
        var times = [timespec(tv_sec: 1_700_000_000, tv_nsec: 0), timespec(tv_sec: 1_700_000_000, tv_nsec: 0)]
        try #require(utimensat(AT_FDCWD, sandbox.path(replaced), &times, 0) == 0)

        try sandbox.writeConfig("max_file_bytes = 1048576\nsafety_rescan_seconds = 1\n")
        daemon.signal(SIGHUP)
        try await daemon.waitForEntry("a reloaded entry") { $0.messageID == MessageID.reloaded }
        let judged = try await daemon.waitForJournal("both files judged again") { entries in
            let again = entries.filter { $0.isJudgement && [kept, replaced].contains($0.file ?? "") }
            return again.count >= 4 ? again : nil
        }
        #expect(judged.count == 4)
        let latest = Dictionary(judged.map { ($0.file!, $0) }, uniquingKeysWith: { $1 })
        expectJudgement(latest[kept]!, Reports.expectSeed(kept, Reports.seed))
        expectJudgement(latest[replaced]!, Reports.expectSeed(replaced, newBytes))
        #expect(try StartupArrivalTests.arrival(sandbox.ledgerPath, kept).arrivedAtMs == keptArrival)
        let replacedArrival = try StartupArrivalTests.arrival(sandbox.ledgerPath, replaced).arrivedAtMs
        #expect(replacedArrival >= replacedAt, "arrived \(replacedArrival), replaced at \(replacedAt), first arrival \(firstArrival)")
        #expect(await daemon.stop() == 0)
    }
}
