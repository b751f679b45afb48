/// Recognises the six section headings by their number plus key words, never by exact text:
/// agencies write 一、概述, 四、因政府信息公开工作被申请行政复议、提起行政诉讼情况, 其他事项….
enum HeadingRecognizer {
    /// Key words of each section; one must occur in a numbered heading.
    private static let keyWords: [Section: [String]] = [
        .one: ["总体", "概述", "概况", "基本情况"],
        .two: ["主动公开"],
        .three: ["申请"],
        .four: ["行政复议", "行政诉讼"],
        .five: ["问题", "改进"],
        .six: ["其他"],
    ]

    /// Titles recognised even without their numeral, compared whole.
    private static let unnumberedTitles: [String: Section] = [
        "总体情况": .one, "概述": .one,
        "主动公开政府信息情况": .two,
        "收到和处理政府信息公开申请情况": .three,
        "政府信息公开行政复议、行政诉讼情况": .four, "行政复议与行政诉讼情况": .four,
        "存在的主要问题及改进情况": .five, "存在问题及改进措施": .five,
        "政府信息公开工作存在的主要问题及改进情况": .five, "存在的主要问题及明年工作计划": .five,
        "其他需要报告的事项": .six, "其他事项": .six, "其他报告事项": .six, "其他需报告事项": .six,
    ]

    /// The longest key a heading line can have; longer lines are prose.
    private static let maximumLength = 48
    /// The most UTF-8 bytes such a line can take, with white space and decoration around it.
    static let longestLineBytes = (maximumLength + 4) * 4 + 32

    private static let numerals: [UInt32] = Section.allCases.map { $0.numeral.unicodeScalars.first!.value }
    private static let separators: [UInt32] = [0x3001, 0x2E, 0x2C, 0x3A]  // 、.,:
    private static let titles: [(title: [UInt8], section: Section)] = unnumberedTitles.map { (Array($0.key.utf8), $0.value) }
    /// `keyWords` as phrases, by section number (`rawValue - 1`): no dictionary lookup per line.
    private static let keyWordBytes: [[Phrase]] = Section.allCases.map { section in keyWords[section]!.map { Phrase($0) } }
    private static let fullStop = Phrase("。")

    static func section(ofLine cell: Cell) -> Section? {
        guard cell.length > 1, cell.length <= maximumLength + 4 else { return nil }
        var start = 0, end = cell.key.count
        // Markdown and Word-export decoration around a heading.
        while start < end, cell.key[start] == 0x23 || cell.key[start] == 0x2A || cell.key[start] == 0x3E { start += 1 }  // # * >
        while start < end, cell.key[end - 1] == 0x2A || cell.key[end - 1] == 0x3A { end -= 1 }  // * :
        let key = cell.key.view(start..<end)
        guard !key.isEmpty, !key.has(fullStop) else { return nil }

        if let section = titles.first(where: { $0.title.count == key.count && $0.title.elementsEqual(key) })?.section { return section }

        let (first, firstWidth) = UTF8Scanning.scalar(key, at: 0)
        guard let index = numerals.firstIndex(of: first), firstWidth < key.count else { return nil }
        let section = Section.allCases[index]
        let (separator, separatorWidth) = UTF8Scanning.scalar(key, at: firstWidth)
        guard separators.contains(separator) else { return nil }
        let title = key.dropping(firstWidth + separatorWidth)
        guard keyWordBytes[index].contains(where: { title.has($0) }) else { return nil }
        // Rows of table 三 also start with 一、二、三、四、: their words never name a section.
        return section
    }
}
