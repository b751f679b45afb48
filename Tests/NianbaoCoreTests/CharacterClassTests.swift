import Testing
@testable import NianbaoCore

/// Every fast test on UTF-8 bytes agrees with the definition it derives from, for every
/// Unicode scalar (`CharacterClass`).
@Suite("Character classes")
struct CharacterClassTests {
    /// Every scalar with its UTF-8 bytes.
    static let scalars: [(value: UInt32, utf8: [UInt8])] = (0...0x10FFFF).compactMap { value in
        Unicode.Scalar(value).map { (value, Array(String($0).utf8)) }
    }

    @Test("the scalar walk covers every scalar")
    func walk() {
        #expect(Self.scalars.count == 0x110000 - 0x800)
    }

    @Test("white space: no space starts with a lead said to start none; the long-space leads are exact")
    func space() {
        var longSpaceLeads = Set<UInt8>()
        for (value, utf8) in Self.scalars {
            let lead = utf8[0]
            if CharacterClass.isSpace(value) {
                #expect(!CharacterClass.leadsNoSpace(lead), "U+\(String(value, radix: 16))")
                if utf8.count > 1 { longSpaceLeads.insert(lead) } else { #expect(CharacterClass.isASCIISpace(lead) == (value != 0x85)) }
            } else if utf8.count == 1 {
                #expect(!CharacterClass.isASCIISpace(lead), "U+\(String(value, radix: 16))")
            }
            if utf8.count == 1 { #expect(CharacterClass.isPrintableASCII(lead) == (!CharacterClass.isSpace(value) && !CharacterClass.isControl(value))) }
        }
        #expect(longSpaceLeads == Set((0...255).map(UInt8.init).filter(CharacterClass.mayLeadLongSpace)))
        #expect(TextNormalizer.isSpace("\u{3000}") && TextNormalizer.isSpace("\u{A0}") && !TextNormalizer.isSpace("一"))
    }

    @Test("ideographs: the two-byte test is exact")
    func ideographs() {
        for (value, utf8) in Self.scalars {
            let exact = utf8.count == 3 && CharacterClass.leadsIdeograph(utf8[0], utf8[1])
            #expect(exact == CharacterClass.isIdeograph(value), "U+\(String(value, radix: 16))")
        }
    }

    @Test("digits: the byte test is exact")
    func digits() {
        for (value, utf8) in Self.scalars {
            let exact = CharacterClass.leadsDigit(utf8[0], utf8.count > 1 ? utf8[1] : 0, utf8.count > 2 ? utf8[2] : 0)
            #expect(exact == CharacterClass.isDigit(value), "U+\(String(value, radix: 16))")
        }
        #expect(CharacterClass.isDigit(0x30) && CharacterClass.isDigit(0xFF19) && !CharacterClass.isDigit(0x4E00))
    }

    @Test("control characters: the two-byte test is exact")
    func controls() {
        for (value, utf8) in Self.scalars {
            let second = utf8.count > 1 ? utf8[1] : 0
            #expect(CharacterClass.leadsControl(utf8[0], second) == CharacterClass.isControl(value), "U+\(String(value, radix: 16))")
        }
    }

    @Test("separators and line breaks start with the bytes the scans look for, and only those")
    func separators() {
        var separatorLeads = Set<UInt8>(), breakLeads = Set<UInt8>()
        for (value, utf8) in Self.scalars {
            if CharacterClass.isPipe(value) || CharacterClass.isTab(value) { separatorLeads.insert(utf8[0]) }
            if CharacterClass.isLineBreak(value) { breakLeads.insert(utf8[0]) }
        }
        #expect(separatorLeads == Set((0...255).map(UInt8.init).filter(CharacterClass.separatorLeads.contains)))
        #expect(breakLeads == Set((0...255).map(UInt8.init).filter(CharacterClass.lineBreakLeads.contains)))
        #expect(CharacterClass.isPipe(0x7C) && CharacterClass.isPipe(0xFF5C) && CharacterClass.isPipe(0x2502))
    }

    @Test("clause ends, the full stop and the minus sign: the byte tests are exact")
    func proseAndNumberMarks() {
        var longClauseEndLeads = Set<UInt8>(), fullStops: [[UInt8]] = [], minusSigns: [[UInt8]] = []
        for (value, utf8) in Self.scalars {
            let lead = utf8[0]
            #expect(CharacterClass.leadsThreeBytes(lead) == (utf8.count == 3), "U+\(String(value, radix: 16))")
            if CharacterClass.isClauseEnd(value), utf8.count > 1 { longClauseEndLeads.insert(lead) }
            if CharacterClass.isFullStop(value) { fullStops.append(utf8) }
            if CharacterClass.isMinusSign(value) { minusSigns.append(utf8) }
            #expect(CharacterClass.startsWithMinusSign(utf8) == CharacterClass.isMinusSign(value), "U+\(String(value, radix: 16))")
            if CharacterClass.isMinusSign(value) { #expect(CharacterClass.mayLeadMinusSign(lead)) }
        }
        #expect(longClauseEndLeads == Set((0...255).map(UInt8.init).filter(CharacterClass.mayLeadLongClauseEnd)))
        let fullStop = CharacterClass.fullStopUTF8
        #expect(fullStops == [[fullStop.0, fullStop.1, fullStop.2]])
        #expect(fullStops == [Array("。".utf8)] && minusSigns == [Array("−".utf8)])
        #expect(Set(minusSigns.map { $0[0] }) == Set((0...255).map(UInt8.init).filter(CharacterClass.mayLeadMinusSign)))
        #expect(["。", "；", "，", ";", ","].allSatisfy { CharacterClass.isClauseEnd($0.unicodeScalars.first!.value) })
    }

    @Test("continuation bytes are exactly the bytes after a scalar's first")
    func continuation() {
        for (_, utf8) in Self.scalars {
            #expect(!CharacterClass.isContinuation(utf8[0]))
            for byte in utf8.dropFirst() { #expect(CharacterClass.isContinuation(byte)) }
        }
    }

    @Test("the word scan finds the first target, whatever its place in the eight-byte words")
    func wordScan() {
        let targets = ByteTargets(0x7C, 0x09)
        for length in 0..<20 {
            for place in 0...length {
                var bytes = [UInt8](repeating: 0x41, count: length)
                if place < length { bytes[place] = place % 2 == 0 ? 0x7C : 0x09 }
                if place + 3 < length { bytes[place + 3] = 0x7C }
                let found = bytes.withByteView { $0.firstIndex(of: targets, from: 0, to: $0.count) }
                #expect(found == place, "length \(length), target at \(place)")
            }
        }
    }
}
