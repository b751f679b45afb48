import Testing
@testable import NianbaoCore

/// Issue 16, items 1 and 2: every arithmetic finding shows both sides term by term (a blank as
/// 空白, never 0), and blanks that numbers could fill are NB303 questions, not NB4xx errors.
/// Each case edits one or two cells of the seed report (which always keeps its NB501).
@Suite("Relations: terms shown, blanks decided")
struct RelationTermsTests {
    static let seed = SeedReportTests.text

    static func check(_ edits: [(String, String)]) -> CheckOutcome {
        var text = seed
        for (old, new) in edits {
            precondition(text.contains(old), "the seed has no \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return ReportChecker.check(Array(text.utf8))
    }

    static let reviewRow = "| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | "

    /// The arithmetic findings (and NB303 about relations: those with a `terms`), without NB501.
    static func relationFindings(_ outcome: CheckOutcome) -> [Finding] {
        outcome.findings.filter { $0.terms != nil }
    }

    @Test("a broken balance says both sides term by term, in the message, in English and as terms in JSON")
    func brokenBalanceShowsTerms() throws {
        let outcome = Self.check([("| 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |",
                                   "| 一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |")])
        #expect(outcome.verdict == .rejected)
        #expect(outcome.codes == ["NB403", "NB501"])
        let balances = outcome.findings.filter { $0.code == .nb403 }
        #expect(balances.map(\.column) == ["natural_person", "total"])
        let balance = try #require(balances.first)
        #expect(balance.message == "表三“自然人”列：本年新收加上年结转应等于（七）总计加结转下年度：本年新收4 + 上年结转0 = 4，而（七）总计2 + 结转下年度1 = 3，相差1")
        #expect(balance.messageEnglish == "table 三 natural_person: new_received + carried_over must equal total_processed + carried_forward: new_received 4 + carried_over 0 = 4, but total_processed 2 + carried_forward 1 = 3, a difference of 1")
        #expect(balance.expected == .count(4) && balance.actual == .count(3))
        #expect(balance.json.serialized().hasSuffix(
            #","terms":{"left":[{"row":"new_received","column":"natural_person","label":"一、本年新收政府信息公开申请数量","value":4},{"row":"carried_over","column":"natural_person","label":"二、上年结转政府信息公开申请数量","value":0}],"right":[{"row":"total_processed","column":"natural_person","label":"(七)总计","value":2},{"row":"carried_forward","column":"natural_person","label":"四、结转下年度继续办理","value":1}]}}"#),
            "\(balance.json.serialized())")
        // The clerk text (the results folder's explanation) carries the same sides, each on its line.
        #expect(outcome.clerkText(file: "x.txt").contains("""
              [NB403 错误 error] 表三“自然人”列：本年新收加上年结转应等于（七）总计加结转下年度
                  本年新收4 + 上年结转0 = 4
                  而（七）总计2 + 结转下年度1 = 3，相差1

            """))
    }

    @Test("an outcome total shows the non-zero and blank rows and how many zero rows were left out")
    func outcomeTotalLeavesOutZeros() throws {
        // （一）予以公开/自然人 2: parts 3, total 2; the row total breaks too (parts 2, total 1).
        let outcome = Self.check([("| 三、本年度办理结果 | (一)予以公开 | 1 |", "| 三、本年度办理结果 | (一)予以公开 | 2 |")])
        #expect(outcome.codes == ["NB401", "NB402", "NB501"])
        let outcomeTotal = try #require(outcome.findings.first { $0.code == .nb402 })
        #expect(outcomeTotal.message == "表三“自然人”列的“（七）总计”应等于（一）至（六）各项办理结果之和：（一）予以公开2 + （四）1.本机关不掌握相关政府信息1 = 3（其余19项为0），而（七）总计2，相差1")
        #expect(outcomeTotal.messageEnglish == "table 三 natural_person: total_processed must equal the sum of the 22 outcome rows: granted 2 + unavailable_not_held 1 = 3 (19 others are 0), but total_processed 2, a difference of 1")
        #expect(outcomeTotal.terms?.left.count == 21, "JSON lists every term, zeros too")
        let rowTotal = try #require(outcome.findings.first { $0.code == .nb401 })
        #expect(rowTotal.message == "表三“(一)予以公开”行的“总计”应等于六类申请人之和：自然人2 + 商业企业0 + 科研机构0 + 社会公益组织0 + 法律服务机构0 + 其他0 = 2，而总计1，相差1")
        #expect(rowTotal.messageEnglish == "table 三 granted: total must equal the sum of the six applicant columns: natural_person 2 + commercial 0 + research 0 + social_welfare 0 + legal_services 0 + other 0 = 2, but total 1, a difference of 1")
    }

    @Test("the issue's example: 1.本机关不掌握相关政府信息's 总计 left blank is a question about the blank, not NB401/NB402")
    func blankTotalOfNotHeld() throws {
        let outcome = Self.check([("| 1.本机关不掌握相关政府信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |", "| 1.本机关不掌握相关政府信息 | 1 | 0 | 0 | 0 | 0 | 0 |  |")])
        #expect(outcome.verdict == .acceptedWithWarnings)
        #expect(outcome.codes == ["NB303", "NB501"])
        let relations = Self.relationFindings(outcome)
        #expect(relations.map(\.code) == [.nb303, .nb303])
        #expect(relations.map { "\($0.row ?? "-")/\($0.column ?? "-")" } == ["unavailable_not_held/total", "total_processed/total"])
        #expect(relations[0].message == "表三“1.本机关不掌握相关政府信息”行的“总计”应等于六类申请人之和：自然人1 + 商业企业0 + 科研机构0 + 社会公益组织0 + 法律服务机构0 + 其他0 = 1，而总计空白。空白的总计填1即可成立；空白不按0计，请填写实际数字（没有发生填0）")
        #expect(relations[0].messageEnglish == "table 三 unavailable_not_held: total must equal the sum of the six applicant columns: natural_person 1 + commercial 0 + research 0 + social_welfare 0 + legal_services 0 + other 0 = 1, but total blank; total = 1 would make it hold; blanks are not read as 0, fill them in")
        #expect(relations[1].message == "表三“总计”列的“（七）总计”应等于（一）至（六）各项办理结果之和：（一）予以公开1 + （四）1.本机关不掌握相关政府信息空白 = 1（空白未计，其余19项为0），而（七）总计2。空白的（四）1.本机关不掌握相关政府信息填1即可成立；空白不按0计，请填写实际数字（没有发生填0）")
        #expect(relations[0].json.serialized().hasSuffix(#""right":[{"row":"unavailable_not_held","column":"total","label":"总计","value":null}]}}"#),
                "a blank term is null, never 0: \(relations[0].json.serialized())")
        #expect(relations.allSatisfy { $0.expected == nil && $0.actual == nil })
    }

    /// One blank cell in each of the four relations, on each side: (edit, the relation findings
    /// as code row/column, and the advice each gives).
    static let blankCases: [(name: String, edits: [(String, String)], findings: [String], advice: [String])] = [
        ("NB401/NB402 part: （一）予以公开/自然人 blank", [("| (一)予以公开 | 1 |", "| (一)予以公开 |  |")],
         ["NB303 granted/total", "NB303 total_processed/natural_person"],
         ["空白的自然人填1即可成立", "空白的（一）予以公开填1即可成立"]),
        ("NB402 total and NB403 right: （七）总计/自然人 blank", [("| (七)总计 | 2 |", "| (七)总计 |  |")],
         ["NB303 total_processed/total", "NB303 total_processed/natural_person", "NB303 -/natural_person"],
         ["空白的自然人填2即可成立", "空白的（七）总计填2即可成立", "空白的（七）总计填2即可成立"]),
        ("NB403 left: 上年结转/自然人 blank", [("| 二、上年结转政府信息公开申请数量 | 0 |", "| 二、上年结转政府信息公开申请数量 |  |")],
         ["NB303 carried_over/total", "NB303 -/natural_person"],
         ["空白的自然人填0即可成立", "空白的上年结转填0即可成立"]),
        ("NB403 right: 结转下年度/自然人 blank", [("| 四、结转下年度继续办理 | 1 |", "| 四、结转下年度继续办理 |  |")],
         ["NB303 carried_forward/total", "NB303 -/natural_person"],
         ["空白的自然人填1即可成立", "空白的结转下年度填1即可成立"]),
        ("NB404 part: 行政复议 结果维持 blank", [(reviewRow, "|  | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ")],
         ["NB303 review/total"], ["空白的结果维持填0即可成立"]),
        ("NB404 total: 复议后起诉 总计 blank", [(reviewRow, "| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |  | ")],
         ["NB303 litigation_after_review/total"], ["空白的总计填0即可成立"]),
        ("NB404 part, two blanks that can only be 0", [(reviewRow, "| 0 | 0 | 0 | 0 | 0 | 0 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ")],
         ["NB303 litigation_direct/total"], ["空白的结果纠正、其他结果只能都是0"]),
        ("NB403 both sides blank: any value fits", [("| 一、本年新收政府信息公开申请数量 | 3 |", "| 一、本年新收政府信息公开申请数量 |  |"),
                                                  ("| 四、结转下年度继续办理 | 1 |", "| 四、结转下年度继续办理 |  |")],
         ["NB303 new_received/total", "NB303 carried_forward/total", "NB303 -/natural_person"],
         ["空白的自然人填3即可成立", "空白的自然人填1即可成立", "空白的本年新收、结转下年度填入合适的数字可以成立"]),
        ("NB401 two blanks, several values fit", [("| 一、本年新收政府信息公开申请数量 | 3 | 0 |", "| 一、本年新收政府信息公开申请数量 |  |  |")],
         ["NB303 new_received/total", "NB303 -/natural_person", "NB303 -/commercial"],
         ["空白的自然人、商业企业填入合适的数字可以成立", "空白的本年新收填3即可成立", "空白的本年新收填0即可成立"]),
    ]

    @Test("a blank in each relation, on each side, is NB303 naming the blank and the value that fits", arguments: 0..<blankCases.count)
    func blankInRelation(_ index: Int) {
        let (name, edits, expected, advice) = Self.blankCases[index]
        let outcome = Self.check(edits)
        #expect(outcome.verdict == .acceptedWithWarnings, "\(name)")
        #expect(!outcome.codes.contains { $0.hasPrefix("NB4") }, "\(name): \(outcome.codes)")
        let relations = Self.relationFindings(outcome)
        #expect(relations.map { "\($0.code.rawValue) \($0.row ?? "-")/\($0.column ?? "-")" } == expected, "\(name)")
        #expect(relations.count == advice.count, "\(name)")
        for (finding, phrase) in zip(relations, advice) {
            #expect(finding.message.contains("。\(phrase)；"), "\(name): \(finding.message)")
        }
    }

    @Test("the error stands when no number in the blank could make the relation hold, and shows the blank")
    func errorStandsWhenNoValueFits() throws {
        // （一）予以公开: 自然人 2, 商业企业 blank, 总计 1: the parts already exceed the total.
        let outcome = Self.check([("| (一)予以公开 | 1 | 0 |", "| (一)予以公开 | 2 |  |")])
        #expect(outcome.verdict == .rejected)
        let relations = Self.relationFindings(outcome)
        #expect(relations.map { "\($0.code.rawValue) \($0.row ?? "-")/\($0.column ?? "-")" }
                == ["NB303 total_processed/commercial", "NB401 granted/total", "NB402 total_processed/natural_person"])
        #expect(relations[1].message == "表三“(一)予以公开”行的“总计”应等于六类申请人之和：自然人2 + 商业企业空白 + 科研机构0 + 社会公益组织0 + 法律服务机构0 + 其他0 = 2（空白未计），而总计1，相差1")
        #expect(relations[1].expected == .count(2) && relations[1].actual == .count(1))
        #expect(relations[0].message.contains("。空白的（一）予以公开填0即可成立；"))
    }

    @Test("Relation.Sums: blanks on one side must add up to a difference >= 0; on both sides anything fits")
    func sums() {
        func relation(_ parts: [CellValue], _ totals: [CellValue]) -> String {
            var sums = Relation.Sums()
            parts.forEach { sums.addPart($0) }
            totals.forEach { sums.addTotal($0) }
            switch sums.relation {
            case .holds: return "holds"
            case .blanksDecide(let fit): return "blanks \(fit.map(String.init) ?? "any")"
            case .broken(let expected, let actual): return "broken \(expected) \(actual)"
            case .undecidable: return "undecidable"
            }
        }
        #expect(relation([.count(1), .count(2)], [.count(3)]) == "holds")
        #expect(relation([.count(1), .count(2)], [.count(4)]) == "broken 3 4")
        #expect(relation([.count(1), .notStated], [.count(4)]) == "blanks 3")
        #expect(relation([.count(5), .notStated], [.count(4)]) == "broken 5 4")
        #expect(relation([.count(1), .notStated, .notStated], [.count(4)]) == "blanks any")
        #expect(relation([.count(4), .notStated, .notStated], [.count(4)]) == "blanks 0")
        #expect(relation([.count(4)], [.notStated]) == "blanks 4")
        #expect(relation([.count(4)], [.count(5), .notStated]) == "broken 4 5")
        #expect(relation([.notStated], [.count(5), .notStated]) == "blanks any")
        #expect(relation([.notANumber, .notStated], [.count(5)]) == "undecidable")
    }
}
