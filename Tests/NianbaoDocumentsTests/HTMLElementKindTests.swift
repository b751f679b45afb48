@testable import NianbaoDocuments
import Testing

/// The element kinds are a switch on packed tag names: every name must land where it belongs.
@Suite("HTML element kinds")
struct HTMLElementKindTests {
    static let expected: [HTMLElementKind: [String]] = [
        .skip: ["script", "style", "noscript", "template", "head", "title", "nav", "header", "footer", "iframe",
                "object", "embed", "svg", "math", "select", "button", "input", "textarea", "map", "canvas"],
        .block: ["p", "div", "section", "article", "main", "aside", "li", "ul", "ol", "dl", "dt", "dd",
                 "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "center", "form", "address", "hr",
                 "figure", "figcaption", "caption", "body", "html", "fieldset", "legend", "details", "summary",
                 "thead", "tbody", "tfoot", "colgroup"],
        .lineBreak: ["br"], .table: ["table"], .row: ["tr"], .cell: ["td", "th"],
        .pre: ["pre", "xmp", "plaintext", "listing"],
        .inline: ["span", "a", "b", "i", "strong", "font", "img", "u", "sup", "tablex", "scripts", "t", "", "blockquotes", "x"],
    ]

    @Test("every tag name has its kind")
    func kinds() {
        for (kind, names) in Self.expected {
            for name in names {
                let found = name.withCString { $0.withMemoryRebound(to: UInt8.self, capacity: name.utf8.count + 1) { HTMLElementKind.of($0) } }
                #expect(found == kind, "\(name)")
            }
        }
    }
}
