import Foundation
import Testing

/// Issue 14: PDFs dropped into a running daemon are read (poppler runs in its process), and a
/// PDF the reader died on is judged NB105 after the restart instead of killing it again.
@Suite("nianbao watch: PDFs", .serialized)
struct PDFArrivalTests {
    static let seedPDF = try! Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/seed-2023.pdf"))

    @Test("a PDF is judged as the seed; the PDF a previous run died reading is NB105 and not read again")
    func pdfAndCrashedOne() async throws {
        try Journal.requirePrivateJournald()
        let sandbox = try Sandbox()
        // What a run that died inside the reader leaves behind: the digest of the bytes it read.
        var crashing = Self.seedPDF
        crashing.append(contentsOf: Array("\n% the copy that killed the reader\n".utf8))
        try FileManager.default.createDirectory(atPath: sandbox.state, withIntermediateDirectories: true)
        try Data(Harness.sha256(crashing).utf8).write(to: URL(fileURLWithPath: sandbox.state + "/reading-pdf"))

        let daemon = try await sandbox.startDaemon()
        try sandbox.write("agency-p/2023.pdf", Self.seedPDF)
        try sandbox.write("agency-p/crashed.pdf", crashing)
        let judged = try await daemon.waitForJudgements(of: ["agency-p/2023.pdf", "agency-p/crashed.pdf"])
        #expect(judged["agency-p/2023.pdf"]?["NIANBAO_VERDICT"] == "accepted_with_warnings")
        // The seed's NB501, and NB506 as the 2023 report arrives after its deadline.
        #expect(judged["agency-p/2023.pdf"]?["NIANBAO_CODES"] == "NB501 NB506")
        #expect(judged["agency-p/crashed.pdf"]?["NIANBAO_VERDICT"] == "unreadable")
        #expect(judged["agency-p/crashed.pdf"]?["NIANBAO_CODES"] == "NB105")
        #expect(judged["agency-p/crashed.pdf"]?["MESSAGE"]?.contains("读取这个PDF时阅读器异常退出") == true,
                "\(judged["agency-p/crashed.pdf"].map(String.init(describing:)) ?? "")")
        // Each read ends by removing its marker; the daemon keeps watching.
        #expect(!FileManager.default.fileExists(atPath: sandbox.state + "/reading-pdf"))
        #expect(await daemon.stop() == 0)
    }
}
