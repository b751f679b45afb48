import Foundation

/// Folds text the way the tables must be compared: NFKC (full-width forms to ASCII, U+3000 and
/// NBSP to spaces, ㈠ to (一)…) and, for keys, with every kind of white space removed.
///
/// Almost every character of a report is ASCII, a CJK ideograph, CJK punctuation or a
/// full-width form; those are folded inline. Anything else sends the whole string through
/// Foundation's NFKC, which is exact but about ten times slower.
public enum TextNormalizer {
    /// Appends the key of UTF-8 `text` to `key`: NFKC, with every kind of white space (and the
    /// zero-width characters) removed. One pass folds the characters of the inline table;
    /// a character outside it sends the whole text through Foundation's NFKC first, and the
    /// same pass then only removes the white space.
    static func appendKey(of text: ByteView, to key: inout [UInt8]) {
        let start = key.count
        if appendKey(of: text, to: &key, afterNFKC: false) { return }
        key.removeSubrange(start...)
        Array(text.text.precomposedStringWithCompatibilityMapping.utf8).withByteView { _ = appendKey(of: $0, to: &key, afterNFKC: true) }
    }

    /// The pass: false (with `key` partly written) when a character needs Foundation's full
    /// NFKC, unless `afterNFKC` says the text has been through it (then only the white space
    /// mapping is left to do).
    private static func appendKey(of text: ByteView, to key: inout [UInt8], afterNFKC: Bool) -> Bool {
        var index = 0
        while index < text.count {
            // Runs of characters the key keeps as they are (printable ASCII, CJK ideographs from
            // U+4E00) are copied whole, without decoding.
            let run = index
            while index < text.count {
                let byte = text[index]
                if byte > 0x20 && byte < 0x80 {
                    index += 1
                } else if index + 2 < text.count, CharacterClass.leadsIdeograph(byte, text[index + 1]) {
                    index += 3
                } else {
                    break
                }
            }
            if index > run { key.append(contentsOf: text.view(run..<index)) }
            guard index < text.count else { break }
            let (value, width) = UTF8Scanning.scalar(text, at: index)
            defer { index += width }
            let scalar = Unicode.Scalar(value)!
            if isSpace(scalar) { continue }
            switch fold(scalar) {
            case .same: key.append(contentsOf: text.view(index..<(index + width)))
            case .mapped(let folded):
                if isSpace(folded) { break }
                if folded.isASCII { key.append(UInt8(folded.value)) } else { key.append(contentsOf: String(folded).utf8) }
            case .needsFullNFKC:
                if !afterNFKC { return false }
                key.append(contentsOf: text.view(index..<(index + width)))
            }
        }
        return true
    }

    public static func isSpace(_ scalar: Unicode.Scalar) -> Bool { CharacterClass.isSpace(scalar.value) }

    /// ASCII or full-width digits (`CharacterClass.isDigit`).
    public static func isDigit(_ scalar: Unicode.Scalar) -> Bool { CharacterClass.isDigit(scalar.value) }

    /// `text` without its white space (`isSpace`) and otherwise as it is (no folding): header
    /// words split over lines or spaced out compare equal. Most short texts hold no space, and
    /// their bytes say so without decoding a scalar.
    public static func removingSpaces(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 <= 0x20 || CharacterClass.mayLeadLongSpace($0) }),
              text.unicodeScalars.contains(where: isSpace) else { return text }
        return String(text.unicodeScalars.filter { !isSpace($0) })
    }

    private enum Folding { case same, mapped(Unicode.Scalar), needsFullNFKC }

    /// True when the key keeps this scalar as it is: not white space, and NFKC leaves it.
    @inline(__always)
    static func isUnchangedByKey(_ value: UInt32) -> Bool {
        if value < 0x80 { return !CharacterClass.isSpace(value) }
        if CharacterClass.isIdeograph(value) { return true }
        guard let scalar = Unicode.Scalar(value), !isSpace(scalar) else { return false }
        if case .same = fold(scalar) { return true }
        return false
    }

    private static func fold(_ scalar: Unicode.Scalar) -> Folding {
        let value = scalar.value
        switch value {
        case 0...0x7F, 0x4E00...0x9FFF:
            return .same
        case 0xFF01...0xFF5E:  // full-width ASCII forms
            return .mapped(Unicode.Scalar(value - 0xFEE0)!)
        case 0x3000, 0xA0, 0x2000...0x200A, 0x202F, 0x205F:
            return .mapped(" ")
        // Characters NFKC leaves alone: CJK punctuation, kana, Latin-1 letters and symbols,
        // general punctuation without a compatibility mapping, CJK extension A, shapes, arrows.
        case 0x3001...0x3035, 0x3041...0x309A, 0x309D, 0x309E, 0x30A0...0x30FE,
             0x00A1...0x00A7, 0x00A9, 0x00AB, 0x00AC, 0x00AE, 0x00B0, 0x00B1, 0x00B6, 0x00B7,
             0x00BB, 0x00BF...0x00FF,
             0x2010, 0x2012...0x2016, 0x2018...0x2023, 0x2027, 0x2030...0x2032, 0x2035,
             0x2038...0x203B, 0x203D, 0x203F...0x2046,
             0x200B...0x200F, 0x2028, 0x2029, 0xFEFF, 0xFFFD,
             0x3400...0x4DBF, 0x2190...0x21FF, 0x25A0...0x25FF:
            return .same
        default:
            return .needsFullNFKC
        }
    }
}
