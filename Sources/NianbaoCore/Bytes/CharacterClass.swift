/// The kinds of character reading a report tells apart, each defined once, on scalars: white
/// space, CJK ideographs, control characters, cell separators. Below them, the fast tests on
/// UTF-8 bytes that the scans use, each derived from one definition and checked against it
/// for every Unicode scalar (`CharacterClassTests`). Nothing outside Bytes/ tests lead bytes.
enum CharacterClass {
    // MARK: Definitions

    /// White space, including U+3000 (ideographic space), NBSP and the zero-width space and
    /// BOM (which keys drop like any space).
    @inline(__always)
    static func isSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: true
        default: false
        }
    }

    /// Digits as reports print them: ASCII 0–9 and full-width ０–９ (U+FF10…U+FF19).
    @inline(__always)
    static func isDigit(_ value: UInt32) -> Bool { (value >= 0x30 && value <= 0x39) || (value >= 0xFF10 && value <= 0xFF19) }

    /// CJK unified ideographs, U+4E00…U+9FFF: most of a report, unchanged by folding.
    @inline(__always)
    static func isIdeograph(_ value: UInt32) -> Bool { value >= 0x4E00 && value <= 0x9FFF }

    /// Control characters, counted against a file's scalars to tell binary data from text:
    /// C0 but tab, line feed, form feed and carriage return; DEL; C1.
    @inline(__always)
    static func isControl(_ value: UInt32) -> Bool {
        (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0C && value != 0x0D) || (value >= 0x7F && value <= 0x9F)
    }

    /// Cell separators of a flattened table: `|`, full-width `｜`, box-drawing `│` (and tab,
    /// see `isTab`).
    @inline(__always)
    static func isPipe(_ value: UInt32) -> Bool { value == 0x7C || value == 0xFF5C || value == 0x2502 }

    @inline(__always)
    static func isTab(_ value: UInt32) -> Bool { value == 0x09 }

    /// Line breaks: LF and CR (CRLF is one break).
    @inline(__always)
    static func isLineBreak(_ value: UInt32) -> Bool { value == 0x0A || value == 0x0D }

    /// Where a clause of prose ends (a clause states one number): 。 ； ， and ASCII ; ,.
    @inline(__always)
    static func isClauseEnd(_ value: UInt32) -> Bool {
        switch value {
        case 0x3002, 0xFF1B, 0x3B, 0xFF0C, 0x2C: true
        default: false
        }
    }

    /// The ideographic full stop 。: a cell that holds one is a sentence, not a label.
    @inline(__always)
    static func isFullStop(_ value: UInt32) -> Bool { value == 0x3002 }

    /// The minus sign U+2212 `−`, which a number may start with besides `-` and `+`.
    @inline(__always)
    static func isMinusSign(_ value: UInt32) -> Bool { value == 0x2212 }

    // MARK: Fast tests on UTF-8 bytes, derived from the definitions

    /// A byte that continues a scalar rather than starting one.
    @inline(__always)
    static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    /// ASCII white space (`isSpace` below U+0080 but U+0085): the padding of a row.
    @inline(__always)
    static func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    /// Printable ASCII: ASCII, neither white space nor a control character.
    @inline(__always)
    static func isPrintableASCII(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }

    /// A lead byte no white-space scalar starts with (`isSpace`): printable ASCII, and the
    /// leads of longer scalars other than C2 (U+0085, U+00A0), E1, E2, E3 and EF. False for
    /// some leads that start no space either (E0, C0 controls): only ever a shortcut.
    @inline(__always)
    static func leadsNoSpace(_ byte: UInt8) -> Bool {
        (byte > 0x20 && byte < 0x80) || (byte >= 0xC3 && byte <= 0xDF) || (byte >= 0xE4 && byte <= 0xEE) || byte >= 0xF0
    }

    /// A lead byte some white-space scalar longer than one byte starts with (`isSpace`):
    /// C2, E1, E2, E3, EF. CJK ideographs (E4…E9) are ruled out without decoding.
    @inline(__always)
    static func mayLeadLongSpace(_ byte: UInt8) -> Bool { byte == 0xC2 || (byte >= 0xE1 && byte <= 0xE3) || byte == 0xEF }

    /// The bytes of a scalar that is a digit (`isDigit`): an ASCII digit, or EF BC 90…99;
    /// `second` and `third` are ignored for one-byte scalars.
    @inline(__always)
    static func leadsDigit(_ lead: UInt8, _ second: UInt8, _ third: UInt8) -> Bool {
        (lead >= 0x30 && lead <= 0x39) || (lead == 0xEF && second == 0xBC && third >= 0x90 && third <= 0x99)
    }

    /// The first two bytes of a three-byte scalar that is an ideograph (`isIdeograph`): E5…E9,
    /// or E4 followed by B8 or above.
    @inline(__always)
    static func leadsIdeograph(_ lead: UInt8, _ second: UInt8) -> Bool {
        (lead >= 0xE5 && lead <= 0xE9) || (lead == 0xE4 && second >= 0xB8)
    }

    /// The first two bytes of a control character (`isControl`); `second` is ignored for
    /// one-byte scalars.
    @inline(__always)
    static func leadsControl(_ lead: UInt8, _ second: UInt8) -> Bool {
        (lead < 0x20 && lead != 0x09 && lead != 0x0A && lead != 0x0C && lead != 0x0D) || lead == 0x7F
            || (lead == 0xC2 && second <= 0x9F)
    }

    /// A lead byte of a three-byte scalar (E0…EF): CJK ideographs and punctuation.
    @inline(__always)
    static func leadsThreeBytes(_ byte: UInt8) -> Bool { byte & 0xF0 == 0xE0 }

    /// A lead byte some clause end longer than one byte starts with (`isClauseEnd`): E3 (。)
    /// and EF (；，). Every other three-byte scalar is skipped whole, undecoded.
    @inline(__always)
    static func mayLeadLongClauseEnd(_ byte: UInt8) -> Bool { byte == 0xE3 || byte == 0xEF }

    /// The UTF-8 of 。 (`isFullStop`), E3 80 82, for a search with no pattern array.
    static let fullStopUTF8: (UInt8, UInt8, UInt8) = (0xE3, 0x80, 0x82)

    /// The lead byte of the minus sign (`isMinusSign`), E2: a cell starting with another
    /// non-ASCII byte is no number.
    @inline(__always)
    static func mayLeadMinusSign(_ byte: UInt8) -> Bool { byte == 0xE2 }

    /// The bytes start with the minus sign (`isMinusSign`), E2 88 92.
    @inline(__always)
    static func startsWithMinusSign<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
        bytes.count >= 3 && bytes[0] == 0xE2 && bytes[1] == 0x88 && bytes[2] == 0x92
    }

    /// The bytes a separator (`isPipe`, `isTab`) can start with: `|`, tab, and the leads of
    /// `｜` (EF BD 9C) and `│` (E2 94 82). Scans look for these, then decode.
    static let separatorLeads = ByteTargets(0x7C, 0x09, 0xEF, 0xE2)

    /// The bytes a line break starts with (`isLineBreak`).
    static let lineBreakLeads = ByteTargets(0x0A, 0x0D)
}
