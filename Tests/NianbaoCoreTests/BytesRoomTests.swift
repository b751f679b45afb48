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
            guard text.contains("Unsafe") || text.contains("unsafeBuffer") || text.contains("unsafeUninitialized") else { continue }
            #expect(file.hasPrefix("Bytes/"), "\(file) uses Unsafe outside the bytes room")
            if file.hasPrefix("Bytes/") { inRoom.append(file) }
        }
        #expect(inRoom.count <= 5, "\(inRoom.sorted())")
    }
}
