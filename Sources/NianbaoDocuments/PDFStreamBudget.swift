import CDeflate
import Glibc
import NianbaoCore

/// Limits checked on the raw bytes before poppler sees a PDF. poppler inflates a content stream
/// whole while it extracts text and has no limit of its own: a few hundred KiB that inflate to
/// gigabytes (a compression bomb) would hold the reader for seconds and its memory with it. Every
/// Flate stream is inflated once here with libdeflate into a bounded buffer; one that does not
/// fit, or streams that together pass the budget, make the file hostile.
enum PDFStreamBudget {
    /// The most one stream may inflate to, and all of them together.
    static let maximumStreamBytes = 32 << 20
    static let maximumTotalBytes = 128 << 20

    static func check(_ bytes: [UInt8]) -> ReadingFailure? {
        guard let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        let streamKeyword = Array("stream".utf8), endKeyword = Array("endstream".utf8), flate = Array("FlateDecode".utf8)
        var total = 0
        return bytes.withUnsafeBufferPointer { all -> ReadingFailure? in
            var from = 0
            var output: UnsafeMutableRawPointer?
            defer { free(output) }
            while let found = find(streamKeyword, in: all, from: from) {
                from = found + streamKeyword.count
                // `endstream` itself, or `stream` inside a word: not a stream's start.
                if found >= 3, all[found - 3] == UInt8(ascii: "e"), all[found - 2] == UInt8(ascii: "n"), all[found - 1] == UInt8(ascii: "d") { continue }
                var start = from
                if start < all.count, all[start] == 0x0D { start += 1 }
                guard start < all.count, all[start] == 0x0A else { continue }
                start += 1
                // The stream's dictionary ends right before the keyword; only Flate is inflated
                // here (poppler's other filters do not multiply the size like it does).
                let dictionary = UnsafeBufferPointer(rebasing: all[max(0, found - 512)..<found])
                guard find(flate, in: dictionary, from: 0) != nil else { continue }
                let end = find(endKeyword, in: all, from: start) ?? all.count
                let data = UnsafeBufferPointer(rebasing: all[start..<end])
                if output == nil { output = malloc(maximumStreamBytes) }
                guard let output else { return nil }
                var produced = 0
                // zlib framing (the usual), and raw deflate when the header is missing.
                var status = libdeflate_zlib_decompress(decompressor, data.baseAddress, data.count, output, maximumStreamBytes, &produced)
                if status == LIBDEFLATE_BAD_DATA {
                    status = libdeflate_deflate_decompress(decompressor, data.baseAddress, data.count, output, maximumStreamBytes, &produced)
                }
                if status == LIBDEFLATE_INSUFFICIENT_SPACE { return bomb }
                total += produced
                if total > maximumTotalBytes { return bomb }
                from = end
            }
            return nil
        }
    }

    private static func find(_ pattern: [UInt8], in hay: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = hay.baseAddress, let first = pattern.first else { return nil }
        var position = start
        while position + pattern.count <= hay.count {
            // memchr finds the first byte fast; the rest is compared in place.
            guard let hit = memchr(base + position, Int32(first), hay.count - pattern.count + 1 - position) else { return nil }
            let index = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
            if memcmp(base + index, pattern, pattern.count) == 0 { return index }
            position = index + 1
        }
        return nil
    }

    static let bomb = ReadingFailure(
        code: .nb105, message: "PDF中的压缩数据解压后超过\(maximumStreamBytes >> 20) MiB（疑似压缩炸弹），已拒绝读取；\(PDFFailures.sendInstead)",
        messageEnglish: "compressed data in the PDF inflates past \(maximumStreamBytes >> 20) MiB (a decompression bomb), so it was not read; \(PDFFailures.sendInsteadEnglish)")
}
