/// What a numeric cell of a table says. Blank is not zero: an empty or placeholder cell is
/// `notStated`, and stays so through the rules and into the JSON (`null`).
public enum CellValue: Sendable, Equatable {
    case count(Int)
    case amount(Double)
    case notStated
    case notANumber
    case negative
    case notWhole
    case outOfRange

    /// The kind of number a column holds.
    public enum Kind: Sendable { case count, amount }

    public var number: Double? {
        switch self {
        case .count(let value): Double(value)
        case .amount(let value): value
        default: nil
        }
    }

    public var quantity: Quantity? {
        switch self {
        case .count(let value): .count(value)
        case .amount(let value): .amount(value)
        default: nil
        }
    }

    init(_ shape: NumberShape, as kind: Kind) {
        switch shape {
        case .blank: self = .notStated
        case .text: self = .notANumber
        case .number(let number):
            if number.negative { self = .negative; return }
            if number.integerDigits > 15 { self = .outOfRange; return }
            switch kind {
            case .count: self = number.isWhole ? .count(Int(number.value)) : .notWhole
            case .amount: self = .amount(number.value)
            }
        }
    }
}

/// What a cell's text looks like as a number, worked out once per cell from its UTF-8 bytes:
/// reading tables asks this of every cell several times.
enum NumberShape: Equatable {
    case blank
    case text
    case number(Number)

    struct Number: Equatable {
        var value: Double
        var integerDigits: Int
        var isWhole: Bool
        /// Negative and not zero.
        var negative: Bool
    }

    static let placeholders: [[UInt8]] = ["/", "\\", "-", "--", "—", "——", "–", "―", "无", "空", "…", "...", "﹣", "－"].map { Array($0.utf8) }
    /// The bytes placeholders start with: a key starting with any other is none of them.
    private static let placeholderLeads: Set<UInt8> = Set(placeholders.map { $0[0] })
    /// Units sometimes written after the number: 万元, 件, 个, 项, 次, 条.
    private static let unitSuffixes: [[UInt8]] = ["万元", "件", "个", "项", "次", "条"].map { Array($0.utf8) }

    /// Reads a key's bytes (a `ByteView`, or any bytes indexed from 0).
    @inline(__always)
    init<Bytes: RandomAccessCollection<UInt8>>(_ key: Bytes) where Bytes.Index == Int {
        guard let first = key.first else { self = .blank; return }
        if !(first >= 0x30 && first <= 0x39), key.count <= 9, NumberShape.placeholderLeads.contains(first),
           NumberShape.placeholders.contains(where: { $0.count == key.count && $0.elementsEqual(key) }) {
            self = .blank
            return
        }
        // Labels and prose: no number starts with anything but a digit or a sign.
        guard (first >= 0x30 && first <= 0x39) || first == 0x2D || first == 0x2B || CharacterClass.mayLeadMinusSign(first) else {
            self = .text
            return
        }
        self = NumberShape.parse(key)
    }

    @inline(__always)
    private static func parse<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> NumberShape where Bytes.Index == Int {
        // Digits only, most cells of a table: no unit, sign, separator or fraction to look for.
        var digitsOnly = 0.0, digits = 0
        while digits < bytes.count, bytes[digits] >= 0x30 && bytes[digits] <= 0x39 {
            digitsOnly = digitsOnly * 10 + Double(bytes[digits] - 0x30)
            digits += 1
        }
        if digits == bytes.count {
            return .number(Number(value: digitsOnly, integerDigits: digits, isWhole: true, negative: false))
        }
        return parseInFull(bytes)
    }

    private static func parseInFull<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> NumberShape where Bytes.Index == Int {
        var index = 0
        var negative = false
        if bytes[0] == 0x2D { negative = true; index = 1 }  // '-'
        else if bytes[0] == 0x2B { index = 1 }              // '+'
        else if CharacterClass.startsWithMinusSign(bytes) { negative = true; index = 3 }  // '−'
        // The number ends at the first byte after the sign that is no digit, comma or point; from
        // there to the end must be a unit, or this is text (`1.属于国家秘密`, settled here).
        var end = index
        while end < bytes.count, (bytes[end] >= 0x30 && bytes[end] <= 0x39) || bytes[end] == 0x2C || bytes[end] == 0x2E {
            end += 1
        }
        if end < bytes.count, !unitSuffixes.contains(where: { $0.count == bytes.count - end && bytes[end...].elementsEqual($0) }) {
            return .text
        }
        guard index < end else { return .text }

        var integer = 0.0, integerDigits = 0, groupDigits = 0, sawComma = false
        var fraction = 0.0, fractionScale = 1.0, fractionDigits = 0, sawPoint = false, nonZeroFraction = false
        var nonZero = false
        while index < end {
            let byte = bytes[index]
            switch byte {
            case 0x30...0x39:
                let digit = Double(byte - 0x30)
                if byte != 0x30 { nonZero = true }
                if sawPoint {
                    fractionScale /= 10
                    fraction += digit * fractionScale
                    fractionDigits += 1
                    if byte != 0x30 { nonZeroFraction = true }
                } else {
                    integer = integer * 10 + digit
                    integerDigits += 1
                    groupDigits += 1
                }
            case 0x2C where !sawPoint:  // ',' thousands separator: groups of exactly three
                if groupDigits == 0 || groupDigits > 3 || (sawComma && groupDigits != 3) { return .text }
                sawComma = true
                groupDigits = 0
            case 0x2E where !sawPoint && integerDigits > 0:  // '.'
                if sawComma && groupDigits != 3 { return .text }
                sawPoint = true
            default:
                return .text
            }
            index += 1
        }
        guard integerDigits > 0, !sawPoint || fractionDigits > 0, !sawComma || sawPoint || groupDigits == 3 else { return .text }
        let value = nonZeroFraction ? Double(String(decoding: bytes[0..<end].filter { $0 != 0x2C && $0 != 0x2D && $0 != 0x2B }, as: UTF8.self)) ?? integer + fraction : integer
        return .number(Number(value: value, integerDigits: integerDigits, isWhole: !nonZeroFraction, negative: negative && nonZero))
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

/// One row of a table as found in the document: aligned with the columns, or found with cells
/// that cannot be aligned (never guessed, never used in arithmetic). A struct, not an enum, so
/// that the rules read one field of a row in place instead of copying the whole row out.
public struct RowReading: Sendable, Equatable {
    public let printedLabel: PrintedText
    /// The values in column order; nil when the cells cannot be aligned.
    public let values: [CellValue]?
    /// Aligned: the printed text of the cells that are not plain numbers (what a finding
    /// quotes), "" for the numbers. Misaligned: every cell as printed.
    public let cells: [String]

    public static func aligned(label: PrintedText, values: [CellValue], cells: [String]) -> RowReading {
        RowReading(printedLabel: label, values: values, cells: cells)
    }

    public static func misaligned(label: PrintedText, cells: [String]) -> RowReading {
        RowReading(printedLabel: label, values: nil, cells: cells)
    }

    public var label: String { printedLabel.string }
    public var isAligned: Bool { values != nil }
}
