import Foundation
import Testing

/// The optional feedback folder, and the promise never to write into the drop folder.
@Suite("nianbao watch: results folder; the drop folder is never touched")
struct ResultsFolderTests {
    @Test("--results-dir mirrors each judged file as .nianbao.txt and .nianbao.json; the drop folder is unchanged")
    func resultsFolder() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        let results = sandbox.root + "/results"
        // Some files before the start (the start-up scan), some after.
        // A broken balance (本年新收 4 instead of 3): its terms must reach the journal and the results folder.
        let balance = Data(String(decoding: Reports.seed, as: UTF8.self).replacingOccurrences(
            of: "| 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |",
            with: "| 一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |").utf8)
        #expect(balance != Reports.seed)
        let early: [String: Data] = ["agency-a/2023.txt": Reports.seed, "root-level.txt": Reports.rejected(variant: 1),
                                     "agency-c/balance.txt": balance]
        for (file, data) in early { try sandbox.write(file, data) }
        try sandbox.write("agency-a/.hidden", Data("never judged".utf8))
        let daemon = try await sandbox.startDaemon(["--results-dir", results])

        let late: [String: Data] = ["agency-b/sub/2023.txt": Reports.accepted(variant: 2), "agency-a/empty.docx": Data()]
        for (file, data) in late { try sandbox.renameIntoPlace(file, data) }
        let all = early.merging(late) { a, _ in a }
        let found = try await daemon.waitForJudgements(of: Array(all.keys))
        let dropBefore = try Sandbox.inventory(sandbox.drop)

        for (file, _) in all {
            let entry = found[file]!
            let base = results + "/" + file
            let json: [String: Any] = try await eventually("\(base).nianbao.json") {
                guard let data = FileManager.default.contents(atPath: base + ".nianbao.json"),
                      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return .notYet("missing") }
                return .done(object)
            }
            #expect(json["file"] as? String == file)
            #expect(json["verdict"] as? String == entry["NIANBAO_VERDICT"])
            let codes = Set(((json["findings"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String })
            #expect(codes.sorted().joined(separator: " ") == entry["NIANBAO_CODES"], "\(file): \(codes)")
            let text = try String(contentsOfFile: base + ".nianbao.txt", encoding: .utf8)
            // The receipt first (ReceiptRecheckTests checks every line of it), then the findings.
            #expect(text.hasPrefix("回执 Receipt: \(entry["NIANBAO_RECEIPT"] ?? "?")\n文件 File: \(file)\n"), "\(file): \(text.prefix(200))")
            #expect(text.contains("\n\n文件 File: \(file)\n结论 Verdict: "), "\(file): \(text.prefix(600))")
            #expect(text.contains("结论 Verdict: ") && text.contains(entry["NIANBAO_VERDICT"]!), "\(file): \(text.prefix(200))")
            for code in codes { #expect(text.contains(code), "\(code) missing from \(base).nianbao.txt") }
            if file == "agency-c/balance.txt" {
                // Issue 16: both sides term by term, in the journal message and the explanation.
                #expect((entry["MESSAGE"] ?? "").hasSuffix(
                    "NB403 表三“自然人”列：本年新收加上年结转应等于（七）总计加结转下年度：本年新收4 + 上年结转0 = 4，而（七）总计2 + 结转下年度1 = 3，相差1"),
                    "\(entry["MESSAGE"] ?? "")")
                #expect(text.contains("""
                      [NB403 错误 error] 表三“自然人”列：本年新收加上年结转应等于（七）总计加结转下年度
                          本年新收4 + 上年结转0 = 4
                          而（七）总计2 + 结转下年度1 = 3，相差1

                    """), "\(text)")
            }
        }
        // Nothing else in the results folder (no temporary files, nothing for the hidden file).
        var expectedResults = Set(all.keys.flatMap { [$0 + ".nianbao.txt", $0 + ".nianbao.json"] })
        for file in all.keys {
            var folder = (file as NSString).deletingLastPathComponent
            while !folder.isEmpty {
                expectedResults.insert(folder)
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        // And the office's page, kept current by the daemon (OfficeViewTests, ExportTests).
        expectedResults.insert("index.html")
        #expect(Set(try Sandbox.inventory(results).keys) == expectedResults)

        try await settle(sandbox, daemon)
        #expect(await daemon.stop() == 0)
        // Byte for byte what the test put there, and nothing more (the settle file aside).
        var dropAfter = try Sandbox.inventory(sandbox.drop)
        dropAfter[settleFile] = nil
        #expect(dropAfter == dropBefore)
        var expectedDrop = all.mapValues(Harness.sha256)
        expectedDrop["agency-a/.hidden"] = Harness.sha256(Data("never judged".utf8))
        for folder in ["agency-a", "agency-b", "agency-b/sub", "agency-c"] { expectedDrop[folder] = "folder" }
        #expect(dropAfter == expectedDrop)
    }
}
