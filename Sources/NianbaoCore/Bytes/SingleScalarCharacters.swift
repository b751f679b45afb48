/// Text in which every character (grapheme) is one scalar that no canonical equivalence
/// touches: printable ASCII, CJK ideographs, CJK and general punctuation. There, comparing
/// or counting scalars is comparing or counting Characters, and bytes can stand in for String.
enum SingleScalarCharacters {
    static func all(in bytes: ByteView) -> Bool {
        var index = 0
        while index < bytes.count {
            let (value, width) = UTF8Scanning.scalar(bytes, at: index)
            switch value {
            case 0x21...0x7E, 0x2010...0x2027, 0x3001...0x3029, 0x4E00...0x9FFF: index += width
            default: return false
            }
        }
        return true
    }
}
