/// NB501, NB504, NB505: what the prose says, against the tables and the layout's requirements.
enum ProseRules {
    static func findings(_ report: Report) -> [Finding] {
        consistency(report) + sectionContent(report)
    }

    private static func consistency(_ report: Report) -> [Finding] {
        var findings: [Finding] = []
        let applications = report.applications
        for statement in ProseStatementFinder.statements(in: report.prose) {
            switch statement.kind {
            case .applicationsReceived:
                guard let stated = statement.number, case .count(let received)? = applications?.value(.newReceived, .total) else { continue }
                var accepted = [received]
                if case .count(let carriedOver)? = applications?.value(.carriedOver, .total) { accepted.append(received + carriedOver) }
                guard !accepted.contains(stated) else { continue }
                findings.append(Finding(
                    code: .nb501, section: statement.section ?? .one, row: ApplicationRow.newReceived.rawValue,
                    rowLabel: ApplicationRow.newReceived.label, column: ApplicantColumn.total.rawValue, columnLabel: "总计",
                    expected: .count(received), actual: .count(stated),
                    message: "正文称共受理申请\(stated)件，表三本年新收为\(received)件（“\(statement.clause)”）",
                    messageEnglish: "prose says \(stated) applications received; table 三 new_received is \(received)"))
            case .carriedForward:
                guard let stated = statement.number, case .count(let table)? = applications?.value(.carriedForward, .total), stated != table else { continue }
                findings.append(Finding(
                    code: .nb501, section: statement.section ?? .three, row: ApplicationRow.carriedForward.rawValue,
                    rowLabel: ApplicationRow.carriedForward.label, column: ApplicantColumn.total.rawValue, columnLabel: "总计",
                    expected: .count(table), actual: .count(stated),
                    message: "正文称结转下年度\(stated)件，表三结转下年度继续办理为\(table)件（“\(statement.clause)”）",
                    messageEnglish: "prose says \(stated) applications carried forward; table 三 carried_forward is \(table)"))
            case .reviews:
                guard let stated = statement.number, case .count(let table)? = report.review?.value(.review, .total), stated != table else { continue }
                findings.append(Finding(
                    code: .nb501, section: statement.section ?? .four, row: ReviewGroup.review.rawValue,
                    rowLabel: ReviewGroup.review.label, column: ReviewColumn.total.rawValue, columnLabel: "总计",
                    expected: .count(table), actual: .count(stated),
                    message: "正文称行政复议\(stated)件，表四行政复议总计为\(table)件（“\(statement.clause)”）",
                    messageEnglish: "prose says \(stated) administrative reviews; table 四 review total is \(table)"))
            case .lawsuits:
                guard let stated = statement.number,
                      case .count(let direct)? = report.review?.value(.litigationDirect, .total),
                      case .count(let afterReview)? = report.review?.value(.litigationAfterReview, .total),
                      stated != direct + afterReview else { continue }
                findings.append(Finding(
                    code: .nb501, section: statement.section ?? .four, row: "litigation",
                    rowLabel: "行政诉讼", column: ReviewColumn.total.rawValue, columnLabel: "总计",
                    expected: .count(direct + afterReview), actual: .count(stated),
                    message: "正文称行政诉讼\(stated)件，表四行政诉讼总计为\(direct + afterReview)件（“\(statement.clause)”）",
                    messageEnglish: "prose says \(stated) lawsuits; table 四 litigation totals add up to \(direct + afterReview)"))
            case .noReviewOrLitigation(let reviews, let lawsuits):
                guard let review = report.review, review.data?.values != nil else { continue }
                let groups = ReviewGroup.allCases.filter { $0 == .review ? reviews : lawsuits }
                for group in groups {
                    let counts = ReviewColumn.allCases.compactMap { review.value(group, $0)?.number }
                    guard let nonZero = counts.first(where: { $0 != 0 }) else { continue }
                    let shown = Quantity.count(Int(nonZero))
                    findings.append(Finding(
                        code: .nb501, section: statement.section ?? .four, row: group.rawValue, rowLabel: group.label,
                        expected: shown, actual: .count(0),
                        message: "正文称未发生行政复议、行政诉讼，但表四“\(group.label)”有非零数字（\(shown)）（“\(statement.clause)”）",
                        messageEnglish: "prose says there was no review or litigation, but table 四 \(group.rawValue) has non-zero figures (\(shown))"))
                }
            }
        }
        return findings
    }

    private static func sectionContent(_ report: Report) -> [Finding] {
        var findings: [Finding] = []
        if report.headingOrder.contains(.five) {
            // Only a very short section can be "empty or just 无"; punctuation does not count.
            // More than 12 scalars (counted no further than the thirteenth) is never one of them.
            let isEmptyOrNone = report.prose.withBytes(of: .five) { bytes in
                guard bytes.lazy.filter({ !CharacterClass.isContinuation($0) }).prefix(13).count <= 12 else { return false }
                let content = String(bytes.text.unicodeScalars.filter { !"。.,，;；:：!！、".unicodeScalars.contains($0) })
                return ["", "无", "暂无", "没有", "无问题", "暂无问题"].contains(where: { content.same($0) })
            }
            if isEmptyOrNone {
                findings.append(Finding(
                    code: .nb505, section: .five,
                    message: "第五部分“存在的主要问题及改进情况”为空或只写“无”；请写明存在的问题和改进措施",
                    messageEnglish: "section 五 (problems and improvements) is empty or says only 无; describe the problems and the improvements"))
            }
        }
        if report.headingOrder.contains(.six) {
            let mentionsFee = report.prose.withBytes(of: .six) { content in ["处理费", "收费", "费用"].contains(where: { content.has($0) }) }
            if !mentionsFee {
                findings.append(Finding(
                    code: .nb504, section: .six,
                    message: "第六部分未说明是否收取信息处理费；请写明，如“本年度未收取信息处理费”",
                    messageEnglish: "section 六 does not state whether an information processing fee (信息处理费) was collected; state it, e.g. 本年度未收取信息处理费"))
            }
        }
        return findings
    }
}
