/// Row and column keys of the three tables, with the labels printed in the national layout.
/// Keys are the contract of `interfaces.md`; labels are what an agency sees in its own table.

/// Table 二: what was proactively disclosed under article 20.
public enum DisclosureItem: String, CaseIterable, Sendable {
    case rules
    case normativeDocuments = "normative_documents"
    case licensing, penalties, enforcement, fees

    public var label: String {
        switch self {
        case .rules: "规章"
        case .normativeDocuments: "行政规范性文件"
        case .licensing: "行政许可"
        case .penalties: "行政处罚"
        case .enforcement: "行政强制"
        case .fees: "行政事业性收费"
        }
    }

    /// The value columns of the item's row.
    public var columns: [DisclosureColumn] {
        switch self {
        case .rules, .normativeDocuments: [.issued, .repealed, .inForce]
        case .licensing, .penalties, .enforcement: [.decisions]
        case .fees: [.amount]
        }
    }

    /// Labels accepted for the row (compared with white space removed, after NFKC).
    public var acceptedLabels: [String] {
        switch self {
        case .normativeDocuments: ["行政规范性文件", "规范性文件"]
        default: [label]
        }
    }
}

public enum DisclosureColumn: String, Sendable {
    case issued, repealed
    case inForce = "in_force"
    case decisions, amount

    public var label: String {
        switch self {
        case .issued: "本年制发件数"
        case .repealed: "本年废止件数"
        case .inForce: "现行有效件数"
        case .decisions: "本年处理决定数量"
        case .amount: "本年收费金额（单位：万元）"
        }
    }
}

/// Table 三: applications received and how they were handled, 25 rows by 7 columns.
public enum ApplicationRow: String, CaseIterable, Sendable {
    case newReceived = "new_received"
    case carriedOver = "carried_over"
    case granted
    case partiallyGranted = "partially_granted"
    case deniedStateSecret = "denied_state_secret"
    case deniedProhibitedByLaw = "denied_prohibited_by_law"
    case deniedThreeSafeties = "denied_three_safeties"
    case deniedThirdParty = "denied_third_party"
    case deniedInternalAffairs = "denied_internal_affairs"
    case deniedProcessInfo = "denied_process_info"
    case deniedEnforcementFiles = "denied_enforcement_files"
    case deniedQueryMatter = "denied_query_matter"
    case unavailableNotHeld = "unavailable_not_held"
    case unavailableNeedsCreation = "unavailable_needs_creation"
    case unavailableUnclear = "unavailable_unclear"
    case notProcessedPetition = "not_processed_petition"
    case notProcessedRepeat = "not_processed_repeat"
    case notProcessedPublication = "not_processed_publication"
    case notProcessedExcessive = "not_processed_excessive"
    case notProcessedConfirmation = "not_processed_confirmation"
    case otherNoCorrection = "other_no_correction"
    case otherUnpaidFee = "other_unpaid_fee"
    case otherOther = "other_other"
    case totalProcessed = "total_processed"
    case carriedForward = "carried_forward"

    /// The 22 rows whose sum is （七）总计.
    public static let outcomes: [ApplicationRow] = Array(allCases[2...22])

    public var label: String {
        switch self {
        case .newReceived: "一、本年新收政府信息公开申请数量"
        case .carriedOver: "二、上年结转政府信息公开申请数量"
        case .granted: "（一）予以公开"
        case .partiallyGranted: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
        case .deniedStateSecret: "（三）不予公开 1.属于国家秘密"
        case .deniedProhibitedByLaw: "（三）不予公开 2.其他法律行政法规禁止公开"
        case .deniedThreeSafeties: "（三）不予公开 3.危及“三安全一稳定”"
        case .deniedThirdParty: "（三）不予公开 4.保护第三方合法权益"
        case .deniedInternalAffairs: "（三）不予公开 5.属于三类内部事务信息"
        case .deniedProcessInfo: "（三）不予公开 6.属于四类过程性信息"
        case .deniedEnforcementFiles: "（三）不予公开 7.属于行政执法案卷"
        case .deniedQueryMatter: "（三）不予公开 8.属于行政查询事项"
        case .unavailableNotHeld: "（四）无法提供 1.本机关不掌握相关政府信息"
        case .unavailableNeedsCreation: "（四）无法提供 2.没有现成信息需要另行制作"
        case .unavailableUnclear: "（四）无法提供 3.补正后申请内容仍不明确"
        case .notProcessedPetition: "（五）不予处理 1.信访举报投诉类申请"
        case .notProcessedRepeat: "（五）不予处理 2.重复申请"
        case .notProcessedPublication: "（五）不予处理 3.要求提供公开出版物"
        case .notProcessedExcessive: "（五）不予处理 4.无正当理由大量反复申请"
        case .notProcessedConfirmation: "（五）不予处理 5.要求行政机关确认或重新出具已获取信息"
        case .otherNoCorrection: "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
        case .otherUnpaidFee: "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
        case .otherOther: "（六）其他处理 3.其他"
        case .totalProcessed: "（七）总计"
        case .carriedForward: "四、结转下年度继续办理"
        }
    }

    /// The row as a finding's terms name it in the clerk text: short enough for a sum on one
    /// line, still as printed (the group's numeral, the item's own words).
    public var shortLabel: String {
        switch self {
        case .newReceived: "本年新收"
        case .carriedOver: "上年结转"
        case .granted: "（一）予以公开"
        case .partiallyGranted: "（二）部分公开"
        case .deniedStateSecret: "（三）1.属于国家秘密"
        case .deniedProhibitedByLaw: "（三）2.其他法律行政法规禁止公开"
        case .deniedThreeSafeties: "（三）3.危及“三安全一稳定”"
        case .deniedThirdParty: "（三）4.保护第三方合法权益"
        case .deniedInternalAffairs: "（三）5.属于三类内部事务信息"
        case .deniedProcessInfo: "（三）6.属于四类过程性信息"
        case .deniedEnforcementFiles: "（三）7.属于行政执法案卷"
        case .deniedQueryMatter: "（三）8.属于行政查询事项"
        case .unavailableNotHeld: "（四）1.本机关不掌握相关政府信息"
        case .unavailableNeedsCreation: "（四）2.没有现成信息需要另行制作"
        case .unavailableUnclear: "（四）3.补正后申请内容仍不明确"
        case .notProcessedPetition: "（五）1.信访举报投诉类申请"
        case .notProcessedRepeat: "（五）2.重复申请"
        case .notProcessedPublication: "（五）3.要求提供公开出版物"
        case .notProcessedExcessive: "（五）4.无正当理由大量反复申请"
        case .notProcessedConfirmation: "（五）5.要求确认或重新出具已获取信息"
        case .otherNoCorrection: "（六）1.逾期不补正"
        case .otherUnpaidFee: "（六）2.逾期未缴纳费用"
        case .otherOther: "（六）3.其他"
        case .totalProcessed: "（七）总计"
        case .carriedForward: "结转下年度"
        }
    }

    /// Phrases that identify the row inside a label cell (normalised, white space removed).
    /// Each is specific enough not to occur in another row's label; 其他 and 总计 are handled
    /// by position because they are also column headers.
    var identifyingPhrases: [String] {
        switch self {
        case .newReceived: ["本年新收"]
        case .carriedOver: ["上年结转"]
        case .granted: ["予以公开"]
        case .partiallyGranted: ["部分公开"]
        case .deniedStateSecret: ["国家秘密"]
        case .deniedProhibitedByLaw: ["法律行政法规禁止", "法律法规禁止"]
        case .deniedThreeSafeties: ["三安全一稳定"]
        case .deniedThirdParty: ["第三方合法权益"]
        case .deniedInternalAffairs: ["三类内部事务", "三类内容事务"]
        case .deniedProcessInfo: ["四类过程性"]
        case .deniedEnforcementFiles: ["行政执法案卷"]
        case .deniedQueryMatter: ["行政查询事项"]
        case .unavailableNotHeld: ["不掌握相关"]
        case .unavailableNeedsCreation: ["另行制作"]
        case .unavailableUnclear: ["仍不明确"]
        case .notProcessedPetition: ["信访举报投诉"]
        case .notProcessedRepeat: ["重复申请"]
        case .notProcessedPublication: ["公开出版物"]
        case .notProcessedExcessive: ["大量反复申请"]
        case .notProcessedConfirmation: ["确认或重新出具"]
        case .otherNoCorrection: ["逾期不补正"]
        case .otherUnpaidFee: ["缴纳费用"]
        case .otherOther: []
        case .totalProcessed: ["(七)总计"]
        case .carriedForward: ["结转下年度"]
        }
    }
}

public enum ApplicantColumn: String, CaseIterable, Sendable {
    case naturalPerson = "natural_person"
    case commercial, research
    case socialWelfare = "social_welfare"
    case legalServices = "legal_services"
    case other, total

    /// The six columns whose sum is 总计.
    public static let applicants: [ApplicantColumn] = Array(allCases.prefix(6))

    public var label: String {
        switch self {
        case .naturalPerson: "自然人"
        case .commercial: "商业企业"
        case .research: "科研机构"
        case .socialWelfare: "社会公益组织"
        case .legalServices: "法律服务机构"
        case .other: "其他"
        case .total: "总计"
        }
    }
}

/// Table 四: administrative review and litigation, three groups of five.
public enum ReviewGroup: String, CaseIterable, Sendable {
    case review
    case litigationDirect = "litigation_direct"
    case litigationAfterReview = "litigation_after_review"

    public var label: String {
        switch self {
        case .review: "行政复议"
        case .litigationDirect: "行政诉讼 未经复议直接起诉"
        case .litigationAfterReview: "行政诉讼 复议后起诉"
        }
    }
}

public enum ReviewColumn: String, CaseIterable, Sendable {
    case upheld, corrected, other, pending, total

    public static let parts: [ReviewColumn] = [.upheld, .corrected, .other, .pending]

    public var label: String {
        switch self {
        case .upheld: "结果维持"
        case .corrected: "结果纠正"
        case .other: "其他结果"
        case .pending: "尚未审结"
        case .total: "总计"
        }
    }
}

/// A case's position in its declaration, which is `allCases`' order: without building
/// `allCases` to search it (the rules ask for it of every cell).
protocol CaseOrdinal: CaseIterable {}

extension CaseOrdinal {
    /// Cases without payload, fewer than 256: a case is exactly its one-byte tag.
    var ordinal: Int { Int(caseTag(self)) }
}

extension ApplicantColumn: CaseOrdinal {}
extension ReviewGroup: CaseOrdinal {}
extension ReviewColumn: CaseOrdinal {}

/// Hash the case, not its raw String (the default for raw-valued enums): cheaper wherever
/// rows are kept in sets or dictionaries.
/// The enums have no payload and fewer than 256 cases, so a case is exactly one byte.
extension DisclosureItem: Hashable {
    public func hash(into hasher: inout Hasher) { hasher.combine(caseTag(self)) }
}

extension ApplicationRow: Hashable {
    public func hash(into hasher: inout Hasher) { hasher.combine(caseTag(self)) }
}
