import Testing
@testable import NianbaoCore

/// Issue 16, item 6: the clerk text read as a clerk would. Grouped by section, errors before
/// warnings within each, the row and column names as printed, and an arithmetic finding's
/// relation, sides and advice each on a line of its own.
@Suite("Clerk text")
struct ClerkTextTests {
    /// The seed with （一）予以公开 自然人 2 and 商业企业 blank, and the 总计 of
    /// 1.本机关不掌握相关政府信息 blank: two errors and six warnings in section 三.
    static var sample: String {
        SeedReportTests.text
            .replacingOccurrences(of: "| 三、本年度办理结果 | (一)予以公开 | 1 | 0 |", with: "| 三、本年度办理结果 | (一)予以公开 | 2 |  |")
            .replacingOccurrences(of: "| 1.本机关不掌握相关政府信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
                                  with: "| 1.本机关不掌握相关政府信息 | 1 | 0 | 0 | 0 | 0 | 0 |  |")
    }

    @Test("the whole text, exactly: errors first in their section, each side of a relation on its own line")
    func wholeText() {
        let text = ReportChecker.check(Array(Self.sample.utf8)).clerkText(file: "sample.txt")
        let expected = """
        文件 File: sample.txt
        结论 Verdict: 退回修改 rejected
        年度 Year: 2023年 2023    格式 Format: 2021
        章节 Sections: 一 二 三 四 五 六
        问题 Findings: 2 个错误 errors, 6 个警告 warnings

        一、总体情况  (一: overview)
          [NB501 警告 warning] 正文称共受理申请2件，表三本年新收为3件（“共受理政府信息公开申请2件”）
              prose says 2 applications received; table 三 new_received is 3
              应为 expected: 3    实为 found: 2

        三、收到和处理政府信息公开申请情况  (三: applications received and handled)
          [NB401 错误 error] 表三“(一)予以公开”行的“总计”应等于六类申请人之和
              自然人2 + 商业企业空白 + 科研机构0 + 社会公益组织0 + 法律服务机构0 + 其他0 = 2（空白未计）
              而总计1，相差1
              table 三 granted: total must equal the sum of the six applicant columns
              natural_person 2 + commercial blank + research 0 + social_welfare 0 + legal_services 0 + other 0 = 2 (blanks not counted)
              but total 1, a difference of 1
              应为 expected: 2    实为 found: 1
          [NB402 错误 error] 表三“自然人”列的“（七）总计”应等于（一）至（六）各项办理结果之和
              （一）予以公开2 + （四）1.本机关不掌握相关政府信息1 = 3（其余19项为0）
              而（七）总计2，相差1
              table 三 natural_person: total_processed must equal the sum of the 22 outcome rows
              granted 2 + unavailable_not_held 1 = 3 (19 others are 0)
              but total_processed 2, a difference of 1
              应为 expected: 3    实为 found: 2
          [NB303 警告 warning] 表三“(一)予以公开”行“商业企业”列为空白，视为未填写（不按0计）；没有发生请填0
              table 三 granted/commercial is blank: not stated, not read as 0; write 0 if there were none
          [NB303 警告 warning] 表三“1.本机关不掌握相关政府信息”行“总计”列为空白，视为未填写（不按0计）；没有发生请填0
              table 三 unavailable_not_held/total is blank: not stated, not read as 0; write 0 if there were none
          [NB303 警告 warning] 表三“1.本机关不掌握相关政府信息”行的“总计”应等于六类申请人之和
              自然人1 + 商业企业0 + 科研机构0 + 社会公益组织0 + 法律服务机构0 + 其他0 = 1
              而总计空白
              空白的总计填1即可成立；空白不按0计，请填写实际数字（没有发生填0）
              table 三 unavailable_not_held: total must equal the sum of the six applicant columns
              natural_person 1 + commercial 0 + research 0 + social_welfare 0 + legal_services 0 + other 0 = 1
              but total blank
              total = 1 would make it hold; blanks are not read as 0, fill them in
          [NB303 警告 warning] 表三“商业企业”列的“（七）总计”应等于（一）至（六）各项办理结果之和
              （一）予以公开空白 = 0（空白未计，其余20项为0）
              而（七）总计0
              空白的（一）予以公开填0即可成立；空白不按0计，请填写实际数字（没有发生填0）
              table 三 commercial: total_processed must equal the sum of the 22 outcome rows
              granted blank = 0 (blanks not counted, 20 others are 0)
              but total_processed 0
              granted = 0 would make it hold; blanks are not read as 0, fill them in
          [NB303 警告 warning] 表三“总计”列的“（七）总计”应等于（一）至（六）各项办理结果之和
              （一）予以公开1 + （四）1.本机关不掌握相关政府信息空白 = 1（空白未计，其余19项为0）
              而（七）总计2
              空白的（四）1.本机关不掌握相关政府信息填1即可成立；空白不按0计，请填写实际数字（没有发生填0）
              table 三 total: total_processed must equal the sum of the 22 outcome rows
              granted 1 + unavailable_not_held blank = 1 (blanks not counted, 19 others are 0)
              but total_processed 2
              unavailable_not_held = 1 would make it hold; blanks are not read as 0, fill them in

        """
        #expect(text == expected)
        // No line longer than it needs (the same findings were up to 274 characters on one line).
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 130 }, "\(text.split(separator: "\n").map(\.count).max() ?? 0)")
    }

    @Test("a finding without terms is one Chinese line and one English line, escaped")
    func plainFinding() {
        let finding = Finding(code: .nb505, section: .five, message: "第五部分\n为空", messageEnglish: "section 五 is empty")
        #expect(finding.clerkLines == ["第五部分\\n为空", "section 五 is empty"])
    }
}
