import Foundation
import NianbaoCore
import Testing
@testable import NianbaoDaemon

/// The roster file and the office's calendar (pure: no daemon).
@Suite("the roster and the office's calendar")
struct RosterTests {
    func parse(_ text: String) throws(RosterError) -> Roster { try Roster.parse(Array(text.utf8), source: "roster.csv") }

    func error(_ bytes: [UInt8]) -> RosterError? {
        do { _ = try Roster.parse(bytes, source: "roster.csv") } catch { return error }
        return nil
    }

    func error(_ text: String) -> RosterError? { error(Array(text.utf8)) }

    @Test func readsIdsNamesAndFurtherColumnsWithOrWithoutBOM() throws {
        let text = "id,name,contact\r\nagency-a,市水务局,张三\r\n\"agency-b\",\"市教育局, 办公室\",\"李四 \"\"老李\"\"\"\r\n\r\nagency-c,市财政局\r\n"
        for bytes in [Array(text.utf8), [0xEF, 0xBB, 0xBF] + Array(text.utf8)] {
            let roster = try Roster.parse(bytes, source: "r.csv")
            #expect(roster.extraColumns == ["contact"])
            #expect(roster.agencies == [
                .init(id: "agency-a", name: "市水务局", extra: ["张三"]),
                .init(id: "agency-b", name: "市教育局, 办公室", extra: ["李四 \"老李\""]),
                .init(id: "agency-c", name: "市财政局", extra: [""]),
            ])
        }
        // Columns in any order, a quoted field across lines, no final newline.
        let other = try parse("name,phone,id\n\"两行\n名称\",1,x\nb,2,y")
        #expect(other.agencies.map(\.id) == ["x", "y"])
        #expect(other.agencies[0].name == "两行\n名称" && other.extraColumns == ["phone"] && other.agencies[1].extra == ["2"])
    }

    @Test func refusesWhatCannotBeARosterNamingTheLine() throws {
        #expect(error("")?.line == 1)
        #expect(error("agency-a,市水务局\nagency-b,市教育局\n")?.line == 1)  // no header
        let duplicate = try #require(error("id,name\na,甲\nb,乙\na,丙\n"))
        #expect(duplicate.line == 4)
        #expect(duplicate.description.contains("第4行") && duplicate.description.contains("line 4") && duplicate.description.contains("line 2"))
        #expect(error("id,name\na,甲\n,乙\n")?.line == 3)  // empty id
        #expect(error("id,name\n  ,乙\n")?.line == 2)
        #expect(error(Array("id,name\na,甲\nb,".utf8) + [0xC3, 0x28] + Array("\n".utf8))?.line == 3)  // invalid UTF-8
        for id in ["a/b", "..", ".", ".hidden", "x.tmp", "~$lock", "tab\there"] {
            let refused = error("id,name\nok,好\n\"\(id)\",名\n")
            #expect(refused?.line == 3, "\(id)")
        }
        #expect(error("id,name\n\"open,x\n")?.line == 2)  // unclosed quote
        #expect(error("id,name\n\"a\"b,x\n")?.line == 2)
        let missing = Roster.load(pathForTest: "/nonexistent/roster.csv")
        #expect(missing?.line == nil && missing?.description.contains("/nonexistent/roster.csv") == true)
    }

    @Test func theCollectingYearTheDeadlineAndLateness() {
        let calendar = OfficeCalendar(deadline: Deadline(), utcOffsetHours: 8, collectingYear: nil)
        func ms(_ iso: String) -> Int64 {
            let formatter = ISO8601DateFormatter()
            return Int64(formatter.date(from: iso)!.timeIntervalSince1970 * 1000)
        }
        // January to June of Y: Y-1; from July (office time): Y.
        #expect(calendar.year(atMs: ms("2027-01-20T00:00:00Z")) == 2026)
        #expect(calendar.year(atMs: ms("2027-06-30T15:59:59Z")) == 2026)  // 23:59:59 CST
        #expect(calendar.year(atMs: ms("2027-06-30T16:00:00Z")) == 2027)  // 1 July 00:00 CST
        #expect(calendar.year(atMs: ms("2026-12-06T12:00:00Z")) == 2026)
        #expect(OfficeCalendar(deadline: Deadline(), utcOffsetHours: 8, collectingYear: 2023).year(atMs: ms("2027-01-20T00:00:00Z")) == 2023)

        #expect(calendar.deadlineDate(forYear: 2026).description == "2027-01-31")
        #expect(calendar.daysLeft(year: 2026, atMs: ms("2027-01-20T08:15:02Z")) == 11)
        #expect(calendar.daysLeft(year: 2026, atMs: ms("2027-01-31T15:59:59Z")) == 0)  // the deadline day, 23:59:59 CST
        #expect(calendar.daysLeft(year: 2026, atMs: ms("2027-01-31T16:00:00Z")) == -1)
        #expect(calendar.daysLeft(year: 2026, atMs: ms("2026-12-06T00:00:00Z")) == 56)

        #expect(!calendar.isLate(arrivedAtMs: ms("2027-01-31T15:59:59Z"), year: 2026))
        #expect(calendar.isLate(arrivedAtMs: ms("2027-01-31T16:00:00Z"), year: 2026))

        let window = calendar.unknownYearWindow(year: 2026)
        #expect(window.fromMs == ms("2026-06-30T16:00:00Z") && window.toMs == ms("2027-06-30T16:00:00Z"))
        #expect(calendar.nextMidnightMs(after: ms("2027-01-20T08:15:02Z")) == ms("2027-01-20T16:00:00Z"))
        #expect(calendar.nextMidnightMs(after: ms("2027-01-20T16:00:00Z")) == ms("2027-01-21T16:00:00Z"))
    }

    @Test func theDocumentedConfigurationIsTheDefaultAndTheOfficeKeysAreChecked() throws {
        let documented = try String(contentsOfFile: Harness.packageRoot.appendingPathComponent("config/nianbao.toml").path, encoding: .utf8)
        #expect(try DaemonConfiguration.parse(toml: documented, source: "config/nianbao.toml") == DaemonConfiguration())
        let office = try DaemonConfiguration.parse(toml: "agencies_file = \"/etc/nianbao/agencies.csv\"\ncollecting_year = 2026\nwarn_days_before_deadline = 10\n", source: "t")
        #expect(office.agenciesFile == "/etc/nianbao/agencies.csv" && office.collectingYear == 2026 && office.warnDaysBeforeDeadline == 10)
        #expect(throws: ConfigurationError.self) { try DaemonConfiguration.parse(toml: "collecting_year = \"2026\"\n", source: "t") }
        #expect(throws: ConfigurationError.self) { try DaemonConfiguration.parse(toml: "warn_days_before_deadline = -1\n", source: "t") }
    }

    @Test func csvFieldsAreQuotedAsRFC4180Says() {
        var out = ""
        CSVWriter.append(["plain", "a,b", "say \"hi\"", "two\nlines", "cr\r", "", "市水务局"], to: &out)
        #expect(out == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",,市水务局\r\n")
    }

    @Test func htmlEscapesEveryStringItShows() {
        #expect(OfficePage.escape("<script>alert('x')</script>&\"") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;")
        #expect(OfficePage.escape("a\u{1B}b") == "a\\x1Bb")
    }
}

extension Roster {
    static func load(pathForTest path: String) -> RosterError? {
        do { _ = try load(path: path) } catch { return error }
        return nil
    }
}
