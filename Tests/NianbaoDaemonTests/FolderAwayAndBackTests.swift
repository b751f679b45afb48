import Foundation
import Glibc
import Testing

/// What clerks do to folders and permissions after an upload: a folder moved away (or renamed to a
/// temporary name) and back, a permission fixed with chmod.
@Suite("nianbao watch: folders away and back, permissions fixed")
struct FolderAwayAndBackTests {
    @Test("a folder moved away and back, or renamed to a temporary name and back: unchanged files are not judged again; a changed one is",
          arguments: ["moved out of the drop folder", "renamed to a temporary name"])
    func folderAwayAndBack(how: String) async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let daemon = try await sandbox.startDaemon()
        let kept = Reports.seed(variant: 1), changed = Reports.seed(variant: 2), changedAgain = Reports.seed(variant: 3)
        try sandbox.write("agency-a/kept.txt", kept)
        try sandbox.write("agency-a/changed.txt", changed)
        try await daemon.waitForJudgements(of: ["agency-a/kept.txt", "agency-a/changed.txt"])

        let away = how == "moved out of the drop folder" ? sandbox.root + "/agency-a-away" : sandbox.path("agency-a.tmp")
        try Sandbox.rename(sandbox.path("agency-a"), away)
        try await waitForStatus(sandbox, "nothing counted while away") { ($0["reports"] as? [String: Int])?.values.reduce(0, +) == 0 }
        try Sandbox.writeFile(away + "/changed.txt", changedAgain)
        try Sandbox.rename(away, sandbox.path("agency-a"))
        let found = try await daemon.waitForJournal("the changed file judged again") { entries in
            entries.filter { $0.isJudgement && $0.file == "agency-a/changed.txt" }.count == 2 ? entries : nil
        }
        expectJudgement(found.last { $0.file == "agency-a/changed.txt" }!, Reports.expectSeed("agency-a/changed.txt", changedAgain))
        try await settle(sandbox, daemon)
        #expect(try await daemon.judgementCounts() == ["agency-a/kept.txt": 1, "agency-a/changed.txt": 2, settleFile: 1])
        try await waitForStatus(sandbox, "both counted again") { ($0["reports"] as? [String: Int])?.values.reduce(0, +) == 3 }
        #expect(try LedgerFile(path: sandbox.ledgerPath).currentCounts() == ["agency-a/kept.txt": 1, "agency-a/changed.txt": 1, settleFile: 1])
        #expect(await daemon.stop() == 0)
    }

    @Test("a file that could not be read is judged again as soon as its permission is fixed with chmod")
    func permissionFixed() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        // As the service: root without CAP_DAC_OVERRIDE honours permission bits.
        let daemon = try await sandbox.startDaemon(wrapper: HostileArrivalTests.withoutDACOverride)
        let data = Reports.seed
        try FileManager.default.createDirectory(atPath: sandbox.path("agency-a"), withIntermediateDirectories: true)
        try HostileArrivalTests.writeRaw(Array(sandbox.path("agency-a/2023.txt").utf8), data, mode: 0)
        let first = try await daemon.waitForJudgements(of: ["agency-a/2023.txt"])
        #expect(first["agency-a/2023.txt"]?["NIANBAO_VERDICT"] == "unreadable", "\(first)")

        try #require(chmod(sandbox.path("agency-a/2023.txt"), 0o644) == 0)
        // The safety rescan is 10 minutes away: only IN_ATTRIB tells.
        let again = try await daemon.waitForJournal("judged again after chmod", within: .seconds(10)) { entries in
            entries.filter { $0.isJudgement && $0.file == "agency-a/2023.txt" }.count == 2 ? entries : nil
        }
        expectJudgement(again.last { $0.file == "agency-a/2023.txt" }!, Reports.expectSeed("agency-a/2023.txt", data))
        #expect(await daemon.stop() == 0)
    }
}
