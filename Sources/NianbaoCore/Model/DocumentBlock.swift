/// A piece of text as printed, with the folded forms that matching uses.
public struct TextCell: Sendable, Equatable {
    /// As printed, trimmed: used in messages.
    public var original: Substring
    /// NFKC-folded with all white space removed: used to compare labels and read numbers.
    /// Shares the document's storage whenever folding changes nothing.
    public var key: Substring
    /// Characters (Unicode scalars) in the key: labels and values are told apart by length.
    public var length: Int
    /// The key read as a number, once: table readers ask it of every cell several times.
    var shape: NumberShape

    public init(_ original: Substring) {
        self.original = original.trimmingWhiteSpace()
        self.key = TextNormalizer.keySharingStorage(self.original)
        self.length = key.unicodeScalars.count
        self.shape = NumberShape(key)
    }

    public init(_ original: String) { self.init(original[...]) }

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

extension Substring {
    /// Trims white space of every kind (U+3000, NBSP, …) at both ends, scalar by scalar; with
    /// `keepingTabs`, tabs stay (they delimit the empty cells at the ends of a tab-separated row).
    func trimmingWhiteSpace(keepingTabs: Bool = false) -> Substring {
        func trims(_ scalar: Unicode.Scalar) -> Bool {
            TextNormalizer.isSpace(scalar) && !(keepingTabs && scalar == "\t")
        }
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, trims(scalars[start]) { start = scalars.index(after: start) }
        while start < end {
            let before = scalars.index(before: end)
            guard trims(scalars[before]) else { break }
            end = before
        }
        return self[start..<end]
    }
}
