import Testing
@testable import NianbaoCore
import ReportGenerator

/// Bytes that are no readable report: `unreadable` with the right 1xx code, one finding, and no
/// further rule run.
@Suite("Reading failures")
struct ReadingFailureTests {
    static func expectUnreadable(_ bytes: [UInt8], _ code: RuleCode, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let outcome = ReportChecker.check(bytes)
        #expect(outcome.verdict == .unreadable, "\(what): \(outcome.verdict.rawValue)", sourceLocation: sourceLocation)
        #expect(outcome.codes == [code.rawValue], "\(what): \(outcome.codes)", sourceLocation: sourceLocation)
        #expect(outcome.findings.count == 1, "\(what)", sourceLocation: sourceLocation)
        #expect(outcome.report == nil, "\(what)", sourceLocation: sourceLocation)
        #expect(outcome.findings.allSatisfy { !$0.message.isEmpty && !$0.messageEnglish.isEmpty }, sourceLocation: sourceLocation)
        let json = outcome.json(file: "f").serialized()
        #expect(json.contains(#""verdict":"unreadable""#) && json.contains(#""year":null"#), sourceLocation: sourceLocation)
    }

    @Test("an empty file is NB103")
    func empty() { Self.expectUnreadable([], .nb103, "empty") }

    @Test("documents of other types are NB103, judged by content")
    func otherTypes() {
        let tail = Array("一、总体情况 本年度共收到政府信息公开申请3件".utf8)
        Self.expectUnreadable(Array("%PDF-1.7\n%âãÏÓ\n".utf8) + tail, .nb103, "PDF")
        Self.expectUnreadable([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00] + tail, .nb103, "ZIP")
        Self.expectUnreadable([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0] + tail, .nb103, "OLE (.doc/.wps)")
        Self.expectUnreadable([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + tail, .nb103, "PNG")
        Self.expectUnreadable([0x1F, 0x8B, 0x08, 0x00] + tail, .nb103, "gzip")
        Self.expectUnreadable(Array("{\\rtf1\\ansi ".utf8) + tail, .nb103, "RTF")
    }

    @Test("every NB103 that says what to send instead names .docx, .pdf, .html and .txt, in Chinese and in English")
    func whatToSendNamesPDF() {
        let tail = Array("一、总体情况".utf8)
        let files: [(String, [UInt8])] = [
            ("empty", []), ("ZIP", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00] + tail),
            ("PNG", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + tail), ("RTF", Array("{\\rtf1\\ansi ".utf8) + tail),
            ("binary", (0..<400).map { UInt8(1 + $0 % 8) }),
        ]
        for (what, bytes) in files {
            let finding = ReportChecker.check(bytes).findings.first
            #expect(finding?.code == .nb103, "\(what)")
            #expect(finding?.message.hasSuffix("请将报告另存为.docx、.pdf、.html或.txt格式后重新提交") == true, "\(what): \(finding?.message ?? "")")
            #expect(finding?.messageEnglish.hasSuffix("save the report as .docx, .pdf, .html or .txt and submit again") == true,
                    "\(what): \(finding?.messageEnglish ?? "")")
        }
        let legacy = ReportChecker.check([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0] + tail).findings.first
        #expect(legacy?.message == "文件是旧版Word(.doc)或WPS(.wps)格式；请在Word或WPS中另存为.docx或.pdf后重新提交")
        #expect(legacy?.messageEnglish == "the file is a legacy Word (.doc) or WPS (.wps) document; save it as .docx or .pdf in Word or WPS and submit again")
    }

    @Test("binary junk is NB103", arguments: 0..<8)
    func binaryJunk(index: Int) {
        var rng = SplitMix64(seed: Seeds.seed(7, index))
        // NUL bytes at odd and even offsets: no text encoding writes that.
        var bytes = (0..<(512 + index * 100)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        bytes[11] = 0
        bytes[12] = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { bytes[0] = 0x01 }
        Self.expectUnreadable(bytes, .nb103, "junk \(index)")
    }

    @Test("valid UTF-8 that is mostly control characters is NB103")
    func controlCharacters() {
        let bytes = (0..<400).map { UInt8(1 + $0 % 8) } + Array("报告".utf8)
        Self.expectUnreadable(bytes, .nb103, "control characters")
    }

    @Test("text in no supported encoding is NB104")
    func undecodable() {
        let report = Array("一、总体情况\n本年度共收到政府信息公开申请3件。\n".utf8)
        // 0xFF is no lead byte in UTF-8 nor in GB18030.
        Self.expectUnreadable(report + [0xFF, 0xFF, 0x41, 0xFF] + report, .nb104, "invalid UTF-8 and GB18030")
        Self.expectUnreadable([0xEF, 0xBB, 0xBF] + report + [0xC3, 0x28], .nb104, "UTF-8 BOM, invalid UTF-8")
        Self.expectUnreadable([0xFF, 0xFE, 0x00, 0x4E, 0x41], .nb104, "UTF-16LE with an odd byte count")
        Self.expectUnreadable([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00], .nb104, "UTF-16LE with a lone surrogate")
    }
}
