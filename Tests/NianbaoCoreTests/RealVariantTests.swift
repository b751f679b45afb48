import Testing
@testable import NianbaoCore
import ReportGenerator

/// Wordings seen in real published reports (report-format.md, "What real files look like",
/// item 12), each written into the seed: the seed's verdict stays, or the one difference is
/// the finding the spec asks for.
@Suite("Variants seen in real reports")
struct RealVariantTests {
    static var seedNB501: ExpectedFinding { ExpectedFinding(.nb501, section: .one, row: "new_received", column: "total", expected: .count(3), actual: .count(2)) }

    static func variant(_ original: String, _ replacement: String, in text: String = SeedReportTests.text) -> String {
        let changed = text.replacingOccurrences(of: original, with: replacement)
        precondition(changed != text, "\(original) is not in the text")
        return changed
    }

    /// Checks `text` and expects the seed's reading: all six sections in order, the seed's
    /// three tables and its one warning.
    static func expectSeedReading(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let seed = ReportChecker.check(Array(SeedReportTests.text.utf8))
        let outcome = ReportChecker.check(Array(text.utf8))
        #expect(outcome.report?.sections == Section.allCases, sourceLocation: sourceLocation)
        #expect(outcome.report?.headingOrder == Section.allCases, sourceLocation: sourceLocation)
        #expect(outcome.report?.disclosure == seed.report?.disclosure, sourceLocation: sourceLocation)
        #expect(outcome.report?.applications == seed.report?.applications, sourceLocation: sourceLocation)
        #expect(outcome.report?.review == seed.report?.review, sourceLocation: sourceLocation)
        #expect(outcome.findings.map(ExpectedFinding.init) == [seedNB501], sourceLocation: sourceLocation)
    }

    @Test("the typo 四、政府信息公开行政法复议、行政诉讼情况 is section 四's heading")
    func reviewHeadingTypo() {
        Self.expectSeedReading(Self.variant("四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政法复议、行政诉讼情况"))
    }

    @Test("四、行政复议与行政诉讼情况 is section 四's heading")
    func reviewHeadingShort() {
        Self.expectSeedReading(Self.variant("四、政府信息公开行政复议、行政诉讼情况", "四、行政复议与行政诉讼情况"))
    }

    @Test("五、存在的主要问题及明年工作计划 is section 五's heading")
    func problemsAndNextYearPlan() {
        Self.expectSeedReading(Self.variant("五、存在的主要问题及改进情况", "五、存在的主要问题及明年工作计划"))
    }

    @Test("钩稽关系 in table 三's header reads as 勾稽关系 does")
    func alternativeCharacterForBalance() {
        Self.expectSeedReading(Self.variant("勾稽关系", "钩稽关系"))
    }

    @Test("钩稽关系 in its own header cell, apart from the rest of the note, is not a row")
    func balanceNoteOnItsOwn() {
        Self.expectSeedReading(Self.variant("| (本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) |", "| 钩稽关系 | (本列数据:第一项加第二项之和,等于第三项加第四项之和) |"))
    }

    @Test("table 二 with a 规范性文件 row and no 规章 row: 规章 is NB204, everything else read")
    func normativeDocumentsWithoutRules() throws {
        var text = Self.variant("| 规章 | 0 | 0 | 0 | \n", "")
        text = Self.variant("| 行政规范性文件 | 0 | 0 | 0 | ", "| 规范性文件 | 4 | 1 | 9 | ", in: text)
        let outcome = ReportChecker.check(Array(text.utf8))
        let disclosure = try #require(outcome.report?.disclosure)
        #expect(disclosure.rows[.rules] == nil)
        #expect(disclosure.rows[.normativeDocuments]?.values == [.count(4), .count(1), .count(9)])
        #expect(disclosure.rows[.normativeDocuments]?.label == "规范性文件")
        for item in [DisclosureItem.licensing, .penalties, .enforcement] {
            #expect(disclosure.rows[item]?.values == [.count(0)])
        }
        #expect(disclosure.rows[.fees]?.values == [.amount(0)])
        #expect(outcome.report?.sections == Section.allCases)
        #expect(outcome.findings.map(ExpectedFinding.init).sorted() == [
            ExpectedFinding(.nb204, table: .two, row: "rules"),
            Self.seedNB501,
        ].sorted())
        let missing = try #require(outcome.findings.first { $0.code == .nb204 })
        #expect(missing.message == "表二中未找到“规章”一行")
    }

    @Test("sentences of prose in section 三 before and after its table leave the table as it is")
    func proseAroundApplicationTable() {
        var text = Self.variant("三、收到和处理政府信息公开申请情况\n", "三、收到和处理政府信息公开申请情况\n本机关依法办理政府信息公开申请，具体情况如下表所示。\n")
        text = Self.variant("| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||\n", "| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||\n上表所列申请均在法定期限内答复，无超期情况。\n", in: text)
        Self.expectSeedReading(text)
    }

    @Test("sentences of prose in section 四 before and after its table leave the table as it is")
    func proseAroundReviewTable() {
        var text = Self.variant("四、政府信息公开行政复议、行政诉讼情况\n", "四、政府信息公开行政复议、行政诉讼情况\n本年度本机关未发生因政府信息公开引起的行政复议、行政诉讼案件，详见下表。\n")
        text = Self.variant("| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | \n", "| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | \n以上情况说明本机关政府信息公开工作依法规范。\n", in: text)
        Self.expectSeedReading(text)
    }

    @Test("a sentence of prose in section 四 that ends in a number after the table does not join the data row")
    func numberedSentenceAfterReviewTable() {
        let text = Self.variant("| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | \n", "| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | \n本年度行政复议、行政诉讼案件数量均为0\n")
        Self.expectSeedReading(text)
    }
}
