import Foundation
import Glibc

/// Hostile documents built in memory, byte for byte: ZIP containers written here (a few stored
/// entries, or one raw deflate stream) so that a test controls every size field, and a deflate
/// stream of more than 1 GiB of zeros that takes 7 MB and no time to make.
enum HostileFiles {
    static let contentTypes = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#
    static let rootRelationships = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#

    /// One ZIP entry: `data` as stored in the archive (raw deflate when `deflated`), with the
    /// sizes and CRC the headers declare.
    struct Entry {
        var name: String
        var data: [UInt8]
        var deflated = false
        var uncompressedSize: UInt32
        var crc: UInt32

        static func stored(_ name: String, _ text: String) -> Entry {
            let bytes = Array(text.utf8)
            return Entry(name: name, data: bytes, uncompressedSize: UInt32(bytes.count), crc: crc32(bytes))
        }
    }

    /// A .docx whose word/document.xml is `documentXML`, stored.
    static func docx(documentXML: String) -> [UInt8] {
        zip([.stored("[Content_Types].xml", contentTypes), .stored("_rels/.rels", rootRelationships),
             .stored("word/document.xml", documentXML)])
    }

    /// A .docx whose word/document.xml inflates to 1,093,920,259 zero bytes (over 1 GiB) from
    /// 6.9 MB. `declaredSize`: what the headers say it inflates to (the truth by default; a
    /// liar's small number makes the reader find out while inflating).
    static func zipBomb(declaredSize: UInt32 = zeroBombSize) -> [UInt8] {
        zip([.stored("[Content_Types].xml", contentTypes), .stored("_rels/.rels", rootRelationships),
             Entry(name: "word/document.xml", data: zeroBombDeflate, deflated: true, uncompressedSize: declaredSize, crc: zeroBombCRC)])
    }

    /// 1 + 258 × (1 + 8 × 530,000) zeros.
    static let zeroBombSize: UInt32 = 1_093_920_259
    /// CRC-32 of those zeros (computed once with zlib: crc32 over 1,093,920,259 zero bytes).
    static let zeroBombCRC: UInt32 = 0x0759_0049

    /// One fixed-Huffman deflate block: the literal 0, then back-references of length 258 at
    /// distance 1 (8 + 5 bits each), then end of block. After the first reference the bit
    /// position is byte-aligned, and 8 references are exactly 13 bytes, so the body is one
    /// 13-byte pattern repeated.
    static let zeroBombDeflate: [UInt8] = {
        var head = BitWriter()
        head.put(1, bits: 1)           // BFINAL
        head.put(1, bits: 2)           // BTYPE 01: fixed Huffman codes
        head.huffman(0x30, bits: 8)    // literal 0
        head.huffman(0xC5, bits: 8)    // length code 285: 258
        head.huffman(0, bits: 5)       // distance code 0: 1
        precondition(head.bitCount == 24)
        var eight = BitWriter()
        for _ in 0..<8 {
            eight.huffman(0xC5, bits: 8)
            eight.huffman(0, bits: 5)
        }
        precondition(eight.bytes.count == 13 && eight.bitCount == 104)
        var stream = head
        stream.bytes.reserveCapacity(3 + 13 * 530_000 + 1)
        for _ in 0..<530_000 { stream.bytes.append(contentsOf: eight.bytes) }
        stream.bitCount += 104 * 530_000
        stream.huffman(0, bits: 7)     // end of block
        return stream.bytes
    }()

    struct BitWriter {
        var bytes: [UInt8] = []
        var bitCount = 0

        mutating func bit(_ value: UInt32) {
            if bitCount % 8 == 0 { bytes.append(0) }
            if value != 0 { bytes[bytes.count - 1] |= UInt8(1 << (bitCount % 8)) }
            bitCount += 1
        }

        /// A number, least significant bit first (deflate's header fields).
        mutating func put(_ value: UInt32, bits: Int) {
            for index in 0..<bits { bit((value >> UInt32(index)) & 1) }
        }

        /// A Huffman code, most significant bit first.
        mutating func huffman(_ code: UInt32, bits: Int) {
            for index in (0..<bits).reversed() { bit((code >> UInt32(index)) & 1) }
        }
    }

    /// A ZIP archive: local headers with data, the central directory, its end record.
    static func zip(_ entries: [Entry]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func le16(_ value: Int, _ into: inout [UInt8]) { into += [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF)] }
        func le32(_ value: UInt32, _ into: inout [UInt8]) { for shift in [0, 8, 16, 24] { into.append(UInt8((value >> UInt32(shift)) & 0xFF)) } }
        for entry in entries {
            let offset = UInt32(out.count)
            let name = Array(entry.name.utf8)
            let method = entry.deflated ? 8 : 0
            // Local file header.
            le32(0x0403_4B50, &out); le16(20, &out); le16(0, &out); le16(method, &out)
            le16(0, &out); le16(0x21, &out)  // 1980-01-01 00:00
            le32(entry.crc, &out); le32(UInt32(entry.data.count), &out); le32(entry.uncompressedSize, &out)
            le16(name.count, &out); le16(0, &out)
            out += name
            out += entry.data
            // Central directory header.
            le32(0x0201_4B50, &central); le16(20, &central); le16(20, &central); le16(0, &central); le16(method, &central)
            le16(0, &central); le16(0x21, &central)
            le32(entry.crc, &central); le32(UInt32(entry.data.count), &central); le32(entry.uncompressedSize, &central)
            le16(name.count, &central); le16(0, &central); le16(0, &central); le16(0, &central); le16(0, &central)
            le32(0, &central); le32(offset, &central)
            central += name
        }
        let centralOffset = UInt32(out.count)
        out += central
        le32(0x0605_4B50, &out); le16(0, &out); le16(0, &out); le16(entries.count, &out); le16(entries.count, &out)
        le32(UInt32(central.count), &out); le32(centralOffset, &out); le16(0, &out)
        return out
    }

    private static let crcTable: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 != 0 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    /// A billion laughs: ten levels of entities each ten times the one below (10⁹ × "lol").
    static func billionLaughsDTD(root: String) -> String {
        var dtd = "<!DOCTYPE \(root) [<!ENTITY lol \"lol\">"
        dtd += "<!ENTITY lol1 \"" + String(repeating: "&lol;", count: 10) + "\">"
        for level in 2...9 { dtd += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">" }
        return dtd + "]>"
    }

    static func wordDocument(_ body: String, dtd: String = "") -> String {
        #"<?xml version="1.0" encoding="UTF-8"?>"# + dtd
            + #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>"#
            + body + "</w:t></w:r></w:p></w:body></w:document>"
    }

    /// Bytes that look like nothing: a fixed pseudo-random sequence (xorshift), so the digest is stable.
    static func junk(count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> Data {
        var state = seed
        var bytes = [UInt8](repeating: 0, count: count)
        for index in 0..<count {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            bytes[index] = UInt8(truncatingIfNeeded: state >> 24)
        }
        return Data(bytes)
    }
}

/// Watches paths outside the drop folder with inotify for any open or read (IN_OPEN, IN_ACCESS):
/// reported even when the opener asked for O_NOATIME, so it proves a file was never opened.
final class OpenWatch {
    let fd: Int32
    private var watched: [Int32: String] = [:]

    init(_ paths: [String]) throws {
        fd = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        guard fd >= 0 else { throw HarnessFailure("inotify_init1: errno \(errno)") }
        for path in paths {
            let wd = inotify_add_watch(fd, path, UInt32(IN_OPEN) | UInt32(IN_ACCESS))
            guard wd >= 0 else { throw HarnessFailure("inotify_add_watch \(path): errno \(errno)") }
            watched[wd] = path
        }
    }

    deinit { close(fd) }

    /// Every open or read since the watch began, as "path[/name]".
    func events() -> [String] {
        var found: [String] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            guard count > 0 else { break }
            var offset = 0
            while offset + 16 <= count {
                let wd = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: Int32.self) }
                let length = Int(buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self) })
                let nameBytes = buffer[(offset + 16)..<(offset + 16 + length)].prefix { $0 != 0 }
                let name = nameBytes.isEmpty ? "" : "/" + String(decoding: nameBytes, as: UTF8.self)
                found.append((watched[wd] ?? "wd \(wd)") + name)
                offset += 16 + length
            }
        }
        return found
    }
}
