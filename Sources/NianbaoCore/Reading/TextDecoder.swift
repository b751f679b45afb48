import Foundation

/// The character encodings agencies' files arrive in.
public enum TextEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf8WithBOM = "UTF-8 (BOM)"
    case utf16LittleEndian = "UTF-16LE"
    case utf16BigEndian = "UTF-16BE"
    case gb18030 = "GB18030"
}

public struct DecodedText: Sendable {
    public var text: String
    public var encoding: TextEncoding
}

/// Turns the bytes of a text document into a String: UTF-8 (with or without BOM), UTF-16 (BOM,
/// or a NUL pattern that can only be UTF-16), or GB18030, the superset of GBK and GB2312 that
/// Windows machines in China write by default.
public enum TextDecoder {
    /// Foundation's NSStringEncoding for kCFStringEncodingGB_18030_2000.
    private static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    public static func decode(_ bytes: [UInt8]) -> Result<DecodedText, ReadingFailure> {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let text = String(validating: bytes.dropFirst(3), as: UTF8.self) else {
                return .failure(undecodable("以UTF-8标记开头，但内容不是有效的UTF-8", "starts with a UTF-8 byte order mark but is not valid UTF-8"))
            }
            return .success(DecodedText(text: text, encoding: .utf8WithBOM))
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return decodeUTF16(bytes.dropFirst(2), bigEndian: false) }
        if bytes.starts(with: [0xFE, 0xFF]) { return decodeUTF16(bytes.dropFirst(2), bigEndian: true) }

        if let nulParity = nulParity(of: bytes) {
            // NULs on one parity only: UTF-16 without a byte order mark. Anything else is binary.
            if nulParity < 2, case .success(let decoded) = decodeUTF16(bytes[...], bigEndian: nulParity == 0) {
                return .success(decoded)
            }
            return .failure(binary)
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            return .success(DecodedText(text: text, encoding: .utf8))
        }
        if let text = String(data: Data(bytes), encoding: gb18030) {
            return .success(DecodedText(text: text, encoding: .gb18030))
        }
        return .failure(undecodable("不是有效的UTF-8、UTF-16或GB18030(GBK)文本", "not valid UTF-8, UTF-16 or GB18030 (GBK) text"))
    }

    public static let binary = ReadingFailure(
        code: .nb103,
        message: "文件内容是二进制数据，不是文本文档；\(DocumentKind.sendInstead)",
        messageEnglish: "the content is binary data, not a text document; \(DocumentKind.sendInsteadEnglish)")

    private static func undecodable(_ chinese: String, _ english: String) -> ReadingFailure {
        ReadingFailure(
            code: .nb104,
            message: "无法识别文字编码：\(chinese)；请另存为UTF-8编码的文本后重新提交",
            messageEnglish: "text could not be decoded: \(english); save it as UTF-8 and submit again")
    }

    /// 0 or 1 when every NUL byte sits at even or at odd offsets, 2 when NULs sit on both
    /// (binary content), nil when there are none.
    private static func nulParity(of bytes: [UInt8]) -> Int? {
        var seen = [false, false]
        for (offset, byte) in bytes.enumerated() where byte == 0 {
            seen[offset & 1] = true
        }
        switch (seen[0], seen[1]) {
        case (false, false): return nil
        case (true, false): return 0
        case (false, true): return 1
        case (true, true): return 2
        }
    }

    private static func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> Result<DecodedText, ReadingFailure> {
        guard bytes.count % 2 == 0 else {
            return .failure(undecodable("UTF-16文本的字节数不完整", "UTF-16 text with an odd number of bytes"))
        }
        var units = [UInt16]()
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let first = UInt16(bytes[index]), second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        guard let text = String(validating: units, as: UTF16.self) else {
            return .failure(undecodable("UTF-16文本中有无效的代理对", "UTF-16 text with broken surrogate pairs"))
        }
        return .success(DecodedText(text: text, encoding: bigEndian ? .utf16BigEndian : .utf16LittleEndian))
    }
}

extension TextDecoder {
    /// True when the bytes are valid UTF-8 with neither a byte order mark nor a NUL: text that is
    /// read as it is, with nothing to decode (the web page reader's common case).
    public static func isPlainUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withByteView { UTF8Survey($0) != nil }
    }
}
