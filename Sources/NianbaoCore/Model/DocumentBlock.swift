/// A piece of text as printed, with the folded forms that matching uses. A class: the table
/// readers pass every cell around several times, and one reference is cheaper to copy than
/// the two strings inside.
public final class TextCell: Sendable, Equatable {
    /// As printed, trimmed: used in messages.
    public let original: Substring
    /// NFKC-folded with all white space removed: used to compare labels and read numbers.
    /// Shares the document's storage whenever folding changes nothing.
    public let key: Substring
    /// Characters (Unicode scalars) in the key: labels and values are told apart by length.
    public let length: Int
    /// The key read as a number, once: table readers ask it of every cell several times.
    let shape: NumberShape
    /// Which characters the key holds, folded to 64 bits: a phrase with a character the key
    /// lacks cannot occur in it, which rules out most label comparisons without a search.
    let signature: UInt64

    public static func == (lhs: TextCell, rhs: TextCell) -> Bool { lhs.original == rhs.original && lhs.key == rhs.key }

    public init(_ original: Substring) {
        // One pass over the bytes: trim, and see whether folding would change anything.
        let (range, folded, length, signature) = original.withBytes { bytes -> (Range<Int>, Bool, Int, UInt64) in
            let range = UTF8Scanning.trimmedRange(bytes)
            var index = range.lowerBound, length = 0, signature: UInt64 = 0, folded = true
            while index < range.upperBound {
                let (value, width) = UTF8Scanning.scalar(bytes, at: index)
                if folded, !TextNormalizer.isUnchangedByKey(value) { folded = false }
                length += 1
                signature |= Phrase.bit(value)
                index += width
            }
            return (range, folded, length, signature)
        }
        self.original = range.count == original.utf8.count ? original : original.byteSlice(range)
        if folded {
            self.key = self.original
            self.length = length
            self.signature = signature
        } else {
            let key = Substring(TextNormalizer.key(self.original))
            self.key = key
            self.length = key.unicodeScalars.count
            self.signature = Phrase.signature(of: key)
        }
        self.shape = NumberShape(key)
    }

    /// True when the key contains the phrase.
    func contains(_ phrase: Phrase) -> Bool {
        phrase.signature & ~signature == 0 && key.has(phrase.text)
    }

    /// True when the key is exactly the phrase.
    func equals(_ phrase: Phrase) -> Bool {
        phrase.signature == signature && key.same(phrase.text)
    }

    public convenience init(_ original: String) { self.init(original[...]) }

    public var printed: String { String(original) }

    public var isEmpty: Bool { key.isEmpty }
}

/// What every reader (text, HTML, Word) turns a document into: headings, prose paragraphs and
/// table cells, in document order. Tables are rows of cells when the layout shows rows, or a
/// stream of lone cells when it does not (one cell per line or per paragraph).
public enum DocumentBlock: Sendable, Equatable {
    case heading(Section, TextCell)
    /// Prose, or a lone table cell written as its own paragraph without any delimiter.
    case paragraph(TextCell)
    /// A lone table cell closed by a `|` of its own.
    case cell(TextCell)
    case row([TextCell])
}
