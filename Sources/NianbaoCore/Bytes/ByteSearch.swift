/// Substring search and comparison on UTF-8 bytes. Matching labels is the hot loop of reading
/// a report; keys are already NFKC-folded, so byte equality is the right equality, a byte
/// search is exact for UTF-8 (no sequence is part of another), and both avoid String's
/// grapheme and normalisation machinery.
extension StringProtocol {
    func has(_ needle: some StringProtocol) -> Bool {
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
        let last = pattern[count - 1]
        var end = start + count - 1
        while end < hay.count {
            // Eight bytes at a time: straight to the next byte equal to the pattern's last, or
            // past all eight.
            if end + 8 <= hay.count {
                let mask = ByteWords.matches(ByteWords.load(hay, at: end), last)
                if mask == 0 {
                    end += 8
                    continue
                }
                end += ByteWords.offsetOfFirst(mask)
            }
            if hay[end] == last {
                let begin = end - (count - 1)
                var matched = 0
                while matched < count - 1, hay[begin + matched] == pattern[matched] { matched += 1 }
                if matched == count - 1 { return begin }
            }
            end += 1
        }
        return nil
    }
}
