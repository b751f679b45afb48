/// A number in a finding's expected/actual: a count, or a fee in 万元.
public enum Quantity: Sendable, Equatable, CustomStringConvertible {
    case count(Int)
    case amount(Double)

    public var description: String {
        switch self {
        case .count(let value): String(value)
        case .amount(let value): Quantity.format(value)
        }
    }

    /// Shortest exact decimal form: 52.15, not 52.150000000000006; 3, not 3.0.
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}

/// One cell of an arithmetic relation, as a finding shows it: its row and column keys, its
/// label as printed, and its value (nil: blank, never 0).
public struct RelationTerm: Sendable, Equatable {
    public var row: String
    public var column: String
    public var label: String
    /// What the clerk text calls it: the label as printed, shortened where the national
    /// layout's label runs to a sentence (（六）其他处理 1.逾期不补正).
    public var shortLabel: String
    public var value: Int?

    public init(row: String, column: String, label: String, shortLabel: String? = nil, value: Int?) {
        self.row = row
        self.column = column
        self.label = label
        self.shortLabel = shortLabel ?? label
        self.value = value
    }
}

/// The two sides of a relation, `left` the parts added up, `right` what they must equal.
public struct RelationTerms: Sendable, Equatable {
    public var left: [RelationTerm]
    public var right: [RelationTerm]
    /// Each side as the message says it, Chinese and English (the clerk text puts each side on
    /// a line of its own).
    public var shownLeft = "", shownRight = "", shownLeftEnglish = "", shownRightEnglish = ""

    var shownChinese: (left: String, right: String)? { shownLeft.isEmpty ? nil : (shownLeft, shownRight) }
    var shownEnglish: (left: String, right: String)? { shownLeftEnglish.isEmpty ? nil : (shownLeftEnglish, shownRightEnglish) }

    public init(left: [RelationTerm], right: [RelationTerm]) {
        self.left = left
        self.right = right
    }
}

/// A numeric cell a finding is about, when it is about many (a blank row, table or template).
public struct CellKey: Sendable, Equatable {
    public var table: TableID
    public var row: String
    public var column: String

    public init(table: TableID, row: String, column: String) {
        self.table = table
        self.row = row
        self.column = column
    }
}

/// One problem found in a report, located as precisely as the rule allows, said in Chinese for
/// the agency that must fix it and in English for logs and tools.
public struct Finding: Sendable, Equatable {
    public var code: RuleCode
    public var section: Section?
    public var table: TableID?
    public var row: String?
    public var rowLabel: String?
    public var column: String?
    public var columnLabel: String?
    public var expected: Quantity?
    public var actual: Quantity?
    public var message: String
    public var messageEnglish: String
    /// An arithmetic finding's two sides, term by term.
    public var terms: RelationTerms?
    /// The cells of a finding about many at once (a blank row, table or the whole template).
    public var cells: [CellKey] = []

    public var severity: Severity { code.severity }

    public init(
        code: RuleCode, section: Section? = nil, table: TableID? = nil,
        row: String? = nil, rowLabel: String? = nil, column: String? = nil, columnLabel: String? = nil,
        expected: Quantity? = nil, actual: Quantity? = nil, message: String, messageEnglish: String,
        terms: RelationTerms? = nil, cells: [CellKey] = []
    ) {
        self.code = code
        self.section = section ?? table?.section
        self.table = table
        self.row = row
        self.rowLabel = rowLabel
        self.column = column
        self.columnLabel = columnLabel
        self.expected = expected
        self.actual = actual
        self.message = message
        self.messageEnglish = messageEnglish
        self.terms = terms
        self.cells = cells
    }
}

public enum Verdict: String, Sendable, CaseIterable {
    case accepted
    case acceptedWithWarnings = "accepted_with_warnings"
    case rejected
    case unreadable

    public init(findings: [Finding]) {
        if findings.contains(where: { $0.code.isReadingFailure }) {
            self = .unreadable
        } else if findings.contains(where: { $0.severity == .error }) {
            self = .rejected
        } else if findings.contains(where: { $0.severity == .warning }) {
            self = .acceptedWithWarnings
        } else {
            self = .accepted
        }
    }

    public var chinese: String {
        switch self {
        case .accepted: "通过"
        case .acceptedWithWarnings: "通过（有警告）"
        case .rejected: "退回修改"
        case .unreadable: "无法读取"
        }
    }

    /// syslog priority for the journal: accepted 6, warnings 5 (notice), rejected 4, unreadable 3.
    public var syslogPriority: Int {
        switch self {
        case .accepted: 6
        case .acceptedWithWarnings: 5
        case .rejected: 4
        case .unreadable: 3
        }
    }
}
