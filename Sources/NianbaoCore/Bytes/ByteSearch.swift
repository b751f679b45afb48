/// Substring search and comparison on UTF-8 bytes. Matching labels is the hot loop of reading
/// a report; keys are already NFKC-folded, so byte equality is the right equality, a byte
/// search is exact for UTF-8 (no sequence is part of another), and both avoid String's
/// grapheme and normalisation machinery.
extension StringProtocol {
    /// Whether `needle` occurs in this text, by its UTF-8 bytes (readers use it too: `contains`
    /// with a string resolves to Foundation's, which goes through NSString and a locale).
    public func has(_ needle: some StringProtocol) -> Bool {
        withByteView { hay in needle.withByteView { ByteSearch.find($0, in: hay, from: 0) != nil } }
    }

    func same(_ other: some StringProtocol) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        return withByteView { mine in other.withByteView { theirs in mine.same(theirs) } }
    }
}

enum ByteSearch {
    /// The first occurrence of `pattern` in `hay` at or after `start`. Candidates are found by
    /// the pattern's last byte: in UTF-8 text that is a continuation byte or ASCII, much rarer
    /// in CJK text than a lead byte like E5. Ends are tried in order, so the first match found
    /// is the first occurrence.
    static func find(_ pattern: ByteView, in hay: ByteView, from start: Int) -> Int? {
        let count = pattern.count
        guard count > 0 else { return start }
        guard hay.count - start >= count else { return nil }
        let last = ByteTargets(pattern[count - 1])
        var end = start + count - 1
        while true {
            end = hay.firstIndex(of: last, from: end, to: hay.count)
            guard end < hay.count else { return nil }
            let begin = end - (count - 1)
            var matched = 0
            while matched < count - 1, hay[begin + matched] == pattern[matched] { matched += 1 }
            if matched == count - 1 { return begin }
            end += 1
        }
    }
}
