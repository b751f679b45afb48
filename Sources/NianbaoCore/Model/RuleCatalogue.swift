/// How much a finding weighs in the verdict.
public enum Severity: String, Sendable, Comparable, CaseIterable {
    case info, warning, error

    private var rank: Int { [.info: 0, .warning: 1, .error: 2][self]! }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    public var chinese: String {
        switch self {
        case .info: "提示"
        case .warning: "警告"
        case .error: "错误"
        }
    }
}

/// The stable rule codes of `rules.md`. A code never changes meaning once released.
public enum RuleCode: String, Sendable, CaseIterable, Comparable {
    case nb101 = "NB101", nb102 = "NB102", nb103 = "NB103", nb104 = "NB104", nb105 = "NB105"
    case nb201 = "NB201", nb202 = "NB202", nb203 = "NB203", nb204 = "NB204", nb205 = "NB205"
    case nb206 = "NB206", nb207 = "NB207", nb208 = "NB208"
    case nb301 = "NB301", nb302 = "NB302", nb303 = "NB303"
    case nb401 = "NB401", nb402 = "NB402", nb403 = "NB403", nb404 = "NB404"
    case nb501 = "NB501", nb502 = "NB502", nb503 = "NB503", nb504 = "NB504", nb505 = "NB505"
    case nb506 = "NB506", nb507 = "NB507"

    public static func < (lhs: RuleCode, rhs: RuleCode) -> Bool { lhs.rawValue < rhs.rawValue }

    /// 1xx findings are reading failures: the verdict is `unreadable` and no other rule runs.
    public var isReadingFailure: Bool { rawValue.hasPrefix("NB1") }

    public var rule: Rule { RuleCatalogue.rule(self) }
    public var severity: Severity { rule.severity }
}

public struct Rule: Sendable {
    public var code: RuleCode
    public var severity: Severity
    public var chinese: String
    public var english: String
}

public enum RuleCatalogue {
    public static let all: [Rule] = RuleCode.allCases.map(rule)

    public static func rule(_ code: RuleCode) -> Rule {
        let (severity, chinese, english) = describe(code)
        return Rule(code: code, severity: severity, chinese: chinese, english: english)
    }

    private static func describe(_ code: RuleCode) -> (Severity, String, String) {
        switch code {
        case .nb101: (.error, "不是可读取的普通文件（已消失、无权限、管道/套接字/设备，或指向投递目录外的符号链接）", "not a readable regular file (vanished, permission denied, a FIFO/socket/device, a symlink leaving the drop folder)")
        case .nb102: (.error, "文件超过大小上限", "larger than the configured size limit")
        case .nb103: (.error, "不是支持的文档类型（按内容识别，不只看扩展名）", "not a supported document type (content sniffed, not only the extension)")
        case .nb104: (.error, "文字编码无法识别（不是有效的UTF-8/UTF-16/GB18030）", "text could not be decoded (not valid UTF-8/UTF-16/GB18030)")
        case .nb105: (.error, "文件容器损坏或有害（ZIP损坏、超出解压限制、XML实体膨胀）", "damaged or hostile container (broken ZIP, decompression limits exceeded, XML entity expansion)")
        case .nb201: (.error, "缺少必需的章节（一至六）", "a required section is missing (一..六)")
        case .nb202: (.warning, "章节顺序错误", "sections present but out of order")
        case .nb203: (.error, "未找到第二、三或四部分的表格", "the table of section 二, 三 or 四 was not found")
        case .nb204: (.error, "未找到表格中必需的行", "a required row of a table was not found")
        case .nb205: (.error, "找到了行，但其单元格无法与各列对齐（合并单元格塌陷、单元格数量不符）", "a row was found but its cells cannot be aligned with the columns (collapsed merged cells, wrong cell count)")
        case .nb206: (.error, "表格使用已废止的2019年版格式（报告年度为2021年或以后）", "tables use the superseded 2019 format (report year 2021 or later)")
        case .nb207: (.warning, "无法确定报告年度", "the report year cannot be determined")
        case .nb208: (.warning, "不同位置给出的报告年度不一致（标题、统计期限、正文）", "the report year given in different places disagrees (title, statistics period, text)")
        case .nb301: (.error, "数字单元格中是非数字文字", "a numeric cell holds text that is not a number")
        case .nb302: (.error, "数量为负数或不是整数（收费金额可以是小数，但不能为负）", "a count is negative or not a whole number (fees may be decimal but not negative)")
        case .nb303: (.warning, "数字单元格为空或为占位符（/、-、—、无）：视为未填写，不按0计", "a numeric cell is blank or a placeholder (/, -, —, 无): not stated, not read as 0")
        case .nb401: (.error, "行合计：表三“总计”列不等于六类申请人之和", "row total: table 三 total column differs from the sum of the six applicant columns")
        case .nb402: (.error, "办理结果合计：表三（七）总计不等于22项办理结果之和", "outcome total: table 三 total_processed differs from the sum of the 22 outcome rows")
        case .nb403: (.error, "勾稽关系：本年新收加上年结转不等于办理结果总计加结转下年度", "balance: new_received + carried_over differs from total_processed + carried_forward")
        case .nb404: (.error, "表四：总计不等于结果维持、结果纠正、其他结果、尚未审结之和", "table 四: a group's total differs from upheld + corrected + other + pending")
        case .nb501: (.warning, "正文中的数字与表格不一致", "a number stated in the prose disagrees with the tables")
        case .nb502: (.warning, "上年结转数与本机关上一年度报告的结转下年度数不一致", "carried_over differs from the carried_forward of the same agency's report for the previous year")
        case .nb503: (.warning, "现行有效件数不等于上年现行有效件数加本年制发减本年废止", "rules/normative_documents in_force differs from last year's in_force + issued - repealed")
        case .nb504: (.warning, "第六部分未说明是否收取信息处理费", "section 六 does not state whether an 信息处理费 was collected")
        case .nb505: (.warning, "第五部分为空或只写“无”", "section 五 is empty or says only 无")
        case .nb506: (.warning, "报告晚于报送截止日期", "the report arrived after the deadline")
        case .nb507: (.warning, "相同内容已由其他机关或其他文件提交（文本或表格完全相同）", "the same content was already submitted under another agency or file (identical text or identical tables)")
        }
    }
}
