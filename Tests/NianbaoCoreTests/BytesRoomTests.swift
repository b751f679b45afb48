import Foundation
import Testing

/// Raw pointers stay in the bytes room (Sources/NianbaoCore/Bytes): everything else reads bytes
/// through `ByteView`, so a wrong offset cannot compile into reading the wrong bytes.
@Suite("The bytes room")
struct BytesRoomTests {
    @Test("Unsafe appears in the core only in Bytes/, in at most 5 files")
    func unsafeStaysInTheRoom() throws {
        let core = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/NianbaoCore")
        let files = try #require(FileManager.default.enumerator(atPath: core.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(files.count > 40)
        var inRoom: [String] = []
        for file in files {
            let text = try String(contentsOf: core.appendingPathComponent(file), encoding: .utf8)
            guard text.contains("Unsafe") || text.contains("unsafeBuffer") || text.contains("unsafeUninitialized") || text.contains("unsafeBitCast") else { continue }
            #expect(file.hasPrefix("Bytes/"), "\(file) uses Unsafe outside the bytes room")
            if file.hasPrefix("Bytes/") { inRoom.append(file) }
        }
        #expect(inRoom.count <= 5, "\(inRoom.sorted())")
    }

    /// A byte of 0x80…0xFF compared with a byte (`byte == 0xE3`, `bytes[0] >= 0xE4`,
    /// `find(0xE3, …)`): a lead-byte test, which belongs in `CharacterClass` next to the
    /// definition it derives from. Scalar values (`.value <= 0xFF`) and file signatures
    /// (arrays of magic bytes) are not lead-byte tests.
    static var leadByteTest: Regex<AnyRegexOutput> {
        try! Regex(#"(?:[=!<>]=?|find\()\s*0x[89a-fA-F][0-9a-fA-F](?![0-9a-fA-F_])|0x[89a-fA-F][0-9a-fA-F](?![0-9a-fA-F_])\s*[=!<>]"#)
    }

    @Test("no lead-byte constant is compared with bytes in the core outside Bytes/")
    func leadBytesStayInTheRoom() throws {
        let core = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/NianbaoCore")
        let files = try #require(FileManager.default.enumerator(atPath: core.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(files.count > 40)
        let leadByteTest = Self.leadByteTest
        var found: [String] = []
        for file in files where !file.hasPrefix("Bytes/") {
            let text = try String(contentsOf: core.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.contains(".value") && line.contains(leadByteTest) {
                found.append("\(file):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(found.isEmpty, "lead-byte tests outside the bytes room:\n\(found.joined(separator: "\n"))")
        // The pattern finds what it is for.
        #expect("if byte == 0xE7 || byte == 0xE8 {".contains(Self.leadByteTest))
        #expect("key.find(0xE3, 0x80, 0x82, from: 0)".contains(Self.leadByteTest))
        #expect("first >= 0xE4 && first <= 0xE9".contains(Self.leadByteTest))
        #expect(!"static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]".contains(Self.leadByteTest))
        #expect(!"if byte == 0x3B || byte == 0x2C {".contains(Self.leadByteTest))
    }
}
