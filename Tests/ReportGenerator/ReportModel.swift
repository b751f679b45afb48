import NianbaoCore

/// One numeric cell of a generated table, as the agency meant to write it.
public enum GenValue: Equatable, CustomStringConvertible {
    case count(Int)
    /// A fee in 万元, with the exact text to print (`52.15`).
    case amount(Double, printed: String)
    /// Left empty; layouts that cannot show an empty cell print a placeholder instead.
    case blank
    /// A placeholder the agency typed: `/`, `—`, `-`, `无`.
    case placeholder(String)
    /// Arbitrary text (`abc`, `-1`, `2.5`) and what the core must read it as.
    case raw(String, reads: CellValue)

    /// What the core must read from the cell.
    public var expected: CellValue {
        switch self {
        case .count(let value): .count(value)
        case .amount(let value, _): .amount(value)
        case .blank, .placeholder: .notStated
        case .raw(_, let reads): reads
        }
    }

    public var count: Int? { if case .count(let value) = self { value } else { nil } }

    public var description: String {
        switch self {
        case .count(let value): String(value)
        case .amount(_, let printed): printed
        case .blank: "(blank)"
        case .placeholder(let text): text
        case .raw(let text, _): text
        }
    }
}

/// A consistent 2021-format report, before it is written out in some layout. Defects change
/// the model and say what the core must find; the renderer writes whatever the model says.
public struct ReportModel {
    public var seed: UInt64
    public var year: Int
    public var agency: String
    /// The year in the title; nil: the title names no year.
    public var titleYear: Int?
    /// The year of the 统计期限 sentence; nil: the report has none.
    public var periodYear: Int?
    /// Whether any `YYYY年` appears in the prose (NB207 removes them all).
    public var mentionsYears = true
    /// Whether the report counts received + carried over in its prose (共受理…N件), which the
    /// spec allows.
    public var statesReceivedWithCarriedOver = false

    public var disclosure: [DisclosureItem: [GenValue]] = [:]
    public var applications: [ApplicationRow: [GenValue]] = [:]
    /// 15 cells, group by group.
    public var review: [GenValue] = []
    /// Figures as generated, for prose that must stay right when a defect blanks a cell.
    public var pristineApplications: [ApplicationRow: [GenValue]] = [:]
    public var pristineReview: [GenValue] = []

    // Structure.
    public var sectionOrder: [Section] = Section.allCases
    public var headings: [Section: String] = [:]
    public var omittedHeadings: Set<Section> = []
    public var droppedTables: Set<TableID> = []
    public var dropReviewData = false
    /// Table 二 in the superseded 2019 columns for article 20 (一).
    public var formerDisclosureColumns = false
    /// Tables 二 and 三 wholly in the superseded 2019 layout (二 with 上一年项目数量/本年增/减 and
    /// 政府集中采购, 三 with （六）其他处理 as one row).
    public var formerLayout = false

    // Prose overrides (defects); nil means "say what the tables say".
    public var statedReceived: Int?
    public var statedCarriedForward: Int?
    public var statedReviews: Int?
    public var claimsNoReviewOrLitigation = false
    public var sectionFiveParagraphs: [String]?
    public var sectionSixParagraphs: [String]?

    public static let agencies = [
        "杭州市西湖区市场监督管理局", "南京市鼓楼区教育局", "成都市武侯区住房和城乡建设局", "济南市历下区卫生健康委员会",
        "长沙市岳麓区民政局", "沈阳市和平区司法局", "西安市雁塔区自然资源和规划局", "郑州市金水区财政局",
        "宁波市鄞州区交通运输局", "合肥市蜀山区人力资源和社会保障局",
    ]

    public static func generate(seed: UInt64) -> ReportModel {
        var rng = SplitMix64.derived(seed, 1)
        let year = rng.int(2021...2025)
        var model = ReportModel(seed: seed, year: year, agency: rng.pick(agencies), titleYear: year, periodYear: year)
        model.statesReceivedWithCarriedOver = rng.chance(0.2)
        model.disclosure = generateDisclosure(&rng)
        model.applications = generateApplications(&rng)
        model.review = generateReview(&rng)
        model.pristineApplications = model.applications
        model.pristineReview = model.review
        model.headings = generateHeadings(&rng, year: year)
        return model
    }

    private static func generateDisclosure(_ rng: inout SplitMix64) -> [DisclosureItem: [GenValue]] {
        func documents(issued: Int, repealed: Int, existing: Int) -> [GenValue] {
            let issuedNow = rng.int(0...issued), repealedNow = rng.int(0...repealed)
            return [.count(issuedNow), .count(repealedNow), .count(issuedNow + rng.int(0...existing))]
        }
        func decisions(_ scale: Int) -> [GenValue] {
            [.count(rng.chance(0.35) ? 0 : rng.int(1...scale))]
        }
        let fee: GenValue
        switch rng.int(0...3) {
        case 0, 1: fee = .amount(0, printed: "0")
        case 2:
            let printed = "\(rng.int(0...999)).\(rng.int(1...9))\(rng.int(1...9))"  // 52.15: never a trailing zero
            fee = .amount(Double(printed)!, printed: printed)
        default:
            let whole = rng.int(1...5000)
            fee = .amount(Double(whole), printed: String(whole))
        }
        return [
            .rules: documents(issued: 3, repealed: 2, existing: 20),
            .normativeDocuments: documents(issued: 25, repealed: 10, existing: 200),
            .licensing: decisions(rng.chance(0.3) ? 30000 : 500),
            .penalties: decisions(800),
            .enforcement: decisions(60),
            .fees: [fee],
        ]
    }

    /// Weights of the 21 outcome rows: most applications are granted or not held.
    private static let outcomeWeights: [ApplicationRow: Int] = [
        .granted: 40, .partiallyGranted: 8, .deniedStateSecret: 1, .deniedProhibitedByLaw: 1, .deniedThreeSafeties: 1,
        .deniedThirdParty: 2, .deniedInternalAffairs: 2, .deniedProcessInfo: 2, .deniedEnforcementFiles: 1,
        .deniedQueryMatter: 2, .unavailableNotHeld: 25, .unavailableNeedsCreation: 5, .unavailableUnclear: 3,
        .notProcessedPetition: 3, .notProcessedRepeat: 3, .notProcessedPublication: 1, .notProcessedExcessive: 1,
        .notProcessedConfirmation: 1, .otherNoCorrection: 3, .otherUnpaidFee: 1, .otherOther: 4,
    ]

    private static func generateApplications(_ rng: inout SplitMix64) -> [ApplicationRow: [GenValue]] {
        var counts: [ApplicationRow: [Int]] = [:]
        for row in ApplicationRow.allCases { counts[row] = Array(repeating: 0, count: 7) }
        let big = rng.chance(0.15)
        for column in 0..<6 {
            let received: Int
            if column == 0 {
                received = big ? rng.int(100...900) : rng.int(1...40)
            } else {
                received = rng.chance(0.6) ? 0 : rng.int(1...(big ? 60 : 8))
            }
            let carriedOver = rng.chance(0.6) ? 0 : rng.int(0...4)
            let incoming = received + carriedOver
            // The natural-person column always has something processed, so every defect that
            // moves a unit has one to move.
            let carriedForward = incoming == 0 ? 0 : (rng.chance(0.5) ? 0 : rng.int(0...min(5, incoming - 1)))
            let processed = incoming - carriedForward
            counts[.newReceived]![column] = received
            counts[.carriedOver]![column] = carriedOver
            counts[.totalProcessed]![column] = processed
            counts[.carriedForward]![column] = carriedForward
            let rows = ApplicationRow.outcomes
            let weights = rows.map { outcomeWeights[$0]! }
            let totalWeight = weights.reduce(0, +)
            for _ in 0..<processed {
                var draw = rng.int(0...(totalWeight - 1))
                for (index, weight) in weights.enumerated() {
                    if draw < weight { counts[rows[index]]![column] += 1; break }
                    draw -= weight
                }
            }
        }
        var table: [ApplicationRow: [GenValue]] = [:]
        for row in ApplicationRow.allCases {
            var values = counts[row]!
            values[6] = values[0..<6].reduce(0, +)
            table[row] = values.map(GenValue.count)
        }
        return table
    }

    private static func generateReview(_ rng: inout SplitMix64) -> [GenValue] {
        if rng.chance(0.45) { return Array(repeating: .count(0), count: 15) }
        var cells: [GenValue] = []
        for _ in ReviewGroup.allCases {
            let parts = (0..<4).map { _ in rng.chance(0.55) ? 0 : rng.int(1...4) }
            cells += (parts + [parts.reduce(0, +)]).map(GenValue.count)
        }
        return cells
    }

    private static func generateHeadings(_ rng: inout SplitMix64, year: Int) -> [Section: String] {
        [
            .one: rng.pick(["一、总体情况", "一、总体情况", "一、\(year)年政务公开总体情况", "一、概述"]),
            .two: rng.pick(["二、主动公开政府信息情况", "二、行政机关主动公开政府信息情况"]),
            .three: rng.pick(["三、收到和处理政府信息公开申请情况", "三、行政机关收到和处理政府信息公开申请情况"]),
            .four: rng.pick([
                "四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
                "四、政府信息公开行政复议和行政诉讼情况", "四、政府信息公开行政复议及行政诉讼情况",
            ]),
            .five: rng.pick(["五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况", "五、存在问题及改进措施"]),
            .six: rng.pick(["六、其他需要报告的事项", "六、其他事项", "六、其他报告事项", "六、其他需报告事项"]),
        ]
    }

    // MARK: - Facts the prose states

    /// The count a prose sentence states for a cell: the cell's own, or, when a defect made it
    /// unreadable, the figure it had before.
    private func stated(_ row: ApplicationRow, _ column: Int) -> Int {
        applications[row]?[safe: column]?.count ?? pristineApplications[row]![column].count!
    }

    private func reviewCount(_ index: Int) -> Int {
        (review.count == 15 ? review[index].count : nil) ?? pristineReview[index].count!
    }

    public var receivedInProse: Int {
        if let statedReceived { return statedReceived }
        let received = stated(.newReceived, 6)
        return statesReceivedWithCarriedOver ? received + stated(.carriedOver, 6) : received
    }

    public var carriedOverInProse: Int { stated(.carriedOver, 6) }
    public var carriedForwardInProse: Int { statedCarriedForward ?? stated(.carriedForward, 6) }
    public var reviewsInProse: Int { statedReviews ?? reviewCount(4) }
    public var lawsuitsInProse: Int { reviewCount(9) + reviewCount(14) }

    /// 未发生行政复议、行政诉讼: all 15 cells of table 四 are 0, or a defect claims so.
    public var saysNoReviewOrLitigation: Bool {
        if claimsNoReviewOrLitigation { return true }
        if statedReviews != nil { return false }
        return (0..<15).allSatisfy { reviewCount($0) == 0 }
    }
}

extension Array {
    public subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
