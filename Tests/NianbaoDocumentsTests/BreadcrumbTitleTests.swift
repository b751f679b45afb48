import Foundation
import NianbaoCore
import NianbaoDocuments
import Testing

/// Real CMS pages put a breadcrumb or navigation trail next to the report, often in an element
/// whose class nianbao does not know, and often ending in 年度报告 or 年报: it is never the title.
@Suite("Breadcrumbs are never the title")
struct BreadcrumbTitleTests {
    static let heading = "<h1 style=\"text-align:center\">某市某局2023年政府信息公开工作年度报告</h1>"
    static let knownTrail = #"<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 年度报告</div>"#

    static var page: String {
        String(decoding: try! Data(contentsOf: SeedDocument.fixtures.appendingPathComponent("seed-2023.html")), as: UTF8.self)
    }

    /// The seed page with its known breadcrumb taken out and `trail` (in an unknown element)
    /// put before or after the article's heading.
    static func page(trail: String, afterHeading: Bool, heading: String = heading) -> [UInt8] {
        var text = page.replacingOccurrences(of: knownTrail, with: "")
        let trailElement = "<div class=\"wz\">\(trail)</div>"
        text = text.replacingOccurrences(of: Self.heading, with: afterHeading ? heading + trailElement : trailElement + heading)
        precondition(text.contains(trailElement) && text.contains(heading))
        return Array(text.utf8)
    }

    static let trails = [
        "当前位置：首页 &gt; 政府信息公开 &gt; 年度报告",
        "首页 &gt; 政府信息公开 &gt; 政府信息公开年报",
        "您的位置：首页 » 政务公开 » 2023年度政府信息公开工作年度报告",
        "首页 &gt; 政府信息公开 &gt; 正文",
        "首页政务公开政府信息公开政府信息公开年报",
    ]

    @Test("the trail before or after the heading, with or without 年度报告: the title is the heading", arguments: trails, [false, true])
    func titleIsTheHeading(trail: String, afterHeading: Bool) throws {
        let outcome = DocumentReader.check(Self.page(trail: trail, afterHeading: afterHeading))
        #expect(outcome.report?.title == "某市某局2023年政府信息公开工作年度报告")
        #expect(outcome.codes == ["NB501"])
    }

    @Test("a title year that disagrees with the statistics period is NB208 again behind such a trail", arguments: trails)
    func titleYearDisagrees(trail: String) throws {
        let heading = "<h1 style=\"text-align:center\">某市某局2022年政府信息公开工作年度报告</h1>"
        let outcome = DocumentReader.check(Self.page(trail: trail, afterHeading: false, heading: heading))
        #expect(outcome.report?.title == "某市某局2022年政府信息公开工作年度报告")
        #expect(outcome.report?.year.title == 2022)
        #expect(outcome.codes == ["NB208", "NB501"])
    }
}
