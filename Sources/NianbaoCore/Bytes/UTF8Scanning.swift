/// Byte-level scanning of UTF-8 text: reading a report touches every character several times,
/// and walking `unicodeScalars` of a Substring (with its index validation) costs several times
/// more than decoding the bytes directly. Everything here works on valid UTF-8 only, which is
/// what String guarantees.
enum UTF8Scanning {
    /// The scalar starting at `index` and its length in bytes.
    @inline(__always)
    static func scalar(_ bytes: ByteView, at index: Int) -> (value: UInt32, length: Int) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (lead, 1) }
        if lead < 0xE0 { return ((lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2) }
        if lead < 0xF0 {
            return ((lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
        }
        return ((lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                | UInt32(bytes[index + 3] & 0x3F), 4)
    }

    /// Length of the white-space scalar starting at `index`, or 0.
    @inline(__always)
    static func spaceLength(_ bytes: ByteView, at index: Int, keepingTabs: Bool = false) -> Int {
        let byte = bytes[index]
        if byte < 0x80 {
            if byte == 0x09 { return keepingTabs ? 0 : 1 }
            return CharacterClass.isASCIISpace(byte) ? 1 : 0
        }
        guard CharacterClass.mayLeadLongSpace(byte) else { return 0 }
        let (value, length) = scalar(bytes, at: index)
        return CharacterClass.isSpace(value) ? length : 0
    }

    /// Lead bytes that start no white-space scalar (`CharacterClass.leadsNoSpace`).
    @inline(__always)
    static func leadsNoSpace(_ byte: UInt8) -> Bool { CharacterClass.leadsNoSpace(byte) }

    /// Byte range of the text without white space at either end.
    static func trimmedRange(_ bytes: ByteView, keepingTabs: Bool = false) -> Range<Int> {
        var start = 0, end = bytes.count
        // Most text is trimmed already (cells cut at trimmed separators, labels, values): ends
        // whose scalars cannot be white space are settled without decoding.
        if end > 0, leadsNoSpace(bytes[0]) {
            var lead = end - 1
            while lead > 0, CharacterClass.isContinuation(bytes[lead]) { lead -= 1 }
            if leadsNoSpace(bytes[lead]) { return 0..<end }
        }
        while start < end {
            let length = spaceLength(bytes, at: start, keepingTabs: keepingTabs)
            if length == 0 { break }
            start += length
        }
        while start < end {
            // Step back to the start of the last scalar (skip continuation bytes).
            var lead = end - 1
            while lead > start, CharacterClass.isContinuation(bytes[lead]) { lead -= 1 }
            let length = spaceLength(bytes, at: lead, keepingTabs: keepingTabs)
            if length == 0 || lead + length != end { break }
            end = lead
        }
        return start..<end
    }
}

extension Substring {
    /// The part between two byte offsets (both on scalar boundaries).
    func byteSlice(_ range: Range<Int>) -> Substring {
        let view = utf8
        let start = view.index(view.startIndex, offsetBy: range.lowerBound)
        let end = view.index(start, offsetBy: range.count)
        return self[start..<end]
    }
}
