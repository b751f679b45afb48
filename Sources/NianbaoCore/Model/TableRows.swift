/// The row keys of a table: enums without payload, fewer than 256 cases.
public protocol TableRowKey: CaseIterable, Hashable, Sendable {}

extension TableRowKey {
    /// The case's position in `allCases`: a payload-free case is exactly its one-byte tag.
    var ordinal: Int { Int(caseTag(self)) }
}

extension DisclosureItem: TableRowKey {}
extension ApplicationRow: TableRowKey {}

/// The rows of a table that were found, by key. Used like a dictionary (`rows[key]`, `count`,
/// `values`), but one slot per key in declaration order: every rule looks rows up, and a
/// lookup is an index instead of hashing.
public struct TableRows<Key: TableRowKey>: Sendable, Equatable {
    private var slots: [RowReading?] = Array(repeating: nil, count: Key.allCases.count)
    /// How many rows were found.
    public private(set) var count = 0
    /// Rows not aligned because some of their cells are merged down several rows and hold a
    /// number other than 0 (`DocumentText.mergedNumbers`), with those merged cells by number:
    /// rows sharing one share its number, which cannot be split between them. Kept beside the
    /// rows, not in them: every rule reads rows, and almost no table has any.
    private var sharedMergedNumbers: [SharedMergedNumbers] = []

    private struct SharedMergedNumbers: Sendable, Equatable {
        var key: Key
        var merged: [Int]
    }

    public init() {}

    public subscript(key: Key) -> RowReading? {
        get { slots[key.ordinal] }
        set {
            let index = key.ordinal
            count += (newValue == nil ? 0 : 1) - (slots[index] == nil ? 0 : 1)
            slots[index] = newValue
        }
    }

    public var isEmpty: Bool { count == 0 }

    /// The merged numbers a row shares with other rows (`DocumentText.mergedNumbers`); empty for
    /// nearly every row.
    public func mergedNumbers(of key: Key) -> [Int] {
        sharedMergedNumbers.first { $0.key == key }?.merged ?? []
    }

    /// Sets a row that shares merged numbers with other rows: not aligned, its cells as printed.
    mutating func setSharing(_ merged: [Int], key: Key, label: PrintedText, cells: [String]) {
        self[key] = .misaligned(label: label, cells: cells)
        sharedMergedNumbers.removeAll { $0.key == key }
        sharedMergedNumbers.append(SharedMergedNumbers(key: key, merged: merged))
    }

    /// True when some row is aligned and every cell of every aligned row is blank (`notStated`).
    var isEntirelyBlank: Bool {
        var aligned = false
        for slot in slots {
            guard let values = slot?.values else { continue }
            aligned = true
            for value in values { if case .notStated = value { continue }; return false }
        }
        return aligned
    }

    /// The rows found, in key order.
    public var values: [RowReading] { slots.compactMap { $0 } }
}
