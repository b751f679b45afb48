import Foundation
import Glibc
import Testing

/// The state folder cleaned up under a running daemon, and folders nested past the depth limit.
@Suite("nianbao watch: state folder removed, folders too deep")
struct StateFolderRemovedTests {
    @Test("the state folder and the status file's folder removed while running: the ledger and the status file are recreated, nothing lost")
    func stateFolderRemoved() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let daemon = try await sandbox.startDaemon()
        let before = Reports.seed(variant: 1), after = Reports.seed(variant: 2)
        try sandbox.write("agency-a/before.txt", before)
        try await daemon.waitForJudgements(of: ["agency-a/before.txt"])

        try FileManager.default.removeItem(atPath: sandbox.state)
        try FileManager.default.removeItem(atPath: (sandbox.statusFile as NSString).deletingLastPathComponent)
        try sandbox.write("agency-a/after.txt", after)
        try await daemon.waitForJudgements(of: ["agency-a/after.txt"])
        let restored: [String: Int] = try await eventually("the ledger back on disk with both files", within: .seconds(10)) {
            guard let counts = try? LedgerFile(path: sandbox.ledgerPath).currentCounts() else { return Probe.notYet("no ledger file") }
            return counts.count == 2 ? .done(counts) : .notYet("\(counts)")
        }
        #expect(restored == ["agency-a/before.txt": 1, "agency-a/after.txt": 1])
        try await waitForStatus(sandbox, "the status file back, counting both") { ($0["reports"] as? [String: Int])?.values.reduce(0, +) == 2 }
        #expect(await daemon.stop() == 0)
        #expect(try LedgerFile(path: sandbox.ledgerPath).integrityCheck() == ["ok"])

        // Persisted for real: a restart judges nothing again.
        let second = try await sandbox.startDaemon()
        try await settle(sandbox, second)
        #expect(try await second.judgementCounts() == [settleFile: 1])
        #expect(await second.stop() == 0)
    }

    @Test("a file nested deeper than the depth limit (32 folders) is reported at once, naming the folder")
    func tooDeep() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let daemon = try await sandbox.startDaemon()
        let folders = (1...33).map { "d\($0)" }
        let deep = "agency-a/" + folders.joined(separator: "/")
        try sandbox.write(deep + "/2023.txt", Reports.seed)
        // The folder at depth 32 is not looked into; the safety rescan is 10 minutes away.
        let limit = "agency-a/" + folders.prefix(31).joined(separator: "/")
        let entry = try await daemon.waitForEntry("a warning naming the folder at the depth limit", within: .seconds(10)) {
            $0["PRIORITY"] == "4" && ($0["NIANBAO_FILE"]?.hasPrefix(limit) ?? false)
        }.first { $0["PRIORITY"] == "4" && ($0["NIANBAO_FILE"]?.hasPrefix(limit) ?? false) }!
        #expect(entry["MESSAGE"]?.contains("32") == true, "\(entry)")
        #expect(await daemon.stop() == 0)
    }
}
