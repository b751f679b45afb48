import Testing
@testable import NianbaoCore

/// What single cell texts read as: numbers with units, separators and signs, and the labels
/// that start with a digit but are text.
@Suite("Cell readings")
struct CellReadingTests {
    static func value(_ text: String, _ kind: CellValue.Kind = .count) -> CellValue {
        Array(text.utf8).withUnsafeBufferPointer { CellValue(NumberShape($0), as: kind) }
    }

    @Test("numbers, with a unit, thousands separators or a fraction", arguments: [
        ("0", CellValue.count(0)), ("12件", .count(12)), ("7项", .count(7)), ("1,234", .count(1234)),
        ("00", .count(0)), ("0.0", .count(0)), ("2.5", .notWhole), ("-3", .negative), ("−3", .negative),
        ("1234567890123456", .outOfRange), ("/", .notStated), ("无", .notStated),
    ])
    func counts(text: String, expected: CellValue) {
        #expect(Self.value(text) == expected)
    }

    @Test("an amount in 万元")
    func amount() {
        #expect(Self.value("52.15万元", .amount) == .amount(52.15))
        #expect(Self.value("1,052.15", .amount) == .amount(1052.15))
    }

    @Test("text that starts like a number is text", arguments: ["1.属于国家秘密", "3项目", "1,23", "2.其他", "12件以上", "+", "1.5.2"])
    func text(text: String) {
        #expect(Self.value(text) == .notANumber)
    }
}
