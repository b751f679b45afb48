/// Why a file could not be read as a report. Each maps to a 1xx rule and gives the verdict
/// `unreadable`; the messages say what the agency should send instead.
public struct ReadingFailure: Error, Sendable, Equatable {
    public var code: RuleCode
    public var message: String
    public var messageEnglish: String

    public init(code: RuleCode, message: String, messageEnglish: String) {
        self.code = code
        self.message = message
        self.messageEnglish = messageEnglish
    }
}
