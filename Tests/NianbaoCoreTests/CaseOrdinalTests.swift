import Testing
@testable import NianbaoCore

/// The rules find a column's place by its one-byte tag; that must be its place in `allCases`,
/// and row keys must hash as distinct keys.
@Suite("Case ordinals")
struct CaseOrdinalTests {
    @Test("ordinal is the position in allCases")
    func ordinals() {
        #expect(ApplicantColumn.allCases.map(\.ordinal) == Array(0..<ApplicantColumn.allCases.count))
        #expect(ReviewGroup.allCases.map(\.ordinal) == Array(0..<ReviewGroup.allCases.count))
        #expect(ReviewColumn.allCases.map(\.ordinal) == Array(0..<ReviewColumn.allCases.count))
    }

    @Test("row keys stay distinct as dictionary and set keys")
    func hashing() {
        #expect(Set(ApplicationRow.allCases).count == ApplicationRow.allCases.count)
        #expect(Set(DisclosureItem.allCases).count == DisclosureItem.allCases.count)
        let rows = Dictionary(uniqueKeysWithValues: ApplicationRow.allCases.map { ($0, $0.rawValue) })
        #expect(ApplicationRow.allCases.allSatisfy { rows[$0] == $0.rawValue })
    }
}
