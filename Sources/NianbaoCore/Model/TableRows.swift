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
