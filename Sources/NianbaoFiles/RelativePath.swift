/// A path relative to the drop folder, kept as the raw bytes the file system uses.
///
/// Names in the drop folder may hold invalid UTF-8, newlines or control characters; the
/// bytes are kept exactly (so the file can be opened again), and `display` gives a printable,
/// reversible rendering for logs and JSON. Components are separated by a single `/`; the
/// root (the drop folder itself) is the empty path. A valid path has no empty, `.` or `..`
/// component and no NUL byte, so it can never leave the drop folder.
public struct RelativePath: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Raw bytes, components joined by `/`.
    public let bytes: [UInt8]

    /// The drop folder itself.
    public static let root = RelativePath(unchecked: [])

    init(unchecked bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Validates raw bytes: `a/b/c`, no empty, `.` or `..` component, no NUL. Empty bytes are the root.
    public init?(bytes: [UInt8]) {
        guard bytes.isEmpty || RelativePath.isValid(bytes) else { return nil }
        self.bytes = bytes
    }

    /// Validates a UTF-8 string such as `agency-a/2023.txt`.
    public init?(_ string: String) {
        self.init(bytes: Array(string.utf8))
    }

    /// Parses the output of `display` back into bytes (`\\` and `\xHH` escapes).
    public init?(display: String) {
        guard let bytes = RelativePath.unescape(display) else { return nil }
        self.init(bytes: bytes)
    }

    public var isRoot: Bool { bytes.isEmpty }

    /// The components, root has none.
    public var components: [[UInt8]] {
        bytes.isEmpty ? [] : bytes.split(separator: 0x2F, omittingEmptySubsequences: false).map(Array.init)
    }

    /// Number of components (root 0, `a/b` 2).
    public var depth: Int {
        bytes.isEmpty ? 0 : bytes.reduce(1) { $1 == 0x2F ? $0 + 1 : $0 }
    }

    /// The last component's bytes (empty for root).
    public var name: [UInt8] {
        guard let slash = bytes.lastIndex(of: 0x2F) else { return bytes }
        return Array(bytes[(slash + 1)...])
    }

    /// The first component (for `agency-a/x/2023.txt`, `agency-a`), nil for root.
    public var firstComponent: [UInt8]? {
        guard !bytes.isEmpty else { return nil }
        guard let slash = bytes.firstIndex(of: 0x2F) else { return bytes }
        return Array(bytes[..<slash])
    }

    /// The containing folder; nil for root.
    public var parent: RelativePath? {
        guard !bytes.isEmpty else { return nil }
        guard let slash = bytes.lastIndex(of: 0x2F) else { return .root }
        return RelativePath(unchecked: Array(bytes[..<slash]))
    }

    /// Appends one component; nil when it is empty, `.`, `..`, or holds `/` or NUL.
    public func appending(component: [UInt8]) -> RelativePath? {
        guard RelativePath.isValidComponent(component[...]) else { return nil }
        return appending(unchecked: component)
    }

    /// Appends a component known to be valid (a name read from the kernel).
    func appending(unchecked component: [UInt8]) -> RelativePath {
        if bytes.isEmpty { return RelativePath(unchecked: component) }
        var joined = bytes
        joined.reserveCapacity(bytes.count + 1 + component.count)
        joined.append(0x2F)
        joined.append(contentsOf: component)
        return RelativePath(unchecked: joined)
    }

    /// Appends a relative path.
    public func appending(_ other: RelativePath) -> RelativePath {
        if other.bytes.isEmpty { return self }
        return appending(unchecked: other.bytes)
    }

    /// True when `self` is `ancestor` or lies below it (component-wise: `ab` is not below `a`).
    public func isWithin(_ ancestor: RelativePath) -> Bool {
        if ancestor.bytes.isEmpty { return true }
        guard bytes.count >= ancestor.bytes.count, bytes.starts(with: ancestor.bytes) else { return false }
        return bytes.count == ancestor.bytes.count || bytes[ancestor.bytes.count] == 0x2F
    }

    /// `self` re-rooted: the part below `ancestor` placed under `newAncestor`. Nil when not within.
    public func replacingAncestor(_ ancestor: RelativePath, with newAncestor: RelativePath) -> RelativePath? {
        guard isWithin(ancestor) else { return nil }
        var rest = Array(bytes[ancestor.bytes.count...])
        if rest.first == 0x2F { rest.removeFirst() }
        return newAncestor.appending(RelativePath(unchecked: rest))
    }

    /// Printable and reversible: valid, printable UTF-8 as is; `\` as `\\`; control characters
    /// (C0, DEL, C1), bidirectional and line/paragraph separators, and invalid bytes as `\xHH`.
    public var display: String { RelativePath.escape(bytes) }

    public var description: String { display }

    public static func < (lhs: RelativePath, rhs: RelativePath) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }

    // MARK: Validation

    static func isValidComponent(_ component: ArraySlice<UInt8>) -> Bool {
        if component.isEmpty { return false }
        if component.elementsEqual([0x2E]) || component.elementsEqual([0x2E, 0x2E]) { return false }
        return !component.contains(0x2F) && !component.contains(0)
    }

    static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.split(separator: 0x2F, omittingEmptySubsequences: false).allSatisfy(isValidComponent)
    }

    // MARK: Escaping

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Escapes any byte string the way `display` does (usable for a single name too).
    public static func escape(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        func appendEscaped(_ byte: UInt8) {
            output.append(0x5C)
            output.append(0x78)
            output.append(hexDigits[Int(byte >> 4)])
            output.append(hexDigits[Int(byte & 0x0F)])
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x5C {
                output.append(0x5C)
                output.append(0x5C)
                index += 1
                continue
            }
            if byte < 0x80 {
                if byte < 0x20 || byte == 0x7F { appendEscaped(byte) } else { output.append(byte) }
                index += 1
                continue
            }
            if let (scalar, length) = decodeScalar(bytes, at: index) {
                if mustEscape(scalar) {
                    for offset in 0..<length { appendEscaped(bytes[index + offset]) }
                } else {
                    output.append(contentsOf: bytes[index..<(index + length)])
                }
                index += length
            } else {
                appendEscaped(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// C1 controls, bidi controls, line/paragraph separators, zero-width no-break space.
    private static func mustEscape(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x80...0x9F, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }

    /// Decodes one well-formed multi-byte UTF-8 scalar (no overlongs, no surrogates, ≤ U+10FFFF).
    private static func decodeScalar(_ bytes: [UInt8], at index: Int) -> (UInt32, Int)? {
        let first = bytes[index]
        let length: Int
        var scalar: UInt32
        var lowest: UInt32
        switch first {
        case 0xC2...0xDF: length = 2; scalar = UInt32(first & 0x1F); lowest = 0x80
        case 0xE0...0xEF: length = 3; scalar = UInt32(first & 0x0F); lowest = 0x800
        case 0xF0...0xF4: length = 4; scalar = UInt32(first & 0x07); lowest = 0x10000
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        for offset in 1..<length {
            let next = bytes[index + offset]
            guard next & 0xC0 == 0x80 else { return nil }
            scalar = (scalar << 6) | UInt32(next & 0x3F)
        }
        guard scalar >= lowest, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return nil }
        return (scalar, length)
    }

    static func unescape(_ text: String) -> [UInt8]? {
        let input = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: byte - 0x30
            case 0x41...0x46: byte - 0x41 + 10
            case 0x61...0x66: byte - 0x61 + 10
            default: nil
            }
        }
        while index < input.count {
            let byte = input[index]
            guard byte == 0x5C else {
                output.append(byte)
                index += 1
                continue
            }
            guard index + 1 < input.count else { return nil }
            if input[index + 1] == 0x5C {
                output.append(0x5C)
                index += 2
            } else if input[index + 1] == 0x78, index + 3 < input.count,
                      let high = hexValue(input[index + 2]), let low = hexValue(input[index + 3]) {
                output.append(high << 4 | low)
                index += 4
            } else {
                return nil
            }
        }
        return output
    }
}
