/// A piece of text as printed, with the folded forms that matching uses.
public struct TextCell: Sendable, Equatable {
    /// As printed, trimmed: used in messages.
    public var original: String
    /// NFKC-folded: used to read numbers and prose.
    public var normalized: String
    /// Folded with all white space removed: used to compare labels.
    public var key: String

    public init(_ original: Substring) {
        let trimmed = original.trimmingWhiteSpace()
        self.original = String(trimmed)
        self.normalized = TextNormalizer.normalize(trimmed)
        self.key = TextNormalizer.key(ofNormalized: normalized)
    }

    public init(_ original: String) { self.init(original[...]) }

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
    func trimmingWhiteSpace() -> Substring {
        var result = self
        while let first = result.unicodeScalars.first, TextNormalizer.isSpace(first) {
            result = result.dropFirst()
        }
        while let last = result.unicodeScalars.last, TextNormalizer.isSpace(last) {
            result = result.dropLast()
        }
        return result
    }
}
