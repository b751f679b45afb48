import Testing
@testable import NianbaoCore
import ReportGenerator

/// Reminds whoever changes a rule's behaviour to bump `RulesVersion.current`, so the daemon
/// judges again every file judged under the old rules.
@Suite("Rules version: bumped whenever a rule's behaviour changes")
struct RulesVersionTests {
    /// The rules version the pinned digest below was computed with, and the digest.
    static let pinned = (version: 3, digest: "b7b5c48e5453a689")

    @Test("the digest of the rule catalogue and of the findings on fixed reports matches the pinned one")
    func rulesBehaviourIsPinned() {
        let digest = Self.behaviourDigest()
        #expect(
            digest == Self.pinned.digest && RulesVersion.current == Self.pinned.version,
            """
            The rules' behaviour changed (digest \(digest), pinned \(Self.pinned.digest) for version \(Self.pinned.version)): \
            bump RulesVersion (Sources/NianbaoCore/Rules/RulesVersion.swift) to \(Self.pinned.version + 1) and pin \
            (version: \(Self.pinned.version + 1), digest: "\(digest)") here, so that every file judged under the old rules \
            is judged again. If only this test's inputs changed, re-pin the digest without bumping.
            """)
    }

    @Test("versions above the current one are unknown to this binary; older ones are known")
    func unknownVersions() {
        #expect(RulesVersion.isKnown(RulesVersion.current))
        #expect(!RulesVersion.isKnown(RulesVersion.current + 1))
        #expect(RulesVersion.isKnown(RulesVersion.current - 1))
    }

    /// FNV-1a over the catalogue and over verdict, codes and findings JSON of: files that are no
    /// report (empty, ZIP, .doc, PDF to the text pipeline, an image, binary), the seed report,
    /// and every defect of the generator injected into reports from fixed seeds (not
    /// `Seeds.base`, which `NIANBAO_TEST_SEED` shifts) in two layouts.
    static func behaviourDigest() -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            hash ^= 0xff
            hash = hash &* 0x0000_0100_0000_01b3
        }
        for rule in RuleCatalogue.all {
            add("\(rule.code.rawValue) \(rule.severity.rawValue) \(rule.chinese) \(rule.english)")
        }
        func addOutcome(_ outcome: CheckOutcome) {
            add(outcome.verdict.rawValue)
            add(outcome.codes.joined(separator: " "))
            add(JSONValue.array(outcome.findings.map(\.json)).serialized())
        }
        // The reading failures' messages (what to send instead) are behaviour too.
        let notReports: [[UInt8]] = [[], [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
                                     Array("%PDF-1.7\n".utf8), [0x89, 0x50, 0x4E, 0x47], (0..<400).map { UInt8(1 + $0 % 8) }]
        for bytes in notReports { addOutcome(ReportChecker.check(bytes)) }
        let seed = ReportModel.generate(seed: 0x5EED_0001)
        for layout in [Layout.pipes, .cellParagraphs] {
            addOutcome(ReportChecker.check(ReportRenderer.bytes(seed, RenderOptions(layout: layout))))
        }
        for (index, defect) in Defect.all.enumerated() {
            for round in 0..<2 {
                let (model, _) = defect.apply(seed: 0x5EED_1000 &+ UInt64(index * 7 + round))
                addOutcome(ReportChecker.check(ReportRenderer.bytes(model, RenderOptions(layout: round == 0 ? .pipes : .markdown))))
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
