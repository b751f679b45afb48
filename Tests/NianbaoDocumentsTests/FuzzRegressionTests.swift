import Foundation
import NianbaoCore
import NianbaoDocuments
import ReportGenerator
import Testing

/// Inputs that crashed or hung a reader under the fuzzers (scripts/fuzz), kept in
/// Tests/Fixtures/fuzz-regressions/TARGET, each with the verdict it must get now. scripts/fuzz
/// also seeds each fuzzer with its folder, so they are replayed there under AddressSanitizer too.
@Suite("Fuzzer finds", .timeLimit(.minutes(1)))
struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz-regressions")

    static let unopenable = "文档已损坏：ZIP结构无法读取（文件不完整或已损坏）；请在Word或WPS中重新另存为.docx后提交"
    static let notInflated = "文档已损坏：正文部分无法解压（数据损坏）；请在Word或WPS中重新另存为.docx后提交"

    static let notWord = "文件是ZIP压缩包或Excel表格，不是Word文档；请将报告另存为.docx、.pdf、.html或.txt格式后重新提交"

    /// Each .docx find: the kind it is judged as, its one code and message (always unreadable).
    static let docx: [String: (kind: DocumentKind, code: String, message: String)] = [
        // The fuzzer's: the end record's directory offset past the end of the file. ZIPFoundation's
        // in-memory archive trapped on the read after seeking there (the daemon would have died).
        // Its mutations also hid `word/` from the sniffer, so a ZIP that does not open is a ZIP.
        "fuzzed-directory-offset.docx": (.zip, "NB103", notWord),
        // The same, and its siblings, made by hand from the seed .docx (word/document.xml's entry).
        "directory-past-end.docx": (.docx, "NB105", unopenable),
        "local-header-past-end.docx": (.docx, "NB105", notInflated),
        // ZIP64 offsets past 2^63: ZIPFoundation trapped converting them to off_t.
        "zip64-directory-offset-over-int64.docx": (.docx, "NB105", unopenable),
        "zip64-local-header-offset-over-int64.docx": (.docx, "NB105", notInflated),
    ]

    static func bytes(_ path: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: folder.appendingPathComponent(path)))
    }

    @Test("every find in the folder has its expectation here")
    func everyFindIsTested() throws {
        for target in ["docx", "html", "text"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: Self.folder.appendingPathComponent(target).path)) ?? []
            let known: Set<String> = target == "docx" ? Set(Self.docx.keys) : target == "html" ? ["cell-outlives-table.html"] : []
            #expect(Set(names) == known, "\(target): add an expectation for each new find")
        }
    }

    @Test("a .docx whose offsets point outside the file is unreadable, not a crash", arguments: docx.keys.sorted())
    func docxOffsets(name: String) throws {
        let outcome = DocumentReader.check(try Self.bytes("docx/" + name))
        let expected = Self.docx[name]!
        #expect(outcome.verdict == .unreadable)
        #expect(outcome.kind == expected.kind)
        #expect(outcome.findings.map(\.code.rawValue) == [expected.code])
        #expect(outcome.findings.map(\.message) == [expected.message])
    }

    @Test("a page that ends inside a table cell's tag (`<html><table><td`) gets its verdict, not an endless loop")
    func cellOutlivesTable() throws {
        // libxml2 ends the table of `<table><td` at the end of the input without ending the
        // cell; BlockAssembler.finish() closed open cells only inside an open table, and spun.
        let find = try Self.bytes("html/cell-outlives-table.html")
        #expect(find == Array("<html><table><td".utf8))
        #expect(try HTMLReader.read(find).get().document.printedBlocks.isEmpty)
        let outcome = DocumentReader.check(find)
        #expect(outcome.kind == .html)
        #expect(outcome.verdict == .rejected)
        #expect(outcome.codes == ["NB201", "NB203", "NB207"])
    }
}
