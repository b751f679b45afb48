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
        mergedNumbers += other.mergedNumbers.map { $0.map { $0 + cellOffset } }
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

    /// Appends a table row, one cell per range of `text`, UTF-8 (trimmed and folded like every
    /// cell); returns the index of its first cell (the next are consecutive), for `markMerged`.
    @discardableResult
    public mutating func appendRow(_ cellRanges: ArraySlice<Range<Int>>, of text: [UInt8]) -> Int32 {
        let start = Int32(cells.count)
        for range in cellRanges { append(makeCell(copying: text[range])) }
        blocks.append(.row(start..<Int32(cells.count)))
        return start
    }

    /// Says that these cells (indices from `appendRow`: the merged cell's own, then its copy in
    /// each row it covers) are one cell merged down several rows, holding a number other than
    /// 0 (`readsAsNonZeroNumber`): the core reads none of those rows' figures from it.
    public mutating func markMerged(_ mergedCells: [Int32]) {
        guard mergedCells.count > 1, mergedCells.allSatisfy({ $0 >= 0 && Int($0) < cells.count }) else { return }
        mergedNumbers.append(mergedCells)
    }

    /// True when the text reads as a number other than 0 (as a cell's key does): a merged cell
    /// holding one is shared by the rows it covers; a merged 0 is 0 in each of them.
    public static func readsAsNonZeroNumber(_ utf8: ArraySlice<UInt8>) -> Bool {
        guard let first = utf8.first else { return false }
        // ASCII digits only, most value cells: no key to fold.
        if utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) { return utf8.contains { $0 != UInt8(ascii: "0") } }
        // Anything else that may be a number is short (`18,651.06万元`) and starts with a digit,
        // ASCII or full-width; numbered labels (`1.申请人…`) are longer. Most cells are told
        // apart without folding a key.
        guard utf8.count <= 24 else { return false }
        let rest = utf8.dropFirst()
        guard CharacterClass.leadsDigit(first, rest.first ?? 0, rest.dropFirst().first ?? 0) else { return false }
        var key: [UInt8] = []
        utf8.withByteView { TextNormalizer.appendKey(of: $0, to: &key) }
        guard case .number(let number) = NumberShape(key) else { return false }
        return number.value != 0
    }
}

extension DocumentText {
    /// True when the text is nothing but white space: the cell it makes is a blank cell.
    public static func isBlank(_ utf8: ArraySlice<UInt8>) -> Bool {
        utf8.withByteView { UTF8Scanning.trimmedRange($0).isEmpty }
    }
}
