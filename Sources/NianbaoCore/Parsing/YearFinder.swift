/// Reads the report year from the title, the statistics period and explicit dates in the text.
enum YearFinder {
    private static let yearCharacter: [UInt8] = Array("年".utf8)

    /// Every `YYYY年` (1990–2100) in a folded key: the year and the index just after 年.
    static func yearMentions(in key: Substring) -> [(year: Int, start: String.Index, end: String.Index)] {
        var mentions: [(Int, String.Index, String.Index)] = []
        let bytes = key.utf8
        for offset in key.byteOffsets(of: "年") where offset >= 4 {
            let digitsStart = bytes.index(bytes.startIndex, offsetBy: offset - 4)
            let digits = bytes[digitsStart..<bytes.index(digitsStart, offsetBy: 4)]
            guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { continue }
            if digitsStart > bytes.startIndex, let before = bytes[..<digitsStart].last, before >= 0x30 && before <= 0x39 { continue }
            let year = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            guard (1990...2100).contains(year) else { continue }
            mentions.append((year, digitsStart, bytes.index(digitsStart, offsetBy: 4 + yearCharacter.count)))
        }
        return mentions
    }

    static func find(title: Substring?, paragraphs: [Substring]) -> YearEvidence {
        var evidence = YearEvidence()
        if let title { evidence.title = yearMentions(in: title).first?.year }

        var counts: [Int: Int] = [:]
        for text in paragraphs {
            let mentions = yearMentions(in: text)
            for (position, mention) in mentions.enumerated() {
                counts[mention.year, default: 0] += 1
                let rest = text[mention.end...]
                let before = text[..<mention.start]
                // 统计期限…2023年1月1日至2023年12月31日
                if evidence.statisticsPeriod == nil, rest.hasUTF8Prefix("1月1日至") || rest.hasUTF8Prefix("01月01日至") {
                    evidence.statisticsPeriod = mention.year
                    if position + 1 < mentions.count, mentions[position + 1].year != mention.year {
                        evidence.statisticsPeriod = mentions[position + 1].year
                    }
                }
                if evidence.statisticsPeriod == nil, before.suffix(8).has("统计期") || before.suffix(8).has("统计时限") {
                    evidence.statisticsPeriod = mention.year
                }
                // 截至2023年12月31日, 截止2023年底
                if evidence.text == nil,
                   before.hasUTF8Suffix("截至") || before.hasUTF8Suffix("截止") || before.hasUTF8Suffix("截止到") || before.hasUTF8Suffix("截至到"),
                   rest.hasUTF8Prefix("12月31日") || rest.hasUTF8Prefix("底") || rest.hasUTF8Prefix("末") {
                    evidence.text = mention.year
                }
            }
        }
        evidence.mostMentioned = counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
        return evidence
    }
}
