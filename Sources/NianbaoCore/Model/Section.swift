/// The six sections of the 2021 national layout, in their required order.
public enum Section: Int, CaseIterable, Sendable, Comparable {
    case one = 1, two, three, four, five, six

    /// The Chinese numeral that opens the heading (一、…) and names the section in messages.
    public var numeral: String {
        ["一", "二", "三", "四", "五", "六"][rawValue - 1]
    }

    public var canonicalTitle: String {
        switch self {
        case .one: "一、总体情况"
        case .two: "二、主动公开政府信息情况"
        case .three: "三、收到和处理政府信息公开申请情况"
        case .four: "四、政府信息公开行政复议、行政诉讼情况"
        case .five: "五、存在的主要问题及改进情况"
        case .six: "六、其他需要报告的事项"
        }
    }

    public var englishTitle: String {
        switch self {
        case .one: "overview"
        case .two: "proactive disclosure"
        case .three: "applications received and handled"
        case .four: "administrative review and litigation"
        case .five: "problems and improvements"
        case .six: "other matters"
        }
    }

    public init?(numeral: String) {
        guard let found = Section.allCases.first(where: { $0.numeral == numeral }) else { return nil }
        self = found
    }

    public static func < (lhs: Section, rhs: Section) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The three tables of the report, named by the section that holds them.
public enum TableID: String, Sendable, CaseIterable {
    case two = "二", three = "三", four = "四"

    public var section: Section {
        switch self {
        case .two: .two
        case .three: .three
        case .four: .four
        }
    }
}
