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
            return byte == 0x20 || (byte >= 0x0A && byte <= 0x0D) ? 1 : 0
        }
        // Lead bytes of the non-ASCII spaces (U+0085, U+00A0, U+1680, U+2000…U+205F, U+3000,
        // U+FEFF): CJK ideographs (E4…E9) are ruled out without decoding.
        guard byte == 0xC2 || (byte >= 0xE1 && byte <= 0xE3) || byte == 0xEF else { return 0 }
        let (value, length) = scalar(bytes, at: index)
        return TextNormalizer.isSpace(Unicode.Scalar(value)!) ? length : 0
    }

    /// Lead bytes that start no white-space scalar: printable ASCII, and the leads of two-,
    /// three- and four-byte scalars other than C2 (U+0085, U+00A0), E1, E2, E3 and EF.
    @inline(__always)
    static func leadsNoSpace(_ byte: UInt8) -> Bool {
        (byte > 0x20 && byte < 0x80) || (byte >= 0xC3 && byte <= 0xDF) || (byte >= 0xE4 && byte <= 0xEE) || byte >= 0xF0
    }

    /// Byte range of the text without white space at either end.
    static func trimmedRange(_ bytes: ByteView, keepingTabs: Bool = false) -> Range<Int> {
        var start = 0, end = bytes.count
        // Most text is trimmed already (cells cut at trimmed separators, labels, values): ends
        // whose scalars cannot be white space are settled without decoding.
        if end > 0, leadsNoSpace(bytes[0]) {
            var lead = end - 1
            while lead > 0, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
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
            while lead > start, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
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
