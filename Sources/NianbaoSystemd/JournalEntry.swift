/// One structured journal entry.
///
/// The writer adds `SYSLOG_IDENTIFIER`, `PRIORITY`, `MESSAGE`, `MESSAGE_ID`, `CODE_FILE`,
/// `CODE_LINE` and `CODE_FUNC` itself; `fields` holds the rest.
///
/// Field names must satisfy ``isValidFieldName(_:)`` and must not be one of
/// ``reservedFieldNames``; `messageID` must satisfy ``isValidMessageID(_:)``. Names and IDs
/// are constants in the calling code, so a bad one is a programming error: the initializer,
/// and any later change to `fields` or `messageID`, stops the process with a precondition
/// failure (naming the culprit) rather than let journald drop the field silently. An entry
/// is therefore always valid, and sending it needs no further checks.
/// Values may hold any text, newlines included.
public struct JournalEntry: Sendable {
    public var message: String
    public var priority: JournalPriority
    /// 32 lowercase hex digits, as listed in the journal catalog (`journalctl -x`).
    public var messageID: String { didSet { checkMessageID() } }
    public var fields: [(name: String, value: String)] { didSet { checkFieldNames() } }
    public var codeFile: String
    public var codeLine: Int
    public var codeFunction: String

    public init(
        message: String,
        priority: JournalPriority,
        messageID: String,
        fields: [(name: String, value: String)] = [],
        file: String = #fileID,
        line: Int = #line,
        function: String = #function
    ) {
        self.message = message
        self.priority = priority
        self.messageID = messageID
        self.fields = fields
        self.codeFile = file
        self.codeLine = line
        self.codeFunction = function
        checkMessageID()
        checkFieldNames()
    }

    /// The fields ``JournalWriter`` sets itself; a custom field may not repeat them.
    public static let reservedFieldNames: Set<String> = [
        "SYSLOG_IDENTIFIER", "PRIORITY", "MESSAGE", "MESSAGE_ID", "CODE_FILE", "CODE_LINE", "CODE_FUNC",
    ]

    /// What journald accepts from a client: `[A-Z0-9_]`, 1 to 64 characters, not starting
    /// with a digit or `_` (a leading `_` marks trusted fields that journald adds itself).
    /// journald silently drops fields with any other name.
    public static func isValidFieldName(_ name: String) -> Bool {
        let bytes = name.utf8
        guard let first = bytes.first, bytes.count <= 64 else { return false }
        guard first != UInt8(ascii: "_"), !(0x30...0x39).contains(first) else { return false }
        return bytes.allSatisfy { byte in
            (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "_")
        }
    }

    /// 32 lowercase hex digits (a 128-bit ID as `journalctl --new-id128` prints it).
    public static func isValidMessageID(_ id: String) -> Bool {
        let bytes = id.utf8
        return bytes.count == 32 && bytes.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    private func checkMessageID() {
        precondition(Self.isValidMessageID(messageID), "MESSAGE_ID must be 32 lowercase hex digits, got \"\(messageID)\"")
    }

    private func checkFieldNames() {
        for field in fields {
            precondition(Self.isValidFieldName(field.name), "invalid journal field name \"\(field.name)\": use [A-Z0-9_], at most 64, not starting with a digit or _")
            precondition(!Self.isReserved(field.name), "journal field \(field.name) is set by JournalWriter itself")
        }
    }

    /// ``reservedFieldNames`` without hashing: this runs for every field of every entry.
    private static func isReserved(_ name: String) -> Bool {
        switch name {
        case "SYSLOG_IDENTIFIER", "PRIORITY", "MESSAGE", "MESSAGE_ID", "CODE_FILE", "CODE_LINE", "CODE_FUNC": true
        default: false
        }
    }
}
