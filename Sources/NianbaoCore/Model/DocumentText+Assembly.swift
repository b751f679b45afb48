/// Building a `DocumentText` from outside the core: the Word and HTML readers lay out their
/// paragraphs as text (`TextLayout`) and write their table rows cell by cell, straight into the
/// one buffer the core reads, with no object or `String` per cell in between.
extension DocumentText {
    /// An empty document, to append to.
    public init() { self.init(bytes: []) }

    /// Appends another document after this one: its text, cells and blocks, in order.
    public mutating func append(_ other: DocumentText) {
        let byteOffset = bytes.count, cellOffset = Int32(cells.count)
        runTogetherRows += other.runTogetherRows
        headingElements += other.headingElements.map { $0 + cellOffset }
        pageTitle = pageTitle ?? other.pageTitle.map { $0 + cellOffset }
        bytes.append(contentsOf: other.bytes)
        cells.reserveCapacity(cells.count + other.cells.count)
        for var cell in other.cells {
            cell.original = (cell.original.lowerBound + byteOffset)..<(cell.original.upperBound + byteOffset)
            cell.key = (cell.key.lowerBound + byteOffset)..<(cell.key.upperBound + byteOffset)
            cells.append(cell)
        }
        blocks.reserveCapacity(blocks.count + other.blocks.count)
        for block in other.blocks {
            switch block {
            case .heading(let section, let cell): blocks.append(.heading(section, cell: cell + cellOffset))
            case .paragraph(let cell): blocks.append(.paragraph(cell: cell + cellOffset))
            case .cell(let cell): blocks.append(.cell(cell + cellOffset))
            case .row(let range): blocks.append(.row((range.lowerBound + cellOffset)..<(range.upperBound + cellOffset)))
            }
        }
    }

    /// Keeps what a web page marks as titles (`<h1>`–`<h3>` texts in page order, the
    /// `<title>`'s), UTF-8, as cells outside the blocks: the title is chosen among them.
    public mutating func markTitles(headings: [[UInt8]], pageTitle: [UInt8]?) {
        for heading in headings where !Self.isBlank(heading[...]) {
            headingElements.append(append(makeCell(copying: heading)))
        }
        if let pageTitle, !Self.isBlank(pageTitle[...]) {
            self.pageTitle = append(makeCell(copying: pageTitle))
        }
    }

    /// Appends a table row, one cell per range of `text`, UTF-8 (trimmed and folded like every cell).
    public mutating func appendRow(_ cellRanges: ArraySlice<Range<Int>>, of text: [UInt8]) {
        let start = Int32(cells.count)
        for range in cellRanges { append(makeCell(copying: text[range])) }
        blocks.append(.row(start..<Int32(cells.count)))
    }
}

extension DocumentText {
    /// True when the text is nothing but white space: the cell it makes is a blank cell.
    public static func isBlank(_ utf8: ArraySlice<UInt8>) -> Bool {
        utf8.withByteView { UTF8Scanning.trimmedRange($0).isEmpty }
    }
}
