/// Text as printed in the document: a range of the document's bytes, shared with the report,
/// made into a String only when a finding quotes it. Every row of every table has a label and
/// few are ever quoted, so a label costs a reference instead of an allocation.
public struct PrintedText: Sendable, Equatable, CustomStringConvertible {
    private let storage: [UInt8]
    private let range: Range<Int>

    init(_ storage: [UInt8], _ range: Range<Int>) {
        self.storage = storage
        self.range = range
    }

    public init(_ text: String) {
        storage = Array(text.utf8)
        range = 0..<storage.count
    }

    public var string: String {
        storage.withByteView { $0.view(range).text }
    }

    public var description: String { string }

    public static func == (left: PrintedText, right: PrintedText) -> Bool {
        left.storage[left.range].elementsEqual(right.storage[right.range])
    }
}

/// The document's bytes as the table readers see them: the array that keeps them alive, and
/// the view of it the cells' views lie in, so that a cell's view can become a `PrintedText`.
struct SourceText {
    let storage: [UInt8]
    let bytes: ByteView
    /// The merged numbers of the document (`DocumentText.mergedNumbers`), by where each of
    /// their cells starts in `bytes`: the cells are never empty, so no two start together.
    private var mergedNumberAt: [Int: Int] = [:]

    init(storage: [UInt8], bytes: ByteView) {
        self.storage = storage
        self.bytes = bytes
    }

    init(_ document: DocumentText, bytes: ByteView) {
        self.init(storage: document.bytes, bytes: bytes)
        for (merged, cells) in document.mergedNumbers.enumerated() {
            for cell in cells { mergedNumberAt[document.cells[Int(cell)].original.lowerBound] = merged }
        }
    }

    /// `cell`'s printed text (empty for a cell that is not in these bytes).
    func printed(_ cell: Cell) -> PrintedText {
        guard let offset = bytes.offset(of: cell.original) else { return PrintedText(storage, 0..<0) }
        return PrintedText(storage, offset..<(offset + cell.original.count))
    }

    /// The merged numbers some of `cells` belong to, in order, each once; none in nearly every
    /// document.
    func mergedNumbers(in cells: ArraySlice<Cell>) -> [Int] {
        guard !mergedNumberAt.isEmpty else { return [] }
        var found: [Int] = []
        for cell in cells where !cell.isEmpty {
            if let offset = bytes.offset(of: cell.original), let merged = mergedNumberAt[offset], !found.contains(merged) {
                found.append(merged)
            }
        }
        return found
    }
}
