import Foundation
import Glibc
import Testing

/// No journal socket (a developer's shell, a container): every entry goes to stderr as a line
/// with the same fields, and the status says "warning".
@Suite("nianbao watch: without a journal")
struct JournalUnavailableTests {
    @Test("with no journal socket, verdicts go to stderr with their fields and the state is warning")
    func journalUnavailable() async throws {
        // Run under the harness too: the check that nothing reached the journal needs the private one.
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let binary = try Harness.binary()
        // libsystemd always sends to /run/systemd/journal/socket: a fresh tmpfs on /run, in a mount
        // namespace of the daemon's own, makes it absent. unshare and sh exec, so the PID stays the daemon's.
        let daemon = try sandbox.launch("/usr/bin/unshare", [
            "--mount", "--propagation", "private", "/bin/sh", "-c", #"mount -t tmpfs -o mode=755 tmpfs /run && exec "$0" "$@""#,
            binary, "watch", "--drop", sandbox.drop, "--state-dir", sandbox.state, "--status-file", sandbox.statusFile,
            "--config", sandbox.configFile,
        ])
        let ready: [JournalRecord] = try await eventually("the ready line on stderr") {
            if let status = daemon.exitStatus { throw HarnessFailure("the daemon exited with \(status): \(daemon.stderr)") }
            let lines = FallbackLines.parse(daemon.stderr)
            return lines.contains { $0.messageID == MessageID.ready } ? .done(lines) : .notYet(daemon.stderr)
        }
        #expect(ready.first?.messageID == MessageID.started, "\(ready)")
        // Known from the start, not only after the first verdict.
        let early = try #require(try sandbox.status())
        #expect(early["state"] as? String == "warning", "\(early)")

        let data = Reports.seed
        try sandbox.renameIntoPlace("agency-a/2023.txt", data)
        let verdict: JournalRecord = try await eventually("the verdict line on stderr") {
            let line = FallbackLines.parse(daemon.stderr).first { $0.isJudgement }
            return line.map { .done($0) } ?? .notYet(daemon.stderr)
        }
        expectJudgement(verdict, Reports.expectSeed("agency-a/2023.txt", data), fromJournal: false)
        #expect(daemon.stderr.contains("<5> nianbao[MESSAGE_ID=\(MessageID.judgedWithWarnings)]: agency-a/2023.txt"), "\(daemon.stderr)")

        let status = try await waitForStatus(sandbox, "one report counted") {
            ($0["reports"] as? [String: Int])?["accepted_with_warnings"] == 1
        }
        #expect(status["state"] as? String == "warning", "\(status)")
        #expect((status["summary"] as? String)?.contains("journal") == true, "\(status)")
        let check = try await sandbox.statusCommand()
        #expect(check.status == 1, "\(check)")
        #expect(check.stdoutText.hasPrefix("NIANBAO WARNING - "), "\(check)")

        #expect(try await daemon.journal().isEmpty, "entries reached the journal")
        #expect(try LedgerFile(path: sandbox.ledgerPath).currentCounts() == ["agency-a/2023.txt": 1])
        #expect(await daemon.stop() == 0)
        #expect(FallbackLines.parse(daemon.stderr).contains { $0.messageID == MessageID.stopping })
    }
}
