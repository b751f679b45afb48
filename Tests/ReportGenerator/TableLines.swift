import NianbaoCore

/// A table as the agency's Word document has it: header rows and data rows of real cells.
/// Group labels (三、本年度办理结果, （三）不予公开 …) share the line of their first sub-item.
/// Each layout decides how to flatten it (padding, delimiters, one cell per line).
public struct TableLines {
    public enum Line {
        case header([String])
        /// `group` shares the line with the row's label; `label` is nil for table 四's data row.
        case data(group: String?, label: String?, values: [GenValue], collapsed: Bool)
        /// A merged group label whose first sub-item is missing.
        case groupOnly(String)
    }

    public var table: TableID
    public var lines: [Line]
    /// Cells per row in the seed's flattening (merged cells padded with empty cells at the end).
    public var seedWidth: Int
    /// Columns of the rectangular (Markdown) form.
    public var rectangularWidth: Int
}

/// Label spellings: what the national layout prints, and the variants agencies write.
public struct LabelStyle {
    public var fullWidthBrackets: Bool
    /// `1.`, `1．` or `1、` before sub-items.
    public var itemSeparator: String
    public var fullWidthColon: Bool
    public var longPartialLabel: Bool
    public var internalAffairsVariant: Bool
    public var shortNormativeLabel: Bool

    public static func random(_ rng: inout SplitMix64, mixing: Bool) -> LabelStyle {
        guard mixing else {
            return LabelStyle(fullWidthBrackets: true, itemSeparator: ".", fullWidthColon: true, longPartialLabel: true,
                              internalAffairsVariant: false, shortNormativeLabel: false)
        }
        return LabelStyle(
            fullWidthBrackets: rng.chance(0.5), itemSeparator: rng.pick([".", "．", "、"]), fullWidthColon: rng.chance(0.5),
            longPartialLabel: rng.chance(0.5), internalAffairsVariant: rng.chance(0.5), shortNormativeLabel: rng.chance(0.3))
    }

    public func bracket(_ inner: String) -> String { fullWidthBrackets ? "（\(inner)）" : "(\(inner))" }
    public var colon: String { fullWidthColon ? "：" : ":" }
}

public enum TableBuilder {
    /// Table 二 of the 2019 layout (国办公开办函〔2019〕60号), with the model's figures where they fit.
    public static func formerDisclosure(_ model: ReportModel, style: LabelStyle) -> TableLines {
        func article(_ item: String) -> TableLines.Line { .header(["第二十条第\(style.bracket(item))项"]) }
        func counts(_ item: DisclosureItem) -> [GenValue] { model.disclosure[item] ?? [] }
        /// 上一年项目数量 | 本年增/减 | 处理决定数量
        func decisions(_ item: DisclosureItem) -> [GenValue] {
            let decided = counts(item).first?.count ?? 0
            return [.count(decided + 2), .count(2), .count(decided)]
        }
        var lines: [TableLines.Line] = [article("一"), .header(["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"])]
        lines.append(.data(group: nil, label: "规章", values: counts(.rules), collapsed: false))
        lines.append(.data(group: nil, label: "规范性文件", values: counts(.normativeDocuments), collapsed: false))
        lines += [article("五"), .header(["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"])]
        lines.append(.data(group: nil, label: "行政许可", values: decisions(.licensing), collapsed: false))
        lines.append(.data(group: nil, label: "其他对外管理服务事项", values: [.count(0), .count(0), .count(0)], collapsed: false))
        lines += [article("六"), .header(["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"])]
        lines.append(.data(group: nil, label: "行政处罚", values: decisions(.penalties), collapsed: false))
        lines.append(.data(group: nil, label: "行政强制", values: decisions(.enforcement), collapsed: false))
        lines += [article("八"), .header(["信息内容", "上一年项目数量", "本年增/减"])]
        lines.append(.data(group: nil, label: "行政事业性收费", values: [.count(0), .count(0)], collapsed: false))
        lines += [article("九"), .header(["信息内容", "采购项目数量", "采购总金额"])]
        lines.append(.data(group: nil, label: "政府集中采购", values: [.count(2), .count(35)], collapsed: false))
        return TableLines(table: .two, lines: lines, seedWidth: 4, rectangularWidth: 4)
    }

    public static func disclosure(_ model: ReportModel, style: LabelStyle) -> TableLines {
        if model.formerLayout { return formerDisclosure(model, style: style) }
        func article(_ item: String) -> TableLines.Line { .header(["第二十条第\(style.bracket(item))项"]) }
        func row(_ item: DisclosureItem, _ label: String) -> [TableLines.Line] {
            guard let values = model.disclosure[item] else { return [] }
            return [.data(group: nil, label: label, values: values, collapsed: values.count != item.columns.count)]
        }
        let firstColumns = model.formerDisclosureColumns
            ? ["本年新制作数量", "本年新公开数量", "对外公开总数量"] : ["本年制发件数", "本年废止件数", "现行有效件数"]
        var lines: [TableLines.Line] = [article("一"), .header(["信息内容"] + firstColumns)]
        lines += row(.rules, "规章") + row(.normativeDocuments, style.shortNormativeLabel ? "规范性文件" : "行政规范性文件")
        lines += [article("五"), .header(["信息内容", "本年处理决定数量"])] + row(.licensing, "行政许可")
        lines += [article("六"), .header(["信息内容", "本年处理决定数量"])] + row(.penalties, "行政处罚") + row(.enforcement, "行政强制")
        lines += [article("八"), .header(["信息内容", "本年收费金额\(style.bracket("单位\(style.colon)万元"))"])]
        lines += row(.fees, "行政事业性收费")
        return TableLines(table: .two, lines: lines, seedWidth: 4, rectangularWidth: 4)
    }

    /// (group label, sub-item label) of each row of table 三.
    public static func applicationLabels(_ style: LabelStyle) -> [ApplicationRow: (group: String?, label: String)] {
        let b = style.bracket, s = style.itemSeparator
        let denied = b("三") + "不予公开", unavailable = b("四") + "无法提供"
        let notProcessed = b("五") + "不予处理", other = b("六") + "其他处理"
        return [
            .newReceived: (nil, "一、本年新收政府信息公开申请数量"),
            .carriedOver: (nil, "二、上年结转政府信息公开申请数量"),
            .granted: ("三、本年度办理结果", b("一") + "予以公开"),
            .partiallyGranted: (nil, b("二") + "部分公开" + (style.longPartialLabel ? b("区分处理的，只计这一情形，不计其他情形") : "")),
            .deniedStateSecret: (denied, "1\(s)属于国家秘密"),
            .deniedProhibitedByLaw: (nil, "2\(s)其他法律行政法规禁止公开"),
            .deniedThreeSafeties: (nil, "3\(s)危及“三安全一稳定”"),
            .deniedThirdParty: (nil, "4\(s)保护第三方合法权益"),
            .deniedInternalAffairs: (nil, "5\(s)属于三类\(style.internalAffairsVariant ? "内容" : "内部")事务信息"),
            .deniedProcessInfo: (nil, "6\(s)属于四类过程性信息"),
            .deniedEnforcementFiles: (nil, "7\(s)属于行政执法案卷"),
            .deniedQueryMatter: (nil, "8\(s)属于行政查询事项"),
            .unavailableNotHeld: (unavailable, "1\(s)本机关不掌握相关政府信息"),
            .unavailableNeedsCreation: (nil, "2\(s)没有现成信息需要另行制作"),
            .unavailableUnclear: (nil, "3\(s)补正后申请内容仍不明确"),
            .notProcessedPetition: (notProcessed, "1\(s)信访举报投诉类申请"),
            .notProcessedRepeat: (nil, "2\(s)重复申请"),
            .notProcessedPublication: (nil, "3\(s)要求提供公开出版物"),
            .notProcessedExcessive: (nil, "4\(s)无正当理由大量反复申请"),
            .notProcessedConfirmation: (nil, "5\(s)要求行政机关确认或重新出具已获取信息"),
            .otherNoCorrection: (other, "1\(s)申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            .otherUnpaidFee: (nil, "2\(s)申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
            .otherOther: (nil, "3\(s)其他"),
            .totalProcessed: (nil, b("七") + "总计"),
            .carriedForward: (nil, "四、结转下年度继续办理"),
        ]
    }

    public static func applications(_ model: ReportModel, style: LabelStyle) -> TableLines {
        let note = style.bracket("本列数据的勾稽关系为\(style.colon)第一项加第二项之和，等于第三项加第四项之和")
        var lines: [TableLines.Line] = [
            .header([note, "申请人情况"]),
            .header(["自然人", "法人或其他组织", "总计"]),
            .header(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]),
        ]
        let labels = applicationLabels(style)
        for row in ApplicationRow.allCases {
            if model.formerLayout, [.otherNoCorrection, .otherUnpaidFee, .otherOther].contains(row) {
                // 2019: （六）其他处理 is one row, the sum of what 2021 splits in three.
                if row == .otherNoCorrection {
                    let sums = (0..<7).map { column in
                        [ApplicationRow.otherNoCorrection, .otherUnpaidFee, .otherOther].map { model.applications[$0]![column].count! }.reduce(0, +)
                    }
                    lines.append(.data(group: nil, label: style.bracket("六") + "其他处理", values: sums.map(GenValue.count), collapsed: false))
                }
                continue
            }
            let (group, label) = labels[row]!
            guard let values = model.applications[row] else {
                if let group { lines.append(.groupOnly(group)) }
                continue
            }
            lines.append(.data(group: group, label: label, values: values, collapsed: values.count != 7))
        }
        return TableLines(table: .three, lines: lines, seedWidth: 10, rectangularWidth: 9)
    }

    public static func review(_ model: ReportModel) -> TableLines {
        let parts = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
        var lines: [TableLines.Line] = [
            .header(["行政复议", "行政诉讼"]),
            .header(Array(parts) + ["未经复议直接起诉", "复议后起诉"]),
            .header(parts + parts),
        ]
        if !model.dropReviewData {
            lines.append(.data(group: nil, label: nil, values: model.review, collapsed: model.review.count != 15))
        }
        return TableLines(table: .four, lines: lines, seedWidth: 15, rectangularWidth: 15)
    }
}
