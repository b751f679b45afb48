import NianbaoCore

/// The stored `figures` object read straight into `OfficeExport.figureColumns` order: one pass
/// over the bytes, no tree, no String per key or number (export reads 10,000 of them; the
/// StoredJSON tree was about a tenth of `export --format xlsx` on scripts/office-bench). It
/// accepts only the shape the core writes (tables 2–4, known keys each once, numbers or null at
/// the leaves, no escapes) and answers nil for anything else, so the caller falls back to the
/// StoredJSON reader and every value stays what that reader gives.
enum StoredFigures {
    private struct Group {
        var key: [UInt8]
        var first: Int
        /// Table 2's multi-column items: their column keys; empty for a single value (table 2)
        /// or an array row (tables 3 and 4).
        var columns: [[UInt8]]
        var count: Int
        /// Tables 3 and 4: the row is an array.
        var isArray: Bool
    }

    private static let tables: [[Group]] = ["table2", "table3", "table4"].map { table in
        FigureRow.all.filter { $0.table == table }.map { row in
            Group(key: Array(row.key.utf8), first: row.first, columns: row.shape == .object ? row.columns.map { Array($0.key.utf8) } : [],
                  count: row.columns.count, isArray: row.shape == .array)
        }
    }
    private static let tableKeys: [[UInt8]] = [Array("table2".utf8), Array("table3".utf8), Array("table4".utf8)]

    /// Fills `values` (all nil on entry, `figureColumns.count` long); false when the text is
    /// not of the expected shape (then `values` is to be thrown away).
    static func read(_ text: String, into values: inout [Double?]) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            values.withUnsafeMutableBufferPointer { out in
                var reader = Reader(bytes: bytes, out: out)
                return reader.document()
            }
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let out: UnsafeMutableBufferPointer<Double?>
        var index = 0

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        /// Skips space, then consumes `byte` if it is next.
        mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// A key without escapes: its byte range, the colon after it consumed.
        mutating func key() -> Range<Int>? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                if bytes[index] == UInt8(ascii: "\\") { return nil }
                index += 1
            }
            guard index < bytes.count else { return nil }
            let range = start..<index
            index += 1
            return take(UInt8(ascii: ":")) ? range : nil
        }

        func matches(_ range: Range<Int>, _ word: [UInt8]) -> Bool {
            guard range.count == word.count else { return false }
            var offset = range.lowerBound
            for byte in word {
                if bytes[offset] != byte { return false }
                offset += 1
            }
            return true
        }

        /// After a member or element: true for a comma, false for `close`, nil otherwise.
        mutating func next(_ close: UInt8) -> Bool? {
            skipSpace()
            guard index < bytes.count else { return nil }
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: ",") { return true }
            return byte == close ? false : nil
        }

        /// A number or null as StoredJSON reads it (`.number(x).number`, `.null.number`);
        /// `.none` for anything else.
        mutating func leaf() -> Double?? {
            skipSpace()
            guard index < bytes.count else { return .none }
            if bytes[index] == UInt8(ascii: "n") {
                guard index + 4 <= bytes.count, bytes[index + 1] == UInt8(ascii: "u"), bytes[index + 2] == UInt8(ascii: "l"),
                      bytes[index + 3] == UInt8(ascii: "l") else { return .none }
                index += 4
                return .some(nil)
            }
            let start = index
            var digitsOnly = true
            while index < bytes.count {
                let byte = bytes[index]
                if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                    digitsOnly = false
                } else {
                    break
                }
                index += 1
            }
            guard index > start else { return .none }
            if digitsOnly && index - start <= 15 {
                var value = 0
                for offset in start..<index { value = value * 10 + Int(bytes[offset] &- UInt8(ascii: "0")) }
                return .some(Double(value))  // exact: below 2^53
            }
            guard let value = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)) else {
                return .none
            }
            return .some(value)
        }

        mutating func document() -> Bool {
            guard take(UInt8(ascii: "{")) else { return false }
            var seen = [false, false, false]
            if !take(UInt8(ascii: "}")) {
                while true {
                    guard let name = key(), let table = StoredFigures.tableKeys.firstIndex(where: { matches(name, $0) }),
                          !seen[table] else { return false }
                    seen[table] = true
                    guard self.table(StoredFigures.tables[table]) else { return false }
                    guard let more = next(UInt8(ascii: "}")) else { return false }
                    if !more { break }
                }
            }
            skipSpace()
            return index == bytes.count
        }

        mutating func table(_ groups: [Group]) -> Bool {
            guard take(UInt8(ascii: "{")) else { return false }
            if take(UInt8(ascii: "}")) { return true }
            var seen = [Bool](repeating: false, count: groups.count)
            while true {
                guard let name = key(), let which = groups.firstIndex(where: { matches(name, $0.key) }), !seen[which] else { return false }
                seen[which] = true
                let group = groups[which]
                if group.isArray {
                    guard array(group) else { return false }
                } else if !group.columns.isEmpty {
                    guard columns(group) else { return false }
                } else {
                    guard let value = leaf() else { return false }
                    out[group.first] = value
                }
                guard let more = next(UInt8(ascii: "}")) else { return false }
                if !more { return true }
            }
        }

        /// A table 2 item of several columns: an object of column → number.
        mutating func columns(_ group: Group) -> Bool {
            guard take(UInt8(ascii: "{")) else { return false }
            if take(UInt8(ascii: "}")) { return true }
            var seen = [Bool](repeating: false, count: group.columns.count)
            while true {
                guard let name = key(), let column = group.columns.firstIndex(where: { matches(name, $0) }), !seen[column],
                      let value = leaf() else { return false }
                seen[column] = true
                out[group.first + column] = value
                guard let more = next(UInt8(ascii: "}")) else { return false }
                if !more { return true }
            }
        }

        /// A table 3 or 4 row: an array of numbers; elements past the columns are ignored.
        mutating func array(_ group: Group) -> Bool {
            guard take(UInt8(ascii: "[")) else { return false }
            if take(UInt8(ascii: "]")) { return true }
            var column = 0
            while true {
                guard let value = leaf() else { return false }
                if column < group.count { out[group.first + column] = value }
                column += 1
                guard let more = next(UInt8(ascii: "]")) else { return false }
                if !more { return true }
            }
        }
    }
}
