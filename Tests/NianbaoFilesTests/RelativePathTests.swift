import Testing
@testable import NianbaoFiles

@Suite struct RelativePathTests {
    @Test func validation() {
        #expect(RelativePath("a/b.txt") != nil)
        #expect(RelativePath("") == .root)
        for invalid in ["/a", "a/", "a//b", "..", "a/../b", ".", "a/./b"] {
            #expect(RelativePath(invalid) == nil, "\(invalid)")
        }
        #expect(RelativePath(bytes: [0x61, 0x00]) == nil)
        #expect(RelativePath.root.appending(component: Array("..".utf8)) == nil)
        #expect(RelativePath.root.appending(component: Array("a/b".utf8)) == nil)
    }

    @Test func structure() {
        let p = path("agency-a/sub/2023.txt")
        #expect(p.depth == 3)
        #expect(p.name == Array("2023.txt".utf8))
        #expect(p.parent == path("agency-a/sub"))
        #expect(p.firstComponent == Array("agency-a".utf8))
        #expect(path("x").parent == .root)
        #expect(RelativePath.root.parent == nil)
        #expect(p.isWithin(path("agency-a")))
        #expect(p.isWithin(.root))
        #expect(!path("agency-ab/x").isWithin(path("agency-a")))
        #expect(p.replacingAncestor(path("agency-a"), with: path("agency-b")) == path("agency-b/sub/2023.txt"))
        #expect(path("a").replacingAncestor(path("a"), with: path("b/c")) == path("b/c"))
    }

    @Test func displayEscapesAndRoundTrips() {
        let cases: [([UInt8], String)] = [
            (Array("普通/名字.txt".utf8), "普通/名字.txt"),
            (Array("a\nb".utf8), "a\\x0Ab"),
            ([0x61, 0xFF], "a\\xFF"),
            ([0xC0, 0x80], "\\xC0\\x80"),              // overlong NUL
            ([0xED, 0xA0, 0x80], "\\xED\\xA0\\x80"),   // surrogate
            ([0xC2, 0x85], "\\xC2\\x85"),              // NEL, a C1 control
            (Array("\u{202E}gpj.exe".utf8), "\\xE2\\x80\\xAEgpj.exe"),  // right-to-left override
            (Array("a\\x41".utf8), "a\\\\x41"),
            ([0x7F], "\\x7F"),
        ]
        for (bytes, display) in cases {
            #expect(RelativePath.escape(bytes) == display)
            #expect(RelativePath.unescape(display) == bytes)
        }
        #expect(RelativePath(display: "bad\\q") == nil)
    }
}
