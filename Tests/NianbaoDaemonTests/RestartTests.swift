import Foundation
import Testing

/// What a restart must neither lose nor repeat: the ledger remembers every judged file version.
@Suite("nianbao watch: restarts")
struct RestartTests {
    @Test("files that arrived while the daemon was stopped are judged at the next start, before READY")
    func arrivalsWhileStopped() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let first = try await sandbox.startDaemon()
        let kept = Reports.seed(variant: 1), changedBefore = Reports.seed(variant: 2)
        try sandbox.write("agency-a/kept.txt", kept)
        try sandbox.write("agency-a/changed.txt", changedBefore)
        try await first.waitForJudgements(of: ["agency-a/kept.txt", "agency-a/changed.txt"])
        #expect(await first.stop() == 0)
        #expect(try await first.journal().contains { $0.messageID == MessageID.stopping }, "no stopping entry")

        // While it is down: a new file, one renamed into place, a new agency, a changed file,
        // a temporary name.
        let written = Reports.seed(variant: 3), renamed = Reports.rejected(variant: 4)
        let newAgency = Reports.accepted(variant: 5), changedAfter = Reports.seed(variant: 6)
        try sandbox.write("agency-a/written.txt", written)
        try sandbox.renameIntoPlace("agency-a/renamed.txt", renamed)
        try sandbox.write("agency-new/2023.txt", newAgency)
        try sandbox.write("agency-a/changed.txt", changedAfter)
        try sandbox.write("agency-a/upload.part", Reports.seed(variant: 7))

        let second = try await sandbox.startDaemon()
        let entries = try await second.journal()
        let judged = entries.filter(\.isJudgement)
        // journalctl lists one process's entries in the order they were sent.
        let ready = try #require(entries.firstIndex { $0.messageID == MessageID.ready })
        let started = try #require(entries.firstIndex { $0.messageID == MessageID.started })
        let verdicts = entries.indices.filter { entries[$0].isJudgement }
        #expect(verdicts.allSatisfy { $0 > started && $0 < ready }, "a verdict came after READY: \(entries)")
        let byFile = Dictionary(grouping: judged, by: { $0.file ?? "?" })
        #expect(byFile.mapValues(\.count) == ["agency-a/written.txt": 1, "agency-a/renamed.txt": 1, "agency-new/2023.txt": 1,
                                              "agency-a/changed.txt": 1])
        if let entry = byFile["agency-a/written.txt"]?.first { expectJudgement(entry, Reports.expectSeed("agency-a/written.txt", written)) }
        if let entry = byFile["agency-a/renamed.txt"]?.first { expectJudgement(entry, Reports.expectRejected("agency-a/renamed.txt", renamed)) }
        if let entry = byFile["agency-new/2023.txt"]?.first { expectJudgement(entry, Reports.expectAccepted("agency-new/2023.txt", newAgency)) }
        if let entry = byFile["agency-a/changed.txt"]?.first { expectJudgement(entry, Reports.expectSeed("agency-a/changed.txt", changedAfter)) }

        try await settle(sandbox, second)
        #expect(try await second.judgementCounts()["agency-a/kept.txt"] == nil, "an unchanged file was judged again")
        let ledger = LedgerFile(path: sandbox.ledgerPath)
        #expect(try ledger.currentCounts() == ["agency-a/kept.txt": 1, "agency-a/changed.txt": 1, "agency-a/written.txt": 1,
                                               "agency-a/renamed.txt": 1, "agency-new/2023.txt": 1, settleFile: 1])
        #expect(try ledger.versionCounts()["agency-a/changed.txt"] == 2)
        #expect(await second.stop() == 0)
    }

    @Test("a restart with nothing new judges nothing, and the status counts survive it")
    func restartWithNothingNew() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let first = try await sandbox.startDaemon()
        try sandbox.write("agency-a/2023.txt", Reports.seed)
        try sandbox.renameIntoPlace("agency-b/2023.txt", Reports.rejected(variant: 1))
        try sandbox.write("agency-c/empty.docx", Data())
        try await first.waitForJudgements(of: ["agency-a/2023.txt", "agency-b/2023.txt", "agency-c/empty.docx"])
        let expectedCounts = ["accepted": 0, "accepted_with_warnings": 1, "rejected": 1, "unreadable": 1]
        try await waitForStatus(sandbox, "the three verdicts counted") { ($0["reports"] as? [String: Int]) == expectedCounts }
        #expect(await first.stop() == 0)

        for restart in 1...2 {
            let again = try await sandbox.startDaemon()
            let entries = try await again.journal()
            #expect(entries.filter(\.isJudgement).isEmpty, "restart \(restart) judged again: \(entries.filter(\.isJudgement))")
            #expect(entries.contains { $0.messageID == MessageID.started })
            // The status written before READY already counts what the ledger knows.
            let status = try #require(try sandbox.status())
            #expect((status["reports"] as? [String: Int]) == expectedCounts, "restart \(restart): \(status)")
            #expect(status["pending"] as? Int == 0)
            #expect(status["state"] as? String == "ok")
            #expect(await again.stop() == 0)
            #expect(try await again.judgements().isEmpty, "restart \(restart) judged something before stopping")
        }
        #expect(try LedgerFile(path: sandbox.ledgerPath).rows().count == 3)
    }
}

/// Polls the status file until `condition` holds; returns it.
@discardableResult
func waitForStatus(_ sandbox: Sandbox, _ what: String, within limit: Duration = .seconds(20), sourceLocation: SourceLocation = #_sourceLocation,
                   _ condition: @escaping ([String: Any]) -> Bool) async throws -> [String: Any] {
    try await eventually("status file: \(what)", within: limit, sourceLocation: sourceLocation) {
        guard let status = try? sandbox.status() else { return .notYet("no (readable) status file at \(sandbox.statusFile)") }
        return condition(status) ? .done(status) : .notYet("\(status)")
    }
}
