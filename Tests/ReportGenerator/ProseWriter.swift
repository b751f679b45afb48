import NianbaoCore

/// Realistic prose for the preamble and the six sections, stating the figures the model holds
/// (or the wrong ones a defect asks for). Deterministic for a model: it draws from its own RNG.
public struct ProseWriter {
    public let model: ReportModel
    private var rng: SplitMix64
    /// `（一）` or `(一)` for in-paragraph topic numbers.
    private let fullWidth: Bool

    public init(model: ReportModel, fullWidthPunctuation: Bool) {
        self.model = model
        rng = SplitMix64.derived(model.seed, 2)
        fullWidth = fullWidthPunctuation
    }

    private func topic(_ numeral: String) -> String { fullWidth ? "（\(numeral)）" : "(\(numeral))" }

    private var thisYear: String { model.mentionsYears ? "\(model.year)年" : "本年度" }
    private var nextYear: String { model.mentionsYears ? "\(model.year + 1)年" : "下一年度" }

    public var title: String {
        if let year = model.titleYear { return "\(model.agency)\(year)年政府信息公开工作年度报告" }
        return "\(model.agency)政府信息公开工作年度报告"
    }

    public mutating func introduction() -> String {
        var text = "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。"
        if let period = model.periodYear {
            text += rng.pick([
                "本报告中所列数据的统计期限为\(period)年1月1日至\(period)年12月31日。",
                "本报告所列数据统计期限为\(period)年1月1日至\(period)年12月31日。",
            ])
        }
        text += "本报告电子版可在“\(model.agency)”门户网站查阅或下载。如对本报告有疑问，请与\(model.agency)办公室联系（电话：0571-8\(rng.int(1000000...9999999))）。"
        return text
    }

    public mutating func paragraphs(of section: Section) -> [String] {
        switch section {
        case .one: sectionOne()
        case .two: ["\(thisYear)，本机关主动公开政府信息情况统计如下。"]
        case .three: ["本机关收到和处理政府信息公开申请的情况见下表。"]
        case .four: [sectionFour()]
        case .five: model.sectionFiveParagraphs ?? sectionFive()
        case .six: model.sectionSixParagraphs ?? sectionSix()
        }
    }

    private mutating func sectionOne() -> [String] {
        let inForce = model.disclosure[.normativeDocuments]?[safe: 2]?.count ?? 0
        let asOf = model.mentionsYears ? "截至\(model.year)年12月31日" : "截至本年末"
        let verb = rng.pick(["共收到", "共受理", "新收"])
        var received = "本年度\(verb)政府信息公开申请\(model.receivedInProse)件"
        if model.carriedOverInProse > 0 { received += "，上年结转\(model.carriedOverInProse)件" }
        return [
            "\(topic("一"))主动公开。本机关严格落实《条例》要求，围绕中心工作做好政府信息主动公开，通过门户网站发布政务信息\(rng.int(40...900))条，其中工作动态\(rng.int(10...300))条、通知公告\(rng.int(5...80))条。\(asOf)，本机关现行有效的行政规范性文件\(inForce)件。",
            "\(topic("二"))依申请公开。本机关进一步规范依申请公开办理流程，由专人负责登记、承办和答复。\(received)，均在法定期限内予以答复。结转下年度继续办理\(model.carriedForwardInProse)件。",
            "\(topic("三"))政府信息管理。本机关落实公开属性源头认定制度，对拟公开的政府信息严格进行保密审查，定期清理已公开的政府信息。",
            "\(topic("四"))政府信息公开平台建设。本机关持续优化门户网站栏目设置，及时更新政策文件、工作动态等栏目内容，全年网站访问量\(rng.int(2...90))万人次。",
            "\(topic("五"))监督保障。本机关将政府信息公开工作纳入年度考核，组织业务培训\(rng.int(1...6))次，未发生因政府信息公开工作被责任追究的情况。",
        ]
    }

    private func sectionFour() -> String {
        if model.saysNoReviewOrLitigation {
            return "本年度未发生因政府信息公开工作引起的行政复议、行政诉讼情况。"
        }
        return "本年度，本机关因政府信息公开工作被申请行政复议\(model.reviewsInProse)件，被提起行政诉讼\(model.lawsuitsInProse)件。"
    }

    private mutating func sectionFive() -> [String] {
        [
            "\(thisYear)，本机关政府信息公开工作取得了一定成效，但仍存在一些不足：一是主动公开的深度和广度有待拓展；二是政策解读形式比较单一，群众知晓度有待提高。",
            "\(nextYear)，本机关将从以下方面加以改进：一是加强政府信息公开业务培训，提高工作人员业务水平；二是丰富政策解读形式，运用图表、视频等方式进行解读，切实提升公开实效。",
        ]
    }

    private mutating func sectionSix() -> [String] {
        [rng.pick([
            "本年度本机关未收取信息处理费。",
            "\(thisYear)本机关依据《政府信息公开信息处理费管理办法》，未收取信息处理费。无其他需要报告的事项。",
            "本机关本年度未收取信息处理费，无其他需要报告的事项。",
        ])]
    }
}
