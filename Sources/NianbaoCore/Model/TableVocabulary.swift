/// The words each table is found by, one value per table, next to `TableSchema`: row labels
/// and their variants, header phrases, group labels, and the markers of the superseded 2019
/// layout. The readers in Parsing/ hold one of these for the length of a read (going through
/// a static at every token would check its lazy initialisation every time); an agency's new
/// wording of a row goes into `TableSchema` (`acceptedLabels`, `identifyingPhrases`) or here.

/// Table 二.
struct DisclosureVocabulary {
    static let standard = DisclosureVocabulary()

    /// Values per item's row, and what each holds.
    let columnCounts = DisclosureItem.allCases.map(\.columns.count)
    let kinds: [[CellValue.Kind]] = DisclosureItem.allCases.map { item in
        item == .fees ? [.amount] : Array(repeating: .count, count: item.columns.count)
    }
    /// Each item's accepted row labels.
    let itemLabels: [(label: Phrase, item: DisclosureItem)] =
        DisclosureItem.allCases.flatMap { item in item.acceptedLabels.map { (Phrase($0), item) } }
    /// Cells of the table's header.
    let headerPhrases: [Phrase] = ["第二十条", "件数", "数量", "金额"]
    let informationContent = Phrase("信息内容")
}

/// Table 三.
struct ApplicationVocabulary {
    static let standard = ApplicationVocabulary()

    let kinds = [CellValue.Kind](repeating: .count, count: ApplicantColumn.allCases.count)
    /// The phrases that identify each row (`ApplicationRow.identifyingPhrases`).
    let phrases: [(Phrase, ApplicationRow)] = ApplicationRow.allCases.flatMap { row in row.identifyingPhrases.map { (Phrase($0), row) } }
    /// Group labels and header cells: never a row of their own.
    let groupAndHeaderPhrases: [Phrase] = ["本年度办理结果", "不予公开", "无法提供", "不予处理", "其他处理", "申请人情况", "勾稽关系", "钩稽关系", "法人或其他组织"]
    let columnLabels: [Phrase] = (ApplicantColumn.allCases.map(\.label) + ["其它"]).map { Phrase($0) }
    /// （六）其他处理 3.其他, written many ways; 其他 alone is also a column header.
    let otherOtherLabels: [Phrase] = ["3.其他", "3、其他", "(3)其他", "3其他", "3.其它", "其他", "其它"]
    let otherHandlingPrefixes: [Phrase] = ["(六)其他处理", "(六)"]
    /// （七）总计; 总计 alone is also a column header.
    let totalLabels: [Phrase] = ["总计", "七、总计", "(七)合计", "合计", "七总计"]
}

/// Table 四.
struct ReviewVocabulary {
    static let standard = ReviewVocabulary()

    let headerKeys: [Phrase] = [
        "行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "合计",
        "未经复议直接起诉", "复议后起诉",
    ]
    /// The header cell the table starts at.
    let review = Phrase("行政复议")
    /// Cells of the one data row.
    let cellCount = ReviewGroup.allCases.count * ReviewColumn.allCases.count
    let dataRowLabel = PrintedText("行政复议、行政诉讼数据行")
}

/// The superseded 2019 layout, recognised by the column and row names only it has, and the
/// 2021 layout by the column names only it has.
struct LayoutMarkers {
    static let standard = LayoutMarkers()

    static let formerKeys = [
        "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "本年增减",
        "其他对外管理服务事项", "第二十条第(九)项", "政府集中采购", "采购项目数量", "采购总金额",
    ]
    static let currentKeys = ["本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额"]

    /// Every marker of either layout contains one of these: most cells are rejected at once.
    let prefilter: [Phrase] = ["本年", "对外", "上一年", "(九)", "采购", "现行有效"]
    let formerPhrases = formerKeys.map { Phrase($0) }
    let currentPhrases = currentKeys.map { Phrase($0) }
}
