import NianbaoCore

/// A document's blocks as printed text: what tests compare and match on, read through
/// `DocumentText.forEachBlock` (the core has one form of a document, `DocumentText`).
public enum PrintedBlock: Sendable, Equatable {
    case heading(Section, String)
    case paragraph(String)
    case cell(String)
    case row([String])
}

extension DocumentText {
    /// The document's blocks as printed text, in document order.
    public var printedBlocks: [PrintedBlock] {
        var blocks: [PrintedBlock] = []
        forEachBlock { kind, texts in
            switch kind {
            case .heading(let section): blocks.append(.heading(section, texts[0]))
            case .paragraph: blocks.append(.paragraph(texts[0]))
            case .cell: blocks.append(.cell(texts[0]))
            case .row: blocks.append(.row(texts))
            }
        }
        return blocks
    }
}
