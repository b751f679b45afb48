/// Numbers that reports commonly state in their prose, to be compared with the tables.
public struct ProseStatement: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// 共收到/受理政府信息公开申请N件
        case applicationsReceived
        /// 结转下年度继续办理N件
        case carriedForward
        /// 行政复议N件
        case reviews
        /// 行政诉讼N件
        case lawsuits
        /// 未发生行政复议、行政诉讼: the groups said to be empty
        case noReviewOrLitigation(reviews: Bool, lawsuits: Bool)
    }

    public var kind: Kind
    public var number: Int?
    public var section: Section?
    /// The clause as printed (folded), for the message.
    public var clause: String
}

enum ProseStatementFinder {
    /// 。；;，, end a clause.
    static func isClauseEnd(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3002, 0xFF1B, 0x3B, 0xFF0C, 0x2C: true
        default: false
        }
    }

    static func statements(in prose: [(section: Section?, text: Substring)]) -> [ProseStatement] {
        var found: [ProseStatement] = []
        for (section, text) in prose {
            for range in text.withBytes(candidateClauses) {
                let clause = text.byteSlice(range)
                if let statement = statement(in: clause) {
                    found.append(ProseStatement(kind: statement.kind, number: statement.number, section: section, clause: String(clause)))
                }
            }
        }
        return found
    }

    /// The words every statement contains (申请, 结转, 转入, 行政), as UTF-8: each starts with E7 or E8.
    private static let candidateWords: [[UInt8]] = ["申请", "结转", "转入", "行政"].map { Array($0.utf8) }

    /// Byte ranges of the clauses (trimmed, not empty) that contain a candidate word; one pass
    /// over the bytes, since most of a report's prose states none of these numbers.
    static func candidateClauses(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var clauses: [Range<Int>] = []
        var start = 0, index = 0, candidate = false
        func close(_ end: Int) {
            if candidate {
                let trimmed = UTF8Scanning.trimmedRange(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                if !trimmed.isEmpty { clauses.append((start + trimmed.lowerBound)..<(start + trimmed.upperBound)) }
            }
            candidate = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0xE3 || byte > 0xEF {
                if byte == 0x3B || byte == 0x2C {  // ; ,
                    close(index)
                    start = index + 1
                }
                index += 1
                continue
            }
            let (value, width) = UTF8Scanning.scalar(bytes, at: index)
            if isClauseEnd(Unicode.Scalar(value)!) {
                close(index)
                start = index + width
            } else if !candidate, byte == 0xE7 || byte == 0xE8, index + 6 <= bytes.count {
                candidate = candidateWords.contains { word in (0..<6).allSatisfy { bytes[index + $0] == word[$0] } }
            }
            index += width
        }
        close(bytes.count)
        return clauses
    }

    /// Words allowed between a phrase and its number: 结转下年度继续办理N件, 行政复议案件N件.
    private static let fillers = ["政府信息公开", "信息公开", "继续办理", "案件", "申请", "总数", "总量", "数量", "合计", "总计", "共计", "共", "为", "数", "了", ":", "的"]
    private static let units: Set<Character> = ["件", "起", "宗", "个", "条", "次", "例"]

    private static func statement(in clause: Substring) -> (kind: ProseStatement.Kind, number: Int?)? {
        // Most clauses state none of these: one cheap look for the common characters first.
        guard clause.has("申请") || clause.has("结转") || clause.has("转入") || clause.has("行政") else { return nil }
        let clause = String(clause)
        // Carried forward first: its clause also mentions 申请.
        for phrase in ["结转下年度", "结转到下年度", "结转至下年度", "结转下一年度", "转入下年度", "结转下年"] {
            if let number = number(after: phrase, in: clause) { return (.carriedForward, number) }
        }
        let mentionsReview = clause.has("行政复议"), mentionsLawsuit = clause.has("行政诉讼")
        if mentionsReview || mentionsLawsuit {
            for negation in ["未发生", "未出现", "没有", "未收到", "未被", "无"] {
                let offsets = clause.byteOffsets(of: negation)
                let firstKeyword = [clause.byteOffsets(of: "行政复议").first, clause.byteOffsets(of: "行政诉讼").first].compactMap { $0 }.min()!
                if let offset = offsets.first, offset < firstKeyword, !clause.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) {
                    return (.noReviewOrLitigation(reviews: mentionsReview, lawsuits: mentionsLawsuit), nil)
                }
            }
            if mentionsReview, !mentionsLawsuit, let number = number(after: "行政复议", in: clause) { return (.reviews, number) }
            if mentionsLawsuit, !mentionsReview, let number = number(after: "行政诉讼", in: clause) { return (.lawsuits, number) }
            return nil
        }
        guard let applyOffset = clause.byteOffsets(of: "申请").first else { return nil }
        let before = String(decoding: clause.utf8.prefix(applyOffset), as: UTF8.self)
        guard ["收到", "受理", "接收", "新收", "接到", "收悉"].contains(where: { before.has($0) }),
              !["结转", "办结", "答复", "处理", "办理"].contains(where: { before.has($0) }) else { return nil }
        if let number = number(after: "申请", in: clause) { return (.applicationsReceived, number) }
        return nil
    }

    /// The number written right after `phrase` (only filler words between), followed by a unit.
    private static func number(after phrase: String, in clause: String) -> Int? {
        for offset in clause.byteOffsets(of: phrase) {
            var rest = Substring(String(decoding: clause.utf8.dropFirst(offset + phrase.utf8.count), as: UTF8.self))
            var skipped = true
            while skipped {
                skipped = false
                for filler in fillers where rest.hasPrefix(filler) {
                    rest = rest.dropFirst(filler.count)
                    skipped = true
                }
            }
            let digits = rest.prefix(while: { $0.isASCIIDigit || chineseDigits[$0] != nil || $0 == "十" || $0 == "百" })
            guard !digits.isEmpty, let unit = rest.dropFirst(digits.count).first, units.contains(unit),
                  let value = parseNumber(digits) else { continue }
            return value
        }
        return nil
    }

    private static let chineseDigits: [Character: Int] = [
        "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]

    /// `12`, or Chinese numerals up to 999: 三, 十二, 二十, 一百零五.
    static func parseNumber(_ text: Substring) -> Int? {
        if text.allSatisfy(\.isASCIIDigit) { return text.count <= 9 ? Int(text) : nil }
        guard !text.contains(where: \.isASCIIDigit) else { return nil }
        var total = 0, pending = 0
        for character in text {
            if let digit = chineseDigits[character] {
                pending = digit
            } else if character == "十" {
                total += (pending == 0 ? 1 : pending) * 10
                pending = 0
            } else if character == "百" {
                total += pending * 100
                pending = 0
            } else {
                return nil
            }
        }
        return total + pending
    }
}
