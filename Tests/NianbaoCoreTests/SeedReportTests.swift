import Foundation
import Testing
@testable import NianbaoCore
import ReportGenerator

/// The real report an agency sent (Tests/Fixtures/seed-2023.txt): accepted with one warning,
/// NB501 (its prose says 2 applications, table 三 says 3), and every figure as printed.
@Suite("Seed report")
struct SeedReportTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/seed-2023.txt").path

    static var text: String { try! String(contentsOfFile: path, encoding: .utf8) }

    /// Table 三 as printed in the seed: every row not listed is all zeros.
    static let nonZeroRows: [ApplicationRow: [Int]] = [
        .newReceived: [3, 0, 0, 0, 0, 0, 3],
        .granted: [1, 0, 0, 0, 0, 0, 1],
        .unavailableNotHeld: [1, 0, 0, 0, 0, 0, 1],
        .totalProcessed: [2, 0, 0, 0, 0, 0, 2],
        .carriedForward: [1, 0, 0, 0, 0, 0, 1],
    ]

    static let expectedFigures = #"{"table2":{"rules":{"issued":0,"repealed":0,"in_force":0},"normative_documents":{"issued":0,"repealed":0,"in_force":0},"licensing":0,"penalties":0,"enforcement":0,"fees":0},"table3":{"new_received":[3,0,0,0,0,0,3],"carried_over":[0,0,0,0,0,0,0],"granted":[1,0,0,0,0,0,1],"partially_granted":[0,0,0,0,0,0,0],"denied_state_secret":[0,0,0,0,0,0,0],"denied_prohibited_by_law":[0,0,0,0,0,0,0],"denied_three_safeties":[0,0,0,0,0,0,0],"denied_third_party":[0,0,0,0,0,0,0],"denied_internal_affairs":[0,0,0,0,0,0,0],"denied_process_info":[0,0,0,0,0,0,0],"denied_enforcement_files":[0,0,0,0,0,0,0],"denied_query_matter":[0,0,0,0,0,0,0],"unavailable_not_held":[1,0,0,0,0,0,1],"unavailable_needs_creation":[0,0,0,0,0,0,0],"unavailable_unclear":[0,0,0,0,0,0,0],"not_processed_petition":[0,0,0,0,0,0,0],"not_processed_repeat":[0,0,0,0,0,0,0],"not_processed_publication":[0,0,0,0,0,0,0],"not_processed_excessive":[0,0,0,0,0,0,0],"not_processed_confirmation":[0,0,0,0,0,0,0],"other_no_correction":[0,0,0,0,0,0,0],"other_unpaid_fee":[0,0,0,0,0,0,0],"other_other":[0,0,0,0,0,0,0],"total_processed":[2,0,0,0,0,0,2],"carried_forward":[1,0,0,0,0,0,1]},"table4":{"review":[0,0,0,0,0],"litigation_direct":[0,0,0,0,0],"litigation_after_review":[0,0,0,0,0]}}"#

    enum Variant: String, CaseIterable, CustomStringConvertible {
        case asSent, crlf, utf8BOM, utf16LE, utf16BE, gb18030, gb18030CRLF, utf16LECRLF
        var description: String { rawValue }

        func bytes(_ text: String) -> [UInt8] {
            let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
            switch self {
            case .asSent: return Array(text.utf8)
            case .crlf: return Array(crlf.utf8)
            case .utf8BOM: return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
            case .utf16LE: return [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            case .utf16BE: return [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            case .gb18030: return [UInt8](text.data(using: String.Encoding(rawValue: 0x8000_0632))!)
            case .gb18030CRLF: return [UInt8](crlf.data(using: String.Encoding(rawValue: 0x8000_0632))!)
            case .utf16LECRLF: return [0xFF, 0xFE] + crlf.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            }
        }
    }

    @Test("the seed, as sent and re-encoded, is accepted with exactly NB501 and every figure as printed",
          arguments: Variant.allCases)
    func seed(variant: Variant) throws {
        let bytes = variant.bytes(Self.text)
        if variant != .asSent { #expect(bytes != Array(Self.text.utf8)) }
        let outcome = ReportChecker.check(bytes)
        #expect(outcome.verdict == .acceptedWithWarnings)
        #expect(outcome.codes == ["NB501"])
        try #require(outcome.findings.count == 1)
        let finding = outcome.findings[0]
        #expect(finding.code == .nb501)
        #expect(finding.section == .one)
        #expect(finding.row == "new_received")
        #expect(finding.column == "total")
        #expect(finding.expected == .count(3))
        #expect(finding.actual == .count(2))
        #expect(finding.message.contains("2") && finding.message.contains("3"))

        let report = try #require(outcome.report)
        #expect(report.year.year == 2023)
        #expect(report.formatVersion == .v2021)
        #expect(report.sections == Section.allCases)
        #expect(report.headingOrder == Section.allCases)

        let applications = try #require(report.applications)
        for row in ApplicationRow.allCases {
            let expected = (Self.nonZeroRows[row] ?? Array(repeating: 0, count: 7)).map(CellValue.count)
            #expect(applications.rows[row]?.values == expected, "table 三 \(row.rawValue)")
        }
        #expect(applications.value(.newReceived, .total) == .count(3))

        let disclosure = try #require(report.disclosure)
        for item in DisclosureItem.allCases {
            let expected: [CellValue] = item == .fees ? [.amount(0)] : Array(repeating: .count(0), count: item.columns.count)
            #expect(disclosure.rows[item]?.values == expected, "table 二 \(item.rawValue)")
        }
        #expect(report.review?.data?.values == Array(repeating: .count(0), count: 15))
        #expect(report.review?.value(.review, .total) == .count(0))

        #expect(FigureComparison.figuresJSON(of: outcome)?.serialized() == Self.expectedFigures)
    }

    @Test("the seed's JSON object has the contract's keys in order")
    func seedJSON() throws {
        let json = ReportChecker.check(Array(Self.text.utf8)).json(file: "drop/agency-a/2023.txt")
        guard case .object(let members) = json else { Issue.record("not an object"); return }
        #expect(Array(members.map(\.0).prefix(7)) == ["file", "verdict", "year", "format_version", "sections", "findings", "figures"])
        let serialized = json.serialized()
        #expect(serialized.hasPrefix(#"{"file":"drop/agency-a/2023.txt","verdict":"accepted_with_warnings","year":2023,"format_version":"2021","sections":["一","二","三","四","五","六"],"findings":[{"code":"NB501","severity":"warning","section":"一","#))
        #expect(serialized.contains(#""row":"new_received","#))
        #expect(serialized.contains(#""column":"total","#))
        #expect(serialized.contains(#""expected":3,"actual":2,"#))
        // Parses as JSON.
        let parsed = try JSONSerialization.jsonObject(with: Data(serialized.utf8)) as? [String: Any]
        #expect(parsed?["year"] as? Int == 2023)
    }

    @Test("the seed with its prose corrected is accepted with no findings")
    func correctedSeed() {
        let corrected = Self.text.replacingOccurrences(of: "共受理政府信息公开申请2件", with: "共受理政府信息公开申请3件")
        #expect(corrected != Self.text)
        let outcome = ReportChecker.check(Array(corrected.utf8))
        #expect(outcome.verdict == .accepted)
        #expect(outcome.findings.isEmpty, "\(outcome.codes)")
    }
}
