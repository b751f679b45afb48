/// Substring search on UTF-8 bytes. Matching labels is the hot loop of reading a report, and
/// a byte search is exact for UTF-8 (no sequence is a part of another) and far cheaper than
/// character-by-character String comparison.
extension String {
    func has(_ needle: String) -> Bool {
        var haystack = self, needle = needle
        return haystack.withUTF8 { hay in
            needle.withUTF8 { pattern in Self.search(hay, pattern, from: 0) != nil }
        }
    }

    /// Byte offsets of every occurrence of `needle`.
    func byteOffsets(of needle: String) -> [Int] {
        var haystack = self, needle = needle
        return haystack.withUTF8 { hay in
            needle.withUTF8 { pattern in
                var found: [Int] = []
                var start = 0
                while let offset = Self.search(hay, pattern, from: start) {
                    found.append(offset)
                    start = offset + max(pattern.count, 1)
                }
                return found
            }
        }
    }

    private static func search(_ hay: UnsafeBufferPointer<UInt8>, _ pattern: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let count = pattern.count
        guard count > 0, hay.count - start >= count else { return count == 0 ? start : nil }
        let first = pattern[0]
        var index = start
        let last = hay.count - count
        while index <= last {
            if hay[index] == first {
                var matched = 1
                while matched < count, hay[index + matched] == pattern[matched] { matched += 1 }
                if matched == count { return index }
            }
            index += 1
        }
        return nil
    }
}
