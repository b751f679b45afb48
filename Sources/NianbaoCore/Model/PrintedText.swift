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
        storage.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    public var description: String { string }

    public static func == (left: PrintedText, right: PrintedText) -> Bool {
        left.storage[left.range].elementsEqual(right.storage[right.range])
    }
}

/// The document's bytes as the table readers see them: the array that keeps them alive, and
/// where its buffer starts, so that a cell's view can become a `PrintedText`.
struct SourceText {
    let storage: [UInt8]
    let base: UnsafePointer<UInt8>?

    /// `cell`'s printed text; the cell's views point into `storage`'s buffer.
    func printed(_ cell: Cell) -> PrintedText {
        guard let start = cell.original.baseAddress, let base else { return PrintedText(storage, 0..<0) }
        let offset = start - base
        return PrintedText(storage, offset..<(offset + cell.original.count))
    }
}
