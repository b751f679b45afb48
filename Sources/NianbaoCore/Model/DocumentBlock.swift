/// A piece of text as printed, trimmed: what the Word and HTML readers hand to the core.
public struct TextCell: Sendable, Equatable {
    public let original: Substring

    public init(_ original: Substring) {
        let range = original.withByteView { UTF8Scanning.trimmedRange($0) }
        self.original = range.count == original.utf8.count ? original : original.byteSlice(range)
    }

    public init(_ original: String) { self.init(original[...]) }

    public var printed: String { String(original) }

    public var isEmpty: Bool { original.isEmpty }
}

/// What every reader (text, HTML, Word) turns a document into: headings, prose paragraphs and
/// table cells, in document order. Tables are rows of cells when the layout shows rows, or a
/// stream of lone cells when it does not (one cell per line or per paragraph).
/// (`DocumentText` holds the same, without an object per cell: the text reader builds that directly.)
public enum DocumentBlock: Sendable, Equatable {
    case heading(Section, TextCell)
    /// Prose, or a lone table cell written as its own paragraph without any delimiter.
    case paragraph(TextCell)
    /// A lone table cell closed by a `|` of its own.
    case cell(TextCell)
    case row([TextCell])
}
