/// One pass over a text file's bytes for the usual case, valid UTF-8 with neither a byte order
/// mark nor a NUL: then the bytes are laid out as they are, without being validated again by
/// String, copied into it and scanned once more for control characters. Anything else (UTF-16,
/// GB18030, a BOM, broken or binary bytes) is left to `TextDecoder`, which says what it is.
struct UTF8Survey {
    /// Scalars, and control characters among them (as `ControlCharacters` counts them). The
    /// scalars are counted only when there are control characters to weigh them against.
    var scalars = 0
    var controls = 0
    /// The lines, split on LF, CRLF and lone CR (as `TextLayout` splits them): the breaks are
    /// control characters, which this pass stops at anyway.
    var lines: [Range<Int>] = []

    var tooManyControls: Bool { ControlCharacters.tooMany(controls: controls, of: scalars) }

    /// Nil unless the bytes are valid UTF-8 with no BOM and no NUL. The validation follows the
    /// Unicode table of well-formed sequences (no overlong forms, surrogates or values past
    /// U+10FFFF), as String's does: the layout reads these bytes as valid UTF-8.
    init?(_ bytes: UnsafeBufferPointer<UInt8>) { self.init(ByteView(bytes)) }

    init?(_ bytes: ByteView) {
        let count = bytes.count
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return nil }
        @inline(__always) func isContinuation(_ byte: UInt8) -> Bool { CharacterClass.isContinuation(byte) }
        var index = 0, lineStart = 0
        lines.reserveCapacity(count / 32)
        while index < count {
            let lead = bytes[index]
            // Three-byte scalars whose second byte may be any continuation byte (E1…EC, EE, EF):
            // CJK text, most of a report, checked first and in full here.
            if lead >= 0xE1, lead != 0xED, lead <= 0xEF {
                // Two at once when eight bytes are at hand: lead, continuation, continuation,
                // twice (the first lead is known; the second must be E1…EF but not ED).
                if index + 8 <= count {
                    let word = ByteWords.load(bytes, at: index)
                    if word & 0x0000_C0C0_F0C0_C0F0 == 0x0000_8080_E080_80E0 {
                        let secondLead = UInt8(truncatingIfNeeded: word >> 24)
                        if secondLead != 0xE0, secondLead != 0xED {
                            index += 6
                            continue
                        }
                    }
                }
                guard index + 2 < count, isContinuation(bytes[index + 1]), isContinuation(bytes[index + 2]) else { return nil }
                index += 3
                continue
            }
            if lead < 0x80 {
                // Eight bytes at a time: past those that are ASCII and no control character, up
                // to the first byte that is not (looked at below), or past all eight.
                if index + 8 <= count {
                    let word = ByteWords.load(bytes, at: index)
                    let mask = word & ByteWords.highs | ByteWords.below(word, 0x20) | ByteWords.matches(word, 0x7F)
                    if mask == 0 {
                        index += 8
                        continue
                    }
                    let plain = ByteWords.offsetOfFirst(mask)
                    index += plain
                    if plain > 0 { continue }
                }
                if lead < 0x20 {
                    if lead == 0 { return nil }
                    if lead == 0x0A || lead == 0x0D {
                        lines.append(lineStart..<index)
                        if lead == 0x0D, index + 1 < count, bytes[index + 1] == 0x0A { index += 1 }
                        lineStart = index + 1
                    } else if CharacterClass.leadsControl(lead, 0) {
                        controls += 1
                    }
                } else if CharacterClass.leadsControl(lead, 0) {
                    controls += 1
                }
                index += 1
                continue
            }
            switch lead {
            case 0xC2...0xDF:
                guard index + 1 < count, isContinuation(bytes[index + 1]) else { return nil }
                if CharacterClass.leadsControl(lead, bytes[index + 1]) { controls += 1 }  // C1 controls U+0080…U+009F
                index += 2
            case 0xE0...0xEF:
                guard index + 2 < count else { return nil }
                let second = bytes[index + 1]
                switch lead {
                case 0xE0: guard second >= 0xA0 && second <= 0xBF else { return nil }
                case 0xED: guard second >= 0x80 && second <= 0x9F else { return nil }
                default: guard isContinuation(second) else { return nil }
                }
                guard isContinuation(bytes[index + 2]) else { return nil }
                index += 3
            case 0xF0...0xF4:
                guard index + 3 < count else { return nil }
                let second = bytes[index + 1]
                switch lead {
                case 0xF0: guard second >= 0x90 && second <= 0xBF else { return nil }
                case 0xF4: guard second >= 0x80 && second <= 0x8F else { return nil }
                default: guard isContinuation(second) else { return nil }
                }
                guard isContinuation(bytes[index + 2]), isContinuation(bytes[index + 3]) else { return nil }
                index += 4
            default:
                return nil
            }
        }
        lines.append(lineStart..<count)
        if controls > 0 { scalars = bytes.reduce(0) { $0 + (CharacterClass.isContinuation($1) ? 0 : 1) } }
    }
}
