/// Reads the report year from the title, the statistics period and explicit dates in the text.
/// Works on the folded keys' UTF-8 bytes: every `YYYY年` and the words around it are ASCII or
/// CJK, compared byte for byte.
enum YearFinder {
    private static let yearCharacter: [UInt8] = Array("年".utf8)
    private static let years = 1990...2100

    /// Every `YYYY年` (1990–2100) in a folded key: the year, the byte offset of its first digit
    /// and the byte offset just after 年.
    static func yearMentions(in key: ByteView) -> [(year: Int, start: Int, end: Int)] {
        var mentions: [(year: Int, start: Int, end: Int)] = []
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        var from = 0
        while let offset = yearCharacter.withByteView({ ByteSearch.find($0, in: key, from: from) }) {
            from = offset + yearCharacter.count
            guard offset >= 4 else { continue }
            let digitsStart = offset - 4
            guard (digitsStart..<offset).allSatisfy({ isDigit(key[$0]) }) else { continue }
            if digitsStart > 0, isDigit(key[digitsStart - 1]) { continue }
            let year = (digitsStart..<offset).reduce(0) { $0 * 10 + Int(key[$1] - 0x30) }
            guard years.contains(year) else { continue }
            mentions.append((year, digitsStart, offset + yearCharacter.count))
        }
        return mentions
    }

    static func find(title: ByteView?, prose: Prose) -> YearEvidence {
        var evidence = YearEvidence()
        if let title { evidence.title = yearMentions(in: title).first?.year }

        // Mentions per year, indexed from 1990.
        var counts = [Int](repeating: 0, count: years.count)
        prose.forEach { _, bytes in
            let mentions = yearMentions(in: bytes)
            for (position, mention) in mentions.enumerated() {
                counts[mention.year - years.lowerBound] += 1
                let rest = bytes.dropping(mention.end)
                let before = bytes.view(..<mention.start)
                // 统计期限…2023年1月1日至2023年12月31日
                if evidence.statisticsPeriod == nil, rest.hasPrefix("1月1日至") || rest.hasPrefix("01月01日至") {
                    evidence.statisticsPeriod = mention.year
                    if position + 1 < mentions.count, mentions[position + 1].year != mention.year {
                        evidence.statisticsPeriod = mentions[position + 1].year
                    }
                }
                if evidence.statisticsPeriod == nil {
                    let window = lastCharacters(8, of: before)
                    if window.has("统计期") || window.has("统计时限") { evidence.statisticsPeriod = mention.year }
                }
                // 截至2023年12月31日, 截止2023年底
                if evidence.text == nil,
                   before.hasSuffix("截至") || before.hasSuffix("截止") || before.hasSuffix("截止到") || before.hasSuffix("截至到"),
                   rest.hasPrefix("12月31日") || rest.hasPrefix("底") || rest.hasPrefix("末") {
                    evidence.text = mention.year
                }
            }
        }
        // The most mentioned year; the earliest of those mentioned equally often.
        var most: (year: Int, count: Int)?
        for (index, count) in counts.enumerated() where count > 0 && count > (most?.count ?? 0) {
            most = (years.lowerBound + index, count)
        }
        evidence.mostMentioned = most?.year
        return evidence
    }

    /// The bytes of the last `count` Characters (graphemes) of `text`. Scalar by scalar from
    /// the end while the scalars are single-scalar characters (each its own grapheme); through
    /// String's grapheme breaking otherwise.
    static func lastCharacters(_ count: Int, of text: ByteView) -> ByteView {
        var start = text.count, scalars = 0
        // One scalar beyond the window: the break before the window needs both of its sides.
        while start > 0, scalars <= count {
            var lead = start - 1
            while lead > 0, CharacterClass.isContinuation(text[lead]) { lead -= 1 }
            guard SingleScalarCharacters.all(in: text.view(lead..<start)) else {
                let suffix = Substring(text.text).suffix(count)
                return text.dropping(text.count - suffix.utf8.count)
            }
            scalars += 1
            if scalars <= count { start = lead }
        }
        return text.dropping(start)
    }
}
