import Foundation
import Testing
@testable import NianbaoDaemon

/// Every MESSAGE_ID the daemon sends is explained in both journal catalogs, and the catalogs
/// explain nothing the daemon does not send: `journalctl -x` must never come up empty.
@Suite struct JournalCatalogTests {
    static let systemdFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("systemd")

    static func catalogIDs(_ name: String) throws -> [String] {
        let text = try String(contentsOf: systemdFolder.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n").filter { $0.hasPrefix("-- ") }.map { String($0.dropFirst(3).prefix(32)) }
    }

    @Test(arguments: ["nianbao.catalog", "nianbao.zh_CN.catalog"])
    func catalogMatchesTheCodeBothWays(_ catalog: String) throws {
        let documented = try Self.catalogIDs(catalog)
        let sent = DaemonMessage.allCases.map(\.messageID)
        #expect(Set(documented) == Set(sent))
        #expect(documented.count == Set(documented).count, "an ID is documented twice")
    }

    @Test func messageIDsAreDistinctAndWellFormed() {
        let ids = DaemonMessage.allCases.map(\.messageID)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.count == 32 && $0.allSatisfy { "0123456789abcdef".contains($0) } })
    }
}
