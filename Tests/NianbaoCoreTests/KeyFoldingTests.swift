import Foundation
import Testing
@testable import NianbaoCore

/// One algorithm folds keys: the inline table for the usual characters, Foundation's NFKC
/// first for the rest; either way the key is NFKC with every white space removed.
@Suite("Key folding")
struct KeyFoldingTests {
    static func key(_ text: String) -> String {
        var key: [UInt8] = []
        Array(text.utf8).withByteView { TextNormalizer.appendKey(of: $0, to: &key) }
        return String(decoding: key, as: UTF8.self)
    }

    static func plainKey(_ text: String) -> String {
        String(String.UnicodeScalarView(text.precomposedStringWithCompatibilityMapping.unicodeScalars.filter { !CharacterClass.isSpace($0.value) }))
    }

    @Test("the key is NFKC without white space", arguments: [
        "行政许可", "（一） 予以公开", "Ｐ Ｄ Ｆ\u{3000}１２", "㈠行政许可", "Ⅳ 类", "ｶﾀｶﾅ", "e\u{301}té", "\u{A0}规章\u{200B}", "結果\u{F900}", "",
    ])
    func nfkc(text: String) {
        #expect(Self.key(text) == Self.plainKey(text))
    }
}
