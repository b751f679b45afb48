import Foundation
import NianbaoCore
import NianbaoDocuments
import Testing

/// A web page's title is the article's heading: its first `<h1>`–`<h3>` that names the report
/// and is no navigation trail, else the first such line of the article, else the page's
/// `<title>`. The seed page's statistics period is 2023: a title of 2022 is NB208.
@Suite("Page titles: the article's heading, then its first line, then <title>")
struct PageTitleTests {
    static let seedHeading = BreadcrumbTitleTests.heading
    static let seedPageTitle = "<title>2023年度政府信息公开工作年度报告</title>"
    static let title2022 = "某市某局2022年政府信息公开工作年度报告"
    static let title2023 = "某市某局2023年政府信息公开工作年度报告"

    /// The seed page with its `<title>` and its heading replaced (either may be "", taken out).
    static func page(pageTitle: String, heading: String, before: String = "") -> [UInt8] {
        var text = BreadcrumbTitleTests.page
        precondition(text.contains(seedPageTitle) && text.contains(seedHeading))
        text = text.replacingOccurrences(of: seedPageTitle, with: pageTitle)
        text = text.replacingOccurrences(of: seedHeading, with: before + heading)
        return Array(text.utf8)
    }

    static func expect(_ bytes: [UInt8], title: String, titleYear: Int, codes: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let outcome = DocumentReader.check(bytes)
        #expect(outcome.report?.title == title, sourceLocation: sourceLocation)
        #expect(outcome.report?.year.title == titleYear, sourceLocation: sourceLocation)
        #expect(outcome.codes == codes, sourceLocation: sourceLocation)
    }

    @Test("a <title> that differs from the <h1>: the <h1> is the title, and its year is the one compared")
    func headingOverPageTitle() {
        // The heading's 2022 disagrees with the statistics period: NB208, though <title> says 2023.
        Self.expect(Self.page(pageTitle: Self.seedPageTitle, heading: "<h1>\(Self.title2022)</h1>"),
                    title: Self.title2022, titleYear: 2022, codes: ["NB208", "NB501"])
        // <title>'s 2022 is not the title's year when the heading says 2023.
        Self.expect(Self.page(pageTitle: "<title>\(Self.title2022)_某市人民政府</title>", heading: "<h1>\(Self.title2023)</h1>"),
                    title: Self.title2023, titleYear: 2023, codes: ["NB501"])
    }

    @Test("no <h1> but an <h2> or <h3>: it is the title, ahead of a column name that also says 年报", arguments: ["h2", "h3"])
    func lowerHeading(element: String) {
        let columnName = #"<div class="lm">政府信息公开年报</div>"#
        Self.expect(Self.page(pageTitle: Self.seedPageTitle, heading: "<\(element)>\(Self.title2022)</\(element)>", before: columnName),
                    title: Self.title2022, titleYear: 2022, codes: ["NB208", "NB501"])
    }

    @Test("a heading broken by <br> is one title, joined as a cell's lines are")
    func headingOverTwoLines() {
        Self.expect(Self.page(pageTitle: Self.seedPageTitle, heading: "<h1>某市某局<br>\n  2022年政府信息公开工作年度报告</h1>"),
                    title: Self.title2022, titleYear: 2022, codes: ["NB208", "NB501"])
    }

    @Test("a heading element that is a navigation trail is passed over for the next one")
    func trailInAHeading() {
        Self.expect(Self.page(pageTitle: Self.seedPageTitle, heading: "<h2>\(Self.title2022)</h2>",
                              before: "<h2>首页 &gt; 政府信息公开 &gt; 年度报告</h2>"),
                    title: Self.title2022, titleYear: 2022, codes: ["NB208", "NB501"])
    }

    @Test("no heading element: the first heading-like line of the article, not <title>")
    func headingLikeLine() {
        Self.expect(Self.page(pageTitle: Self.seedPageTitle, heading: #"<p style="text-align:center"><strong>\#(Self.title2022)</strong></p>"#),
                    title: Self.title2022, titleYear: 2022, codes: ["NB208", "NB501"])
    }

    @Test("nothing but <title>: it is the title")
    func onlyPageTitle() {
        Self.expect(Self.page(pageTitle: "<title>\(Self.title2022)</title>", heading: ""),
                    title: Self.title2022, titleYear: 2022, codes: ["NB208", "NB501"])
        // No title at all: no title year, so nothing to disagree.
        let untitled = DocumentReader.check(Self.page(pageTitle: "", heading: ""))
        #expect(untitled.report?.title == nil)
        #expect(untitled.report?.year.title == nil)
        #expect(untitled.codes == ["NB501"])
    }

    static let headings = [
        "<h1>\(title2022)</h1>", "<h2>\(title2022)</h2>", "<h3>\(title2022)</h3>",
        #"<p style="text-align:center">\#(title2022)</p>"#, "",
    ]

    @Test("a trail before or after the heading, with or without 年度报告, is never the title",
          arguments: BreadcrumbTitleTests.trails, headings)
    func trailsAroundEveryKindOfHeading(trail: String, heading: String) {
        let pageTitle = heading.isEmpty ? "<title>\(Self.title2022)</title>" : Self.seedPageTitle
        for afterHeading in [false, true] {
            let trailElement = "<div class=\"wz\">\(trail)</div>"
            var text = BreadcrumbTitleTests.page.replacingOccurrences(of: BreadcrumbTitleTests.knownTrail, with: "")
            text = text.replacingOccurrences(of: Self.seedPageTitle, with: pageTitle)
            text = text.replacingOccurrences(of: Self.seedHeading, with: afterHeading ? heading + trailElement : trailElement + heading)
            Self.expect(Array(text.utf8), title: Self.title2022, titleYear: 2022, codes: ["NB208", "NB501"])
        }
    }
}
