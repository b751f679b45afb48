import Foundation
import Testing
import TestTools
@testable import NianbaoDaemon

/// The reader for the JSON nianbao stores, held to Foundation's JSONSerialization.
@Suite("the office's view: reading stored JSON")
struct StoredJSONTests {
    /// The same tree as JSONSerialization's, value for value.
    static func same(_ mine: StoredJSON?, _ theirs: Any) -> Bool {
        switch (mine, theirs) {
        case (.null?, is NSNull): return true
        case (.string(let a)?, let b as String): return a == b
        case (.array(let a)?, let b as [Any]): return a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
        case (.object(let a)?, let b as [String: Any]): return a.count == b.count && b.allSatisfy { same(a[$0.key], $0.value) }
        case (.bool(let a)?, let b as NSNumber): return a == b.boolValue
        case (.number(let a)?, let b as NSNumber): return a == b.doubleValue
        default: return false
        }
    }

    @Test func readsWhatCheckWritesExactlyAsFoundationDoes() async throws {
        let result = try await Tool.run(try Harness.binary(), ["check", "--format", "json", Harness.seedPath])
        let line = try #require(result.stdoutText.split(separator: "\n").first.map(String.init))
        let theirs = try JSONSerialization.jsonObject(with: Data(line.utf8))
        let mine = try #require(StoredJSON.parse(line))
        #expect(Self.same(mine, theirs))
        #expect(mine["figures"]?["table3"]?["new_received"]?[6]?.number == 3)

        let tricky = #"{"a": [1, -2.5, 1e3, null, true, false, "x\"y\\z\/\n\u00e9\u6c34\ud83d\ude00"], "b": {}, "c": []}"#
        #expect(Self.same(StoredJSON.parse(tricky), try JSONSerialization.jsonObject(with: Data(tricky.utf8))))
        #expect(StoredJSON.parse(tricky)?["a"]?[6]?.string == "x\"y\\z/\né水😀")
        for broken in ["", "{", "[1,", "{\"a\" 1}", "[1 2]", "nul", "\"open", "{\"a\":1}x", "[\"\\ud83d\"]"] {
            #expect(StoredJSON.parse(broken) == nil, "\(broken)")
        }
        #expect(StoredJSON.parse(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)) == nil, "depth limit")
    }
}
