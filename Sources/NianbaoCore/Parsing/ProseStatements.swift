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
        CharacterClass.isClauseEnd(scalar.value)
    }

    static func statements(in prose: Prose) -> [ProseStatement] {
        var found: [ProseStatement] = []
        prose.forEach { section, bytes in
            for candidate in candidateClauses(bytes) {
                let clause = bytes.view(candidate.range)
                if let statement = statement(in: clause, words: candidate.words) {
                    found.append(ProseStatement(kind: statement.kind, number: statement.number, section: section, clause: clause.text))
                }
            }
        }
        return found
    }

    /// The words every statement contains, as UTF-8: each starts with E7 or E8.
    struct Words: OptionSet {
        let rawValue: UInt8
        static let application = Words(rawValue: 1)  // 申请
        static let carried = Words(rawValue: 2)  // 结转
        static let transferred = Words(rawValue: 4)  // 转入
        static let administrative = Words(rawValue: 8)  // 行政
    }
    /// Each word's six bytes as a little-endian number, to be compared at once.
    private static let candidateWords: [(word: UInt64, flag: Words)] = [
        ("申请", Words.application), ("结转", .carried), ("转入", .transferred), ("行政", .administrative),
    ].map { word, flag in (Array(word.utf8).withByteView { $0.integer(at: 0, count: 6) }, flag) }

    /// From the lowest to the highest lead byte of the candidate words (a word's first byte is
    /// its number's low byte): only an ideograph leading with one of these is compared with the
    /// words. One range check, as cheap as the two literals it replaces.
    private static let candidateLeads: ClosedRange<UInt8> = {
        let leads = candidateWords.map { UInt8(truncatingIfNeeded: $0.word) }
        return leads.min()!...leads.max()!
    }()

    /// Byte ranges of the clauses (trimmed, not empty) that contain a candidate word, with the
    /// words they contain; one pass over the bytes, since most of a report's prose states none
    /// of these numbers.
    static func candidateClauses(_ bytes: ByteView) -> [(range: Range<Int>, words: Words)] {
        var clauses: [(range: Range<Int>, words: Words)] = []
        var start = 0, index = 0, words: Words = []
        let candidateWords = candidateWords, candidateLeads = candidateLeads  // held for the loop: no initialisation check per character
        func close(_ end: Int) {
            if !words.isEmpty {
                let trimmed = UTF8Scanning.trimmedRange(bytes.view(start..<end))
                if !trimmed.isEmpty { clauses.append(((start + trimmed.lowerBound)..<(start + trimmed.upperBound), words)) }
            }
            words = []
        }
        while index < bytes.count {
            let byte = bytes[index]
            if !CharacterClass.leadsThreeBytes(byte) {
                if byte == 0x3B || byte == 0x2C {  // ; ,
                    close(index)
                    start = index + 1
                }
                index += 1
                continue
            }
            if !CharacterClass.mayLeadLongClauseEnd(byte) {
                // A three-byte scalar that ends no clause, most of the prose: no decoding.
                if candidateLeads.contains(byte), index + 6 <= bytes.count {
                    let six = bytes.integer(at: index, count: 6)
                    for (word, flag) in candidateWords where six == word { words.insert(flag) }
                }
                index += 3
                continue
            }
            let (value, width) = UTF8Scanning.scalar(bytes, at: index)
            if isClauseEnd(Unicode.Scalar(value)!) {
                close(index)
                start = index + width
            }
            index += width
        }
        close(bytes.count)
        return clauses
    }

    /// Words allowed between a phrase and its number: 结转下年度继续办理N件, 行政复议案件N件.
    private static let fillers = ["政府信息公开", "信息公开", "继续办理", "案件", "申请", "总数", "总量", "数量", "合计", "总计", "共计", "共", "为", "数", "了", ":", "的"]
    private static let units: Set<Character> = ["件", "起", "宗", "个", "条", "次", "例"]

    private static let carriedForwardPhrases: [[UInt8]] = ["结转下年度", "结转到下年度", "结转至下年度", "结转下一年度", "转入下年度", "结转下年"].map { Array($0.utf8) }
    private static let negations: [[UInt8]] = ["未发生", "未出现", "没有", "未收到", "未被", "无"].map { Array($0.utf8) }
    private static let review = Array("行政复议".utf8), lawsuit = Array("行政诉讼".utf8), application = Array("申请".utf8)
    private static let receivedWords: [[UInt8]] = ["收到", "受理", "接收", "新收", "接到", "收悉"].map { Array($0.utf8) }
    private static let handledWords: [[UInt8]] = ["结转", "办结", "答复", "处理", "办理"].map { Array($0.utf8) }

    /// A clause's statement, read from its bytes (the clause is a folded key, so byte equality is
    /// the right equality). `words` are the candidate words the clause holds: phrases that
    /// contain none of them are not searched for.
    private static func statement(in clause: ByteView, words: Words) -> (kind: ProseStatement.Kind, number: Int?)? {
        func first(_ word: [UInt8]) -> Int? { word.withByteView { ByteSearch.find($0, in: clause, from: 0) } }
        // Carried forward first: its clause also mentions 申请. Every phrase holds 结转 or 转入.
        if !words.isDisjoint(with: [.carried, .transferred]) {
            for phrase in carriedForwardPhrases {
                if let number = number(after: phrase, in: clause) { return (.carriedForward, number) }
            }
        }
        let mentionsAdministrative = words.contains(.administrative)
        let firstReview = mentionsAdministrative ? first(review) : nil, firstLawsuit = mentionsAdministrative ? first(lawsuit) : nil
        let mentionsReview = firstReview != nil, mentionsLawsuit = firstLawsuit != nil
        if mentionsReview || mentionsLawsuit {
            let firstKeyword = [firstReview, firstLawsuit].compactMap { $0 }.min()!
            if !clause.contains(where: { $0 >= 0x30 && $0 <= 0x39 }),
               negations.contains(where: { first($0).map { $0 < firstKeyword } ?? false }) {
                return (.noReviewOrLitigation(reviews: mentionsReview, lawsuits: mentionsLawsuit), nil)
            }
            if mentionsReview, !mentionsLawsuit, let number = number(after: review, in: clause) { return (.reviews, number) }
            if mentionsLawsuit, !mentionsReview, let number = number(after: lawsuit, in: clause) { return (.lawsuits, number) }
            return nil
        }
        guard words.contains(.application), let applyOffset = first(application) else { return nil }
        let before = clause.view(..<applyOffset)
        func beforeHas(_ word: [UInt8]) -> Bool { word.withByteView { ByteSearch.find($0, in: before, from: 0) != nil } }
        guard receivedWords.contains(where: beforeHas), !handledWords.contains(where: beforeHas) else { return nil }
        if let number = number(after: application, in: clause) { return (.applicationsReceived, number) }
        return nil
    }

    /// The number written right after `phrase` (only filler words between), followed by a unit;
    /// every occurrence of the phrase is tried, left to right, without overlaps.
    private static func number(after phrase: [UInt8], in clause: ByteView) -> Int? {
        var start = 0
        while let offset = phrase.withByteView({ ByteSearch.find($0, in: clause, from: start) }) {
            start = offset + phrase.count
            let rest = clause.dropping(offset + phrase.count)
            if let value = number(startingWith: characters(of: rest)) { return value }
        }
        return nil
    }

    private static let fillerScalars: [[UInt32]] = fillers.map { $0.unicodeScalars.map(\.value) }
    private static let unitScalars: [UInt32] = units.map { $0.unicodeScalars.first!.value }
    private static let numeralScalars: [UInt32] = (Array(chineseDigits.keys) + ["十", "百"]).map { $0.unicodeScalars.first!.value }

    /// The text's characters as scalar values, nil for a character of several scalars (a
    /// letter with a combining mark), which is no filler, digit or unit. Text of single-scalar
    /// characters only, nearly all prose, is decoded from its bytes without String's grapheme
    /// breaking.
    private static func characters(of text: ByteView) -> [UInt32?] {
        if SingleScalarCharacters.all(in: text) {
            var characters: [UInt32?] = []
            characters.reserveCapacity(text.count / 3 + 1)
            var index = 0
            while index < text.count {
                let (value, width) = text.scalar(at: index)
                characters.append(value)
                index += width
            }
            return characters
        }
        return text.text.map { $0.unicodeScalars.count == 1 ? $0.unicodeScalars.first!.value : nil }
    }

    /// Fillers, then digits (ASCII or Chinese numerals), then a unit.
    private static func number(startingWith characters: [UInt32?]) -> Int? {
        var index = 0
        var skipped = true
        while skipped {
            skipped = false
            for filler in fillerScalars where characters[index...].starts(with: filler.lazy.map(Optional.some)) {
                index += filler.count
                skipped = true
            }
        }
        let digitsStart = index
        while index < characters.count, let value = characters[index], (value >= 0x30 && value <= 0x39) || numeralScalars.contains(value) {
            index += 1
        }
        guard index > digitsStart, index < characters.count, let unit = characters[index], unitScalars.contains(unit) else { return nil }
        let digits = String(String.UnicodeScalarView(characters[digitsStart..<index].map { Unicode.Scalar($0!)! }))
        return parseNumber(digits[...])
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
