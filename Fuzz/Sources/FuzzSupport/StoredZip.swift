/// A ZIP with one stored (uncompressed) entry, built in memory: what the .docx fuzzer wraps an
/// XML input in. PKWARE APPNOTE 4.3: local header, data, central directory, end record.
public enum StoredZip {
    public static func single(_ name: String, _ content: [UInt8]) -> [UInt8] {
        let name = Array(name.utf8)
        let crc = crc32(content)
        var zip: [UInt8] = []
        zip.reserveCapacity(content.count + 2 * name.count + 100)
        func u16(_ value: Int) { zip += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
        func u32(_ value: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { zip.append(UInt8(value >> UInt32(shift) & 0xFF)) } }
        // Local file header.
        u32(0x0403_4B50); u16(20); u16(0); u16(0); u16(0); u16(0x21)
        u32(crc); u32(UInt32(content.count)); u32(UInt32(content.count)); u16(name.count); u16(0)
        zip += name
        zip += content
        // Central directory.
        let directoryOffset = zip.count
        u32(0x0201_4B50); u16(20); u16(20); u16(0); u16(0); u16(0); u16(0x21)
        u32(crc); u32(UInt32(content.count)); u32(UInt32(content.count)); u16(name.count); u16(0); u16(0)
        u16(0); u16(0); u32(0); u32(0)
        zip += name
        let directorySize = zip.count - directoryOffset
        // End of central directory.
        u32(0x0605_4B50); u16(0); u16(0); u16(1); u16(1); u32(UInt32(directorySize)); u32(UInt32(directoryOffset)); u16(0)
        return zip
    }

    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 != 0 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    /// CRC-32 (ISO-HDLC), as ZIP stores it.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
