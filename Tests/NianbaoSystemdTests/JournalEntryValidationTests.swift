import Testing
import NianbaoSystemd

@Suite struct JournalEntryValidationTests {
    @Test(arguments: ["NIANBAO_FILE", "A", "X9", "A_", String(repeating: "A", count: 64)])
    func validFieldNames(_ name: String) {
        #expect(JournalEntry.isValidFieldName(name))
    }

    @Test(arguments: ["", "_PID", "9LIVES", "nianbao_file", "NIANBAO-FILE", "NIANBAO FILE", "NIANBAO=FILE",
                      "ÄRGER", String(repeating: "A", count: 65)])
    func invalidFieldNames(_ name: String) {
        #expect(!JournalEntry.isValidFieldName(name))
    }

    @Test func messageIDs() {
        #expect(JournalEntry.isValidMessageID("0123456789abcdef0123456789abcdef"))
        #expect(!JournalEntry.isValidMessageID("0123456789ABCDEF0123456789ABCDEF"))
        #expect(!JournalEntry.isValidMessageID("0123456789abcdef0123456789abcde"))
        #expect(!JournalEntry.isValidMessageID("0123456789abcdef-0123456789abcdef"))
    }

    @Test func invalidFieldNameStopsTheProcess() async {
        await #expect(processExitsWith: .failure) {
            _ = JournalEntry(message: "m", priority: .info, messageID: "0123456789abcdef0123456789abcdef",
                             fields: [(name: "nianbao_file", value: "x")])
        }
    }

    @Test func reservedFieldNameStopsTheProcess() async {
        await #expect(processExitsWith: .failure) {
            _ = JournalEntry(message: "m", priority: .info, messageID: "0123456789abcdef0123456789abcdef",
                             fields: [(name: "PRIORITY", value: "0")])
        }
    }

    /// `fields` is mutable, so every change is checked too: an entry is always valid.
    @Test func fieldNameAddedLaterStopsTheProcess() async {
        await #expect(processExitsWith: .failure) {
            var entry = JournalEntry(message: "m", priority: .info, messageID: "0123456789abcdef0123456789abcdef")
            entry.fields.append((name: "_SYSTEMD_UNIT", value: "forged.service"))
        }
    }

    @Test func validFieldsCanBeAddedLater() {
        var entry = JournalEntry(message: "m", priority: .info, messageID: "0123456789abcdef0123456789abcdef")
        entry.fields.append((name: "NIANBAO_YEAR", value: "2023"))
        entry.messageID = "fedcba9876543210fedcba9876543210"
        #expect(entry.fields.map(\.name) == ["NIANBAO_YEAR"])
    }

    @Test func badMessageIDStopsTheProcess() async {
        await #expect(processExitsWith: .failure) {
            _ = JournalEntry(message: "m", priority: .info, messageID: "not-an-id")
        }
    }
}
