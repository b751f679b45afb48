import CLibXML2

/// The namespace prefixes in scope while a Word part is read through libxml2's SAX1 interface,
/// which hands over names as written (`w:tbl`). Only one question is ever asked: is this
/// element in the WordprocessingML namespace? Declarations (`xmlns:w="…"`, `xmlns="…"`) are
/// kept per element depth, so a prefix bound again inside the document is honoured and forgotten
/// when its element ends; a prefix never declared is not Word.
struct WordNamespaces {
    private struct Binding {
        var prefix: [UInt8]
        var isWord: Bool
        var depth: Int
    }

    private let wordURIs: [[UInt8]]
    private var bindings: [Binding] = []
    /// The depth of the innermost declaration, -1 when there is none: asked at every end tag,
    /// so kept apart from `bindings` (reading a binding would retain its prefix).
    private var innermostDepth = -1
    /// The last prefix resolved (packed, at most 8 bytes) and its answer: nearly every element of
    /// a Word part has the same prefix. Forgotten whenever the bindings change.
    private var lastPrefix: (packed: UInt64, length: Int, isWord: Bool)?

    init(wordURIs: [String]) {
        self.wordURIs = wordURIs.map { Array($0.utf8) }
    }

    /// Records the `xmlns` attributes of an element at `depth` (SAX1's name/value list).
    @inline(__always)
    mutating func declare(_ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>, depth: Int) {
        var index = 0
        while let name = attributes[index] {
            // Nearly every attribute is `w:…`: one comparison rules it out.
            if name[0] == 0x78 { declare(name, attributes[index + 1], depth: depth) }  // x
            index += 2
        }
    }

    private mutating func declare(_ name: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?, depth: Int) {
        guard name[1] == 0x6D, name[2] == 0x6C, name[3] == 0x6E, name[4] == 0x73,  // xmlns
              name[5] == 0 || name[5] == 0x3A else { return }
        var prefix: [UInt8] = []
        if name[5] == 0x3A {
            var cursor = 6
            while name[cursor] != 0 { prefix.append(name[cursor]); cursor += 1 }
        }
        let isWord = uri.map { uri in wordURIs.contains { LibXML.equal(uri, $0) } } ?? false
        bindings.append(Binding(prefix: prefix, isWord: isWord, depth: depth))
        innermostDepth = depth
        lastPrefix = nil
    }

    /// Forgets the declarations of the element at `depth`, which has ended.
    @inline(__always)
    mutating func leave(depth: Int) {
        guard innermostDepth >= depth else { return }
        while let last = bindings.last, last.depth >= depth { bindings.removeLast() }
        innermostDepth = bindings.last?.depth ?? -1
        lastPrefix = nil
    }

    /// Whether the element is a Word element, and its local name (`tbl` of `w:tbl`).
    @inline(__always)
    mutating func resolve(_ qualifiedName: UnsafePointer<xmlChar>) -> (isWord: Bool, localName: UnsafePointer<xmlChar>) {
        var colon = 0
        while qualifiedName[colon] != 0, qualifiedName[colon] != 0x3A { colon += 1 }
        guard qualifiedName[colon] == 0x3A else {
            return (isWord(prefix: qualifiedName, length: 0), qualifiedName)
        }
        return (isWord(prefix: qualifiedName, length: colon), qualifiedName + colon + 1)
    }

    /// The part of an attribute or element name after its prefix.
    static func localName(_ qualifiedName: UnsafePointer<xmlChar>) -> UnsafePointer<xmlChar> {
        var index = 0
        while qualifiedName[index] != 0 {
            if qualifiedName[index] == 0x3A { return qualifiedName + index + 1 }
            index += 1
        }
        return qualifiedName
    }

    @inline(__always)
    private mutating func isWord(prefix: UnsafePointer<xmlChar>, length: Int) -> Bool {
        var packed: UInt64 = 0
        if length <= 8 {
            for index in 0..<length { packed = packed << 8 | UInt64(prefix[index]) }
            if let last = lastPrefix, last.packed == packed, last.length == length { return last.isWord }
        }
        return lookUp(prefix: prefix, length: length, packed: packed)
    }

    private mutating func lookUp(prefix: UnsafePointer<xmlChar>, length: Int, packed: UInt64) -> Bool {
        let bytes = UnsafeBufferPointer(start: prefix, count: length)
        let isWord = bindings.last { $0.prefix.elementsEqual(bytes) }?.isWord ?? false
        if length <= 8 { lastPrefix = (packed, length, isWord) }
        return isWord
    }
}
