/// The one-line form of an entry written when the journal cannot be reached:
///
///     <4> nianbao[MESSAGE_ID=…]: MESSAGE {NIANBAO_FILE="a/b.txt" NIANBAO_VERDICT="rejected"}
///
/// The `<N>` prefix is the sd-daemon(3) convention, so journald still gets the priority
/// right if this stream ends up there. File names are attacker-controlled, so nothing may
/// break out of its place: control characters (C0, DEL, C1), the Unicode line and paragraph
/// separators and the bidirectional overrides are escaped (`\n`, `\t`, `\r`, `\xHH`,
/// `\u2028`), as is `\` itself; inside a quoted value `"` becomes `\"`, and in the message
/// `{` becomes `\x7b`, so the first ` {` always starts the fields.
enum FallbackLine {
    static func render(_ entry: JournalEntry, identifier: String) -> [UInt8] {
        var line: [UInt8] = []
        line.reserveCapacity(96 + entry.message.utf8.count + entry.fields.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 })
        line.append(UInt8(ascii: "<"))
        line.append(UInt8(ascii: "0") + UInt8(entry.priority.rawValue))
        line.append(contentsOf: "> ".utf8)
        appendEscaped(identifier, to: &line, context: .message)
        line.append(contentsOf: "[MESSAGE_ID=".utf8)
        appendEscaped(entry.messageID, to: &line, context: .message)
        line.append(contentsOf: "]: ".utf8)
        appendEscaped(entry.message, to: &line, context: .message)
        if !entry.fields.isEmpty {
            line.append(contentsOf: " {".utf8)
            for (index, field) in entry.fields.enumerated() {
                if index > 0 { line.append(UInt8(ascii: " ")) }
                appendEscaped(field.name, to: &line, context: .message)
                line.append(contentsOf: "=\"".utf8)
                appendEscaped(field.value, to: &line, context: .quotedValue)
                line.append(UInt8(ascii: "\""))
            }
            line.append(UInt8(ascii: "}"))
        }
        line.append(UInt8(ascii: "\n"))
        return line
    }

    enum Context { case message, quotedValue }

    static func escaped(_ text: String, context: Context) -> String {
        var bytes: [UInt8] = []
        appendEscaped(text, to: &bytes, context: context)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Works on UTF-8 bytes: Swift strings are valid UTF-8, so the multi-byte sequences of
    /// the characters to escape (C1 is C2 80–9F; U+2028/2029, U+202A–202E are E2 80 xx;
    /// U+2066–2069 are E2 81 A6–A9) can be matched without decoding.
    static func appendEscaped(_ text: String, to out: inout [UInt8], context: Context) {
        var text = text
        text.withUTF8 { bytes in
            var i = 0
            var plainStart = 0  // runs of plain bytes are copied in one go
            while i < bytes.count {
                let length = escapedLength(bytes, at: i, context: context)
                if length == 0 { i += 1; continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart..<i]))
                appendEscape(bytes, at: i, length: length, to: &out)
                i += length
                plainStart = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart...]))
        }
    }

    /// How many bytes at `i` form one character to escape; 0 when the byte is plain.
    private static func escapedLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, context: Context) -> Int {
        switch bytes[i] {
        case 0x00..<0x20, 0x7F, UInt8(ascii: "\\"): 1
        case UInt8(ascii: "\"") where context == .quotedValue: 1
        case UInt8(ascii: "{") where context == .message: 1
        case 0xC2 where i + 1 < bytes.count && (0x80...0x9F).contains(bytes[i + 1]): 2
        case 0xE2 where i + 2 < bytes.count && isInvisibleBreakOrOverride(bytes[i + 1], bytes[i + 2]): 3
        default: 0
        }
    }

    private static func appendEscape(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, length: Int, to out: inout [UInt8]) {
        switch (length, bytes[i]) {
        case (1, UInt8(ascii: "\n")): out.append(contentsOf: #"\n"#.utf8)
        case (1, UInt8(ascii: "\t")): out.append(contentsOf: #"\t"#.utf8)
        case (1, UInt8(ascii: "\r")): out.append(contentsOf: #"\r"#.utf8)
        case (1, UInt8(ascii: "\\")): out.append(contentsOf: #"\\"#.utf8)
        case (1, UInt8(ascii: "\"")): out.append(contentsOf: #"\""#.utf8)
        case (1, let byte): appendHex(byte, to: &out)
        case (2, _): appendHex(bytes[i + 1], to: &out)  // the C1 code point U+0080–U+009F
        default:
            let scalar = 0x2000 | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)
            out.append(contentsOf: #"\u"#.utf8)
            out.append(contentsOf: String(scalar, radix: 16).utf8)
        }
    }

    private static func isInvisibleBreakOrOverride(_ second: UInt8, _ third: UInt8) -> Bool {
        (second == 0x80 && (0xA8...0xAE).contains(third)) || (second == 0x81 && (0xA6...0xA9).contains(third))
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func appendHex(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(contentsOf: [0x5C, UInt8(ascii: "x"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
