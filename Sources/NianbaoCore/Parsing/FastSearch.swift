/// Substring search and comparison on UTF-8 bytes. Matching labels is the hot loop of reading
/// a report; keys are already NFKC-folded, so byte equality is the right equality, a byte
/// search is exact for UTF-8 (no sequence is part of another), and both avoid String's
/// grapheme and normalisation machinery.
extension StringProtocol {
    func has(_ needle: some StringProtocol) -> Bool {
        withBytes { hay in needle.withBytes { ByteSearch.find($0, in: hay, from: 0) != nil } }
    }

    func same(_ other: some StringProtocol) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        return withBytes { mine in other.withBytes { theirs in mine.elementsEqual(theirs) } }
    }

    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(utf8).withUnsafeBufferPointer(body)
    }
}

enum ByteSearch {
    static func find(_ pattern: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let count = pattern.count
        guard count > 0 else { return start }
        guard hay.count - start >= count else { return nil }
        let first = pattern[0]
        var index = start
        let last = hay.count - count
        while index <= last {
            // Eight bytes at a time: straight to the next byte equal to the pattern's first, or
            // past all eight.
            if index + 8 <= hay.count {
                let mask = ByteWords.matches(ByteWords.load(hay, at: index), first)
                if mask == 0 {
                    index += 8
                    continue
                }
                index += ByteWords.offsetOfFirst(mask)
                if index > last { break }
            }
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
