import Foundation
import Testing

/// The core's folders are layers, each using only the ones below it:
/// Bytes ← Model ← Reading ← Parsing ← Rules ← Pipeline ← Output. A type used from a folder
/// below the one that declares it is a two-way import waiting to happen: move the type.
@Suite("Layers of the core")
struct LayeringTests {
    static let layers = ["Bytes", "Model", "Reading", "Parsing", "Rules", "Pipeline", "Output"]

    static let core = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/NianbaoCore")

    /// Each Swift file of the core: its layer's index and its text without comments.
    static func files() throws -> [(name: String, layer: Int, code: String)] {
        try layers.enumerated().flatMap { index, folder in
            let url = core.appendingPathComponent(folder)
            return try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".swift") }.map { name in
                let text = try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
                let code = text.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { line in line.range(of: "//").map { line[..<$0.lowerBound] } ?? line }.joined(separator: "\n")
                return ("\(folder)/\(name)", index, code)
            }
        }
    }

    /// True when `code` holds `name` as a whole word.
    static func uses(_ code: String, _ name: String) -> Bool {
        func isWordCharacter(_ character: Character?) -> Bool { character.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false }
        var searchStart = code.startIndex
        while let found = code.range(of: name, range: searchStart..<code.endIndex) {
            let before = found.lowerBound > code.startIndex ? code[code.index(before: found.lowerBound)] : nil
            let after = found.upperBound < code.endIndex ? code[found.upperBound] : nil
            if !isWordCharacter(before), !isWordCharacter(after) { return true }
            searchStart = found.upperBound
        }
        return false
    }

    @Test("every file of the core is in one of the layers")
    func everyFileInALayer() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.core.path).filter { !$0.hasPrefix(".") }
        #expect(Set(folders) == Set(Self.layers))
    }

    @Test("no folder uses a type declared in a folder above it")
    func noUpwardUse() throws {
        let files = try Self.files()
        // Top-level declarations only: nested types are reached through their parent.
        let declaration = try Regex(#"(?m)^(?:@\w+(?:\([^)]*\))? )*(?:public |internal |private |fileprivate )?(?:final )?(?:enum|struct|class|protocol|actor|typealias) (\w+)"#)
        var layerOf: [String: Int] = [:]
        for file in files {
            for match in file.code.matches(of: declaration) {
                if let name = match.output[1].substring { layerOf[String(name)] = file.layer }
            }
        }
        #expect(layerOf.count > 50)
        for file in files {
            for (name, layer) in layerOf where layer > file.layer {
                #expect(!Self.uses(file.code, name), "\(file.name) (\(Self.layers[file.layer])) uses \(name) (\(Self.layers[layer]))")
            }
        }
    }
}
