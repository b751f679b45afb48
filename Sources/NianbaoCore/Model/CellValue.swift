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

    static let placeholders: Set<String> = ["/", "\\", "-", "--", "—", "——", "–", "―", "无", "空", "…", "...", "﹣"]

    /// Reads a cell's folded key (white space already removed).
    public static func parse(_ key: String, as kind: Kind) -> CellValue {
        if key.isEmpty || placeholders.contains(key) { return .notStated }
        var text = Substring(key)
        for unit in ["万元", "件", "个", "项", "次", "条"] where text.hasSuffix(unit) {
            text = text.dropLast(unit.count)
            break
        }
        var negative = false
        if let sign = text.first, sign == "-" || sign == "−" || sign == "－" {
            negative = true
            text = text.dropFirst()
        } else if text.first == "+" {
            text = text.dropFirst()
        }
        guard let digits = plainDigits(text) else { return .notANumber }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts[0], fraction = parts.count > 1 ? parts[1] : ""
        if negative, digits.contains(where: { $0 >= "1" && $0 <= "9" }) { return .negative }
        // More digits than any real count or fee has: not a plausible number at all.
        guard whole.count <= 15 else { return .outOfRange }
        switch kind {
        case .count:
            if fraction.contains(where: { $0 != "0" }) { return .notWhole }
            return .count(Int(whole)!)
        case .amount:
            return .amount(Double(String(digits))!)
        }
    }

    /// `1234`, `1,234`, `52.15`: the digits with thousands separators removed, or nil.
    private static func plainDigits(_ text: Substring) -> String? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty else { return nil }
        if parts.count == 2, parts[1].isEmpty || !parts[1].allSatisfy(\.isASCIIDigit) { return nil }
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        if groups.count > 1, groups.first!.count > 3 || groups.dropFirst().contains(where: { $0.count != 3 }) {
            return nil
        }
        return groups.joined() + (parts.count == 2 ? "." + parts[1] : "")
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

/// One row of a table as found in the document.
public enum RowReading: Sendable, Equatable {
    /// Cells aligned with the columns, in column order.
    case aligned(label: String, values: [CellValue], cells: [String])
    /// Found, but its cells cannot be aligned: never guessed, never used in arithmetic.
    case misaligned(label: String, cellCount: Int, cells: [String])

    public var label: String {
        switch self {
        case .aligned(let label, _, _), .misaligned(let label, _, _): label
        }
    }

    public var values: [CellValue]? {
        if case .aligned(_, let values, _) = self { return values }
        return nil
    }
}
