import Foundation
import Testing
import TestTools
@testable import NianbaoDaemon

/// The flat reader of stored figures, held to the StoredJSON tree it stands in for.
@Suite("the office's view: reading stored figures flat")
struct StoredFiguresTests {
    @Test func givesWhatTheTreeGivesValueForValue() async throws {
        let result = try await Tool.run(try Harness.binary(), ["check", "--format", "json", Harness.seedPath])
        let line = try #require(result.stdoutText.split(separator: "\n").first.map(String.init))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let stored = String(decoding: try JSONSerialization.data(withJSONObject: try #require(object["figures"])), as: UTF8.self)

        var flat = [Double?](repeating: nil, count: OfficeExport.figureColumns.count)
        #expect(StoredFigures.read(stored, into: &flat), "takes what check writes")
        #expect(flat == OfficeExport.figuresFromTree(stored))
        #expect(flat.contains { $0 != nil })

        let variants = [
            stored, "{}", " { } ", "", "[]", "null", "{\"table2\": {}}", "{\"table2\": 1}",
            #"{"table2": {"licensing": 12, "fees": 3.25, "penalties": null, "rules": {"issued": 1, "in_force": -0, "repealed": 1e2}}}"#,
            #"{"table2": {"licensing": "x", "rules": 5}}"#, #"{"table2": {"licensing": {"decisions": 1}}}"#,
            #"{"table2": {"rules": {"issued": 1, "issued": 2}}}"#, #"{"table2": {"rules": {"issued": 1, "issued": null}}}"#,
            #"{"table2": {"licensing": 1}, "table2": {"fees": 2}}"#, #"{"table2": {"fees": 1, "fees": 2}}"#,
            #"{"table3": {"new_received": [1, 2]}, "table4": {"review": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]}}"#,
            #"{"table3": {"new_received": [1, null, 2.5, 1234567890123456789, 0.1, 007]}}"#,
            #"{"table3": {"new_received": [1, true]}}"#, #"{"table3": {"new_received": {"0": 1}}}"#, #"{"table3": {"nope": [1]}}"#,
            #"{"table4": {"review": [1, 2]}, "extra": {"a": [1, "b"]}}"#, #"{"table4": {"rev\u0069ew": [1, 2]}}"#,
            #"{"table3": {"granted": [1, 2,]}}"#, #"{"table3": {"granted": [1 2]}}"#, #"{"table2": {"fees": 1}} x"#,
            #"{"table2": {"fees": 1--2}}"#, #"{"table2": {"fees": 1}"#, "{\n\t\"table2\" :\r{ \"fees\" : 4 } }",
        ]
        for variant in variants {
            #expect(OfficeExport.figures(of: variant) == OfficeExport.figuresFromTree(variant), "\(variant)")
        }
    }
}
