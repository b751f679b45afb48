/// Reads the report year from the title, the statistics period and explicit dates in the text.
enum YearFinder {
    /// Every `YYYY年` in a folded key, with the character offset just after 年.
    static func yearMentions(in key: String) -> [(year: Int, end: String.Index)] {
        var mentions: [(Int, String.Index)] = []
        var index = key.startIndex
        var digitRun = 0
        var value = 0
        while index < key.endIndex {
            let character = key[index]
            if character.isASCIIDigit {
                digitRun += 1
                value = digitRun == 1 ? character.wholeNumberValue! : value * 10 + character.wholeNumberValue!
            } else {
                if character == "年", digitRun == 4, (1990...2100).contains(value) {
                    mentions.append((value, key.index(after: index)))
                }
                digitRun = 0
                value = 0
            }
            index = key.index(after: index)
        }
        return mentions
    }

    static func find(title: String?, paragraphs: [String]) -> YearEvidence {
        var evidence = YearEvidence()
        if let title { evidence.title = yearMentions(in: title).first?.year }

        var counts: [Int: Int] = [:]
        for text in paragraphs {
            let mentions = yearMentions(in: text)
            for (position, mention) in mentions.enumerated() {
                counts[mention.year, default: 0] += 1
                let rest = text[mention.end...]
                let before = text[..<text.index(mention.end, offsetBy: -5, limitedBy: text.startIndex)!].suffix(6)
                // 统计期限…2023年1月1日至2023年12月31日
                if evidence.statisticsPeriod == nil, rest.hasPrefix("1月1日至") || rest.hasPrefix("01月01日至") {
                    evidence.statisticsPeriod = mention.year
                    if position + 1 < mentions.count, mentions[position + 1].year != mention.year {
                        evidence.statisticsPeriod = mentions[position + 1].year
                    }
                }
                if evidence.statisticsPeriod == nil, before.has("统计期") || before.has("统计时限") {
                    evidence.statisticsPeriod = mention.year
                }
                // 截至2023年12月31日, 截止2023年底
                if evidence.text == nil, before.hasSuffix("截至") || before.hasSuffix("截止") || before.hasSuffix("截止到"),
                   rest.hasPrefix("12月31日") || rest.hasPrefix("底") || rest.hasPrefix("末") {
                    evidence.text = mention.year
                }
            }
        }
        evidence.mostMentioned = counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
        return evidence
    }
}

extension Substring {
    func has(_ needle: String) -> Bool { String(self).has(needle) }
}
