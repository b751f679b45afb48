/// A document cut into headings, paragraphs and cells, with all of its text in one buffer:
/// a cell is a few ranges and numbers, not an object, so reading a report allocates a handful
/// of arrays whatever its size. Every format writes into it directly: the text layout from
/// the file's bytes, the Word and HTML readers row by row (`appendRow`) and through the text
/// layout for their paragraphs (`append`). Tools and tests read it back with `forEachBlock`.
public struct DocumentText: Sendable {
    /// UTF-8: the document's text first, then folded keys and joined paragraphs as they are made.
    var bytes: [UInt8]
    var cells: [CellRecord] = []
    var blocks: [Block] = []
    /// Rows of text that lost its shape read by their sums or declined (`FlattenedText`).
    var runTogetherRows: [RunTogetherRowNote] = []
    /// Cells (in no block) of what a web page marks as titles: its `<h1>`–`<h3>` in page order
    /// and its `<title>`. `ReportReader` takes the title from them before the text's lines.
    var headingElements: [Int32] = []
    var pageTitle: Int32?
    /// Cells merged down several rows (HTML rowspan, Word vMerge) whose text is a number other
    /// than 0: per merged cell, its own cell and the copy written in each row it covers, in
    /// row order. Those rows share one number, which no reading may split between them.
    var mergedNumbers: [[Int32]] = []
    /// Reused while folding a key, so that folding allocates nothing once warm.
    private var scratch: [UInt8] = []

    enum Block: Sendable, Equatable {
        case heading(Section, cell: Int32)
        case paragraph(cell: Int32)
        case cell(Int32)
        /// The row's cells, consecutive in `cells`.
        case row(Range<Int32>)
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        // Folded keys and joined paragraphs are appended: room for them, instead of growing
        // (and copying the whole text) while the layout runs.
        self.bytes.reserveCapacity(bytes.count * 2)
        cells.reserveCapacity(bytes.count / 12)
        blocks.reserveCapacity(bytes.count / 40)
    }

    /// What a block is, as `forEachBlock` tells tools and tests.
    public enum BlockKind: Sendable, Equatable {
        case heading(Section)
        /// Prose, or a lone table cell written as its own paragraph without any delimiter.
        case paragraph
        /// A lone table cell closed by a `|` of its own.
        case cell
        /// A table row, one text per cell.
        case row
    }

    /// Each block in document order with the printed text of its cells (one, but a row's):
    /// the document as tools and tests see it.
    public func forEachBlock(_ body: (BlockKind, [String]) throws -> Void) rethrows {
        func text(_ index: Int32) -> String {
            let range = cells[Int(index)].original
            return String(decoding: bytes[Int(range.lowerBound)..<Int(range.upperBound)], as: UTF8.self)
        }
        for block in blocks {
            switch block {
            case .heading(let section, let cell): try body(.heading(section), [text(cell)])
            case .paragraph(let cell): try body(.paragraph, [text(cell)])
            case .cell(let cell): try body(.cell, [text(cell)])
            case .row(let range): try body(.row, range.map(text))
            }
        }
    }

    public var cellCount: Int { cells.count }

    /// Runs `body` with the bytes the cells' views point into.
    func withBytes<Result>(_ body: (ByteView) -> Result) -> Result {
        bytes.withByteView(body)
    }

    @discardableResult
    mutating func append(_ record: CellRecord) -> Int32 {
        cells.append(record)
        return Int32(cells.count - 1)
    }

    /// Cells of `pieces` (ranges of the buffer, trimmed), appended in order: a table row at once,
    /// its one-digit and empty cells, most cells of a table, made right here.
    mutating func appendCells(_ pieces: ArraySlice<Range<Int>>) {
        for piece in pieces {
            if piece.count == 1, case let byte = bytes[piece.lowerBound], Self.isDigit(byte) {
                cells.append(Self.digitCell(byte, at: piece))
            } else if piece.isEmpty {
                // The blanks of merged cells (`| ||`): nothing to scan.
                cells.append(CellRecord(original: piece, key: piece, length: 0, signature: 0, shape: .blank))
            } else {
                cells.append(makeCell(piece))
            }
        }
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// The cell of one ASCII digit: its own key, one character long, that number.
    @inline(__always)
    private static func digitCell(_ byte: UInt8, at range: Range<Int>) -> CellRecord {
        CellRecord(original: range, key: range, length: 1, signature: Phrase.bit(UInt32(byte)),
                   shape: .number(NumberShape.Number(value: Double(byte - UInt8(ascii: "0")), integerDigits: 1, isWhole: true, negative: false)))
    }

    /// A cell of the bytes in `range` (already in the buffer, trimmed), its key folded once.
    mutating func makeCell(_ range: Range<Int>) -> CellRecord {
        // One printable ASCII character, most cells of a table (`0`, `/`): its own key, one
        // character long; a digit is that number.
        if range.count == 1, case let byte = bytes[range.lowerBound], CharacterClass.isPrintableASCII(byte) {
            if Self.isDigit(byte) { return Self.digitCell(byte, at: range) }
            let shape = bytes.withByteView { NumberShape($0.view(range)) }
            return CellRecord(original: range, key: range, length: 1, signature: Phrase.bit(UInt32(byte)), shape: shape)
        }
        let scan = bytes.withByteView { all in
            CellScan(all.view(range), offset: range.lowerBound)
        }
        guard !scan.keyIsOriginal else {
            let shape = bytes.withByteView { all in
                NumberShape(all.view(scan.original))
            }
            return CellRecord(original: scan.original, key: scan.original, length: scan.length, signature: scan.signature, shape: shape)
        }
        return makeFoldedCell(scan)
    }

    /// A cell whose key differs from its text: the key is folded and appended to the buffer.
    private mutating func makeFoldedCell(_ scan: CellScan) -> CellRecord {
        scratch.removeAll(keepingCapacity: true)
        bytes.withByteView { all in TextNormalizer.appendKey(of: all.view(scan.original), to: &scratch) }
        let keyStart = bytes.count
        bytes.append(contentsOf: scratch)
        let key = keyStart..<bytes.count
        let (length, signature, shape) = bytes.withByteView { all in
            let keyBytes = all.view(key)
            let (length, signature) = CellScan.lengthAndSignature(keyBytes)
            return (length, signature, NumberShape(keyBytes))
        }
        return CellRecord(original: scan.original, key: key, length: length, signature: signature, shape: shape)
    }

    /// A cell of text that is not in the buffer yet: copied in, then trimmed (cells are made of
    /// trimmed text, see `CellScan`), whoever wrote it.
    mutating func makeCell(copying text: some StringProtocol) -> CellRecord {
        makeCell(copying: text.utf8)
    }

    mutating func makeCell(copying utf8: some Sequence<UInt8>) -> CellRecord {
        let start = bytes.count
        bytes.append(contentsOf: utf8)
        let trimmed = bytes.withByteView { UTF8Scanning.trimmedRange($0.view(start...)) }
        return makeCell((start + trimmed.lowerBound)..<(start + trimmed.upperBound))
    }
}

/// One cell's place in a `DocumentText`.
struct CellRecord: Sendable, Equatable {
    var original: Range<Int>
    var key: Range<Int>
    var length: Int
    var signature: UInt64
    var shape: NumberShape
}

/// One pass over a cell's bytes: where the trimmed text lies, and whether it is its own key.
/// The length and signature are the key's when it is; otherwise the scan stops where it
/// finds out, since the folded key is measured instead.
private struct CellScan {
    var original: Range<Int>
    var keyIsOriginal = true
    var length = 0
    var signature: UInt64 = 0

    /// `bytes` are trimmed already: every cell is cut from trimmed lines, pieces or text cells.
    @inline(__always)
    init(_ bytes: ByteView, offset: Int) {
        let trimmed = 0..<bytes.count
        assert(UTF8Scanning.trimmedRange(bytes) == trimmed, "cells are made of trimmed text")
        original = (offset + trimmed.lowerBound)..<(offset + trimmed.upperBound)
        var index = trimmed.lowerBound
        while index < trimmed.upperBound {
            let byte = bytes[index]
            if UTF8.isASCII(byte) {
                if CharacterClass.isASCIISpace(byte) {
                    keyIsOriginal = false
                    return
                }
                signature |= Phrase.bit(UInt32(byte))
                index += 1
            } else if CharacterClass.leadsIdeograph(byte, bytes[index + 1]) {
                // Ideographs are unchanged by folding; a scalar's low six bits are its last
                // byte's (all three bytes long).
                signature |= Phrase.bit(UInt32(bytes[index + 2]))
                index += 3
            } else {
                let (value, width) = bytes.scalar(at: index)
                if !TextNormalizer.isUnchangedByKey(value) {
                    keyIsOriginal = false
                    return
                }
                signature |= Phrase.bit(value)
                index += width
            }
            length += 1
        }
    }

    static func lengthAndSignature(_ bytes: ByteView) -> (Int, UInt64) {
        var index = 0, length = 0, signature: UInt64 = 0
        while index < bytes.count {
            let (value, width) = bytes.scalar(at: index)
            signature |= Phrase.bit(value)
            index += width
            length += 1
        }
        return (length, signature)
    }
}
