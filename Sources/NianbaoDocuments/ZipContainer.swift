import CDeflate

/// The ZIP container of a .docx, read straight from its bytes with every offset and size checked
/// against them (PKWARE APPNOTE 4.3: end record, ZIP64 end record, central directory, local
/// header). ZIPFoundation traps on hostile fields (a directory or local header offset past the
/// end of its in-memory data, ZIP64 sizes that overflow), which would take the daemon down with
/// one upload: found by fuzzing, see Tests/Fixtures/fuzz-regressions/docx. Here each such field
/// is a verdict.
struct ZipContainer {
    struct Entry {
        /// The name's bytes as stored (the names looked for are ASCII).
        var name: ArraySlice<UInt8>
        var method: UInt16
        var checksum: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64
    }

    /// The structure cannot be read: no end record, or a directory that is not where it says.
    struct Unreadable: Error {}

    enum ExtractionFailure: Error {
        /// The entry inflates past the limit, whatever it declares.
        case tooLarge
        /// A local header or data out of bounds, a method other than stored or deflate, or a
        /// deflate stream that does not inflate to its end.
        case damaged
    }

    let bytes: [UInt8]
    /// Where the central directory starts, and how many entries it declares.
    let directoryOffset: Int
    let declaredEntries: UInt64

    init(_ bytes: [UInt8]) throws(Unreadable) {
        self.bytes = bytes
        // The end record (22 bytes, then a comment of up to 64 KiB): the last signature wins.
        guard bytes.count >= 22 else { throw Unreadable() }
        var end = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while end >= lowest, Self.u32(bytes, end) != 0x0605_4B50 { end -= 1 }
        guard end >= lowest else { throw Unreadable() }
        var entries = UInt64(Self.u16(bytes, end + 10)!)
        var offset = UInt64(Self.u32(bytes, end + 16)!)
        // ZIP64: the locator just before the end record points at the ZIP64 end record.
        if entries == 0xFFFF || offset == 0xFFFF_FFFF, end >= 20, Self.u32(bytes, end - 20) == 0x0706_4B50,
           let recordOffset = Self.u64(bytes, end - 20 + 8).flatMap(Self.index),
           Self.u32(bytes, recordOffset) == 0x0606_4B50,
           let zip64Entries = Self.u64(bytes, recordOffset + 32), let zip64Offset = Self.u64(bytes, recordOffset + 48) {
            entries = zip64Entries
            offset = zip64Offset
        }
        guard let directory = Self.index(offset), directory <= end else { throw Unreadable() }
        directoryOffset = directory
        declaredEntries = entries
    }

    /// The central directory's entries, in order.
    struct Entries {
        let container: ZipContainer
        var position: Int
        var remaining: UInt64

        mutating func next() throws(Unreadable) -> Entry? {
            guard remaining > 0 else { return nil }
            remaining -= 1
            let bytes = container.bytes
            let at = position
            guard ZipContainer.u32(bytes, at) == 0x0201_4B50, let nameLength = ZipContainer.u16(bytes, at + 28),
                  let extraLength = ZipContainer.u16(bytes, at + 30), let commentLength = ZipContainer.u16(bytes, at + 32),
                  at + 46 + Int(nameLength) + Int(extraLength) + Int(commentLength) <= bytes.count else {
                throw Unreadable()
            }
            let nameStart = at + 46
            let extraStart = nameStart + Int(nameLength)
            var entry = Entry(
                name: bytes[nameStart..<extraStart], method: ZipContainer.u16(bytes, at + 10)!,
                checksum: ZipContainer.u32(bytes, at + 16)!, compressedSize: UInt64(ZipContainer.u32(bytes, at + 20)!),
                uncompressedSize: UInt64(ZipContainer.u32(bytes, at + 24)!),
                localHeaderOffset: UInt64(ZipContainer.u32(bytes, at + 42)!))
            // ZIP64 extended information (0x0001) holds, in this order, the fields set to all ones.
            var extra = extraStart
            while extra + 4 <= extraStart + Int(extraLength) {
                let id = ZipContainer.u16(bytes, extra)!, size = Int(ZipContainer.u16(bytes, extra + 2)!)
                let dataEnd = min(extra + 4 + size, extraStart + Int(extraLength))
                if id == 0x0001 {
                    var field = extra + 4
                    func next(_ value: inout UInt64) {
                        guard value == 0xFFFF_FFFF, field + 8 <= dataEnd, let wide = ZipContainer.u64(bytes, field) else { return }
                        value = wide
                        field += 8
                    }
                    next(&entry.uncompressedSize)
                    next(&entry.compressedSize)
                    next(&entry.localHeaderOffset)
                }
                extra = extra + 4 + size
            }
            position = extraStart + Int(extraLength) + Int(commentLength)
            return entry
        }
    }

    var entries: Entries { Entries(container: self, position: directoryOffset, remaining: declaredEntries) }

    /// The entry's contents, inflated (stored or deflate), at most `limit` bytes. The checksum
    /// is the caller's to check.
    func contents(of entry: Entry, limit: UInt64) -> Result<[UInt8], ExtractionFailure> {
        guard let header = Self.index(entry.localHeaderOffset), Self.u32(bytes, header) == 0x0403_4B50,
              let nameLength = Self.u16(bytes, header + 26), let extraLength = Self.u16(bytes, header + 28) else {
            return .failure(.damaged)
        }
        let start = header + 30 + Int(nameLength) + Int(extraLength)
        guard start <= bytes.count, entry.compressedSize <= UInt64(bytes.count - start) else { return .failure(.damaged) }
        let data = start..<(start + Int(entry.compressedSize))
        switch entry.method {
        case 0:
            guard UInt64(data.count) <= limit else { return .failure(.tooLarge) }
            return .success(Array(bytes[data]))
        case 8:
            return Self.inflate(bytes, data, limit: limit, sizeHint: entry.uncompressedSize)
        default:
            return .failure(.damaged)
        }
    }

    /// Raw deflate with libdeflate into a buffer of the declared size; a stream that does not
    /// fit (its size was declared falsely) is tried again in a buffer twice as large, up to
    /// `limit`: past that it is `tooLarge`, however it continues.
    private static func inflate(_ bytes: [UInt8], _ range: Range<Int>, limit: UInt64, sizeHint: UInt64) -> Result<[UInt8], ExtractionFailure> {
        guard let decompressor = libdeflate_alloc_decompressor() else { return .failure(.damaged) }
        defer { libdeflate_free_decompressor(decompressor) }
        var capacity = Int(min(max(sizeHint, 1), limit))
        return bytes.withUnsafeBufferPointer { input -> Result<[UInt8], ExtractionFailure> in
            let compressed = UnsafeRawPointer(input.baseAddress! + range.lowerBound)
            while true {
                var status = LIBDEFLATE_SUCCESS
                let output = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                    var produced = 0
                    status = libdeflate_deflate_decompress_ex(decompressor, compressed, range.count,
                                                              buffer.baseAddress, buffer.count, nil, &produced)
                    count = status == LIBDEFLATE_SUCCESS ? produced : 0
                }
                switch status {
                case LIBDEFLATE_SUCCESS:
                    return .success(output)
                case LIBDEFLATE_INSUFFICIENT_SPACE where UInt64(capacity) < limit:
                    capacity = Int(min(UInt64(capacity) * 2, limit))
                case LIBDEFLATE_INSUFFICIENT_SPACE:
                    return .failure(.tooLarge)
                default:
                    return .failure(.damaged)  // bad data, or input that ends before the stream does
                }
            }
        }
    }

    /// The CRC-32 of a ZIP entry's contents.
    static func checksum(_ contents: [UInt8]) -> UInt32 {
        contents.withUnsafeBytes { UInt32(truncatingIfNeeded: libdeflate_crc32(0, $0.baseAddress, $0.count)) }
    }

    // MARK: - Little-endian fields, nil when out of bounds

    static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16? {
        guard at >= 0, at <= bytes.count - 2 else { return nil }
        return UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32? {
        guard at >= 0, at <= bytes.count - 4 else { return nil }
        return UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }

    static func u64(_ bytes: [UInt8], _ at: Int) -> UInt64? {
        guard let low = u32(bytes, at), let high = u32(bytes, at + 4) else { return nil }
        return UInt64(low) | UInt64(high) << 32
    }

    /// An offset from the file as an index, nil when it cannot be one.
    static func index(_ offset: UInt64) -> Int? { offset <= UInt64(Int.max) ? Int(offset) : nil }
}
