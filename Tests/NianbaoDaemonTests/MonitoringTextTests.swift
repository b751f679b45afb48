import Foundation
import Testing

/// `nianbao status` is a monitoring plugin: in its text part, `|` starts the performance data
/// (Nagios, Icinga), so a file name must never put one there.
@Suite("nianbao status: a file name cannot forge performance data")
struct MonitoringTextTests {
    @Test("a '|' in the last file's name is escaped in the text part; the only '|' is the perfdata separator")
    func pipeInFileName() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let daemon = try await sandbox.startDaemon()
        let file = "agency-a/x| rejected=0;1;1 accepted=999.txt"
        try sandbox.write(file, Reports.rejected())
        try await daemon.waitForJudgements(of: [file])
        try await waitForStatus(sandbox, "the file counted") { ($0["last"] as? [String: Any])?["file"] as? String == file }

        let result = try await sandbox.statusCommand()
        let line = result.stdoutText.trimmingCharacters(in: .newlines)
        #expect(result.status == 0, "\(result)")
        #expect(line.filter { $0 == "|" }.count == 1, "\(line)")
        #expect(line.contains(#"last: agency-a/x\x7C rejected=0;1;1 accepted=999.txt rejected"#), "\(line)")
        let perfdata = try #require(line.split(separator: "|", maxSplits: 1).last)
        #expect(perfdata == " accepted=0 accepted_with_warnings=0 rejected=1 unreadable=0 pending=0", "\(line)")
        #expect(await daemon.stop() == 0)
    }
}
