/// One finding as the ledger stores it (the `findings` array of `check --format json`), for
/// the office's exports and page.
public struct StoredFinding: Sendable, Equatable {
    public var code: String
    public var severity: String
    public var section: String?
    public var table: String?
    public var row: String?
    public var rowLabel: String?
    public var column: String?
    public var columnLabel: String?
    /// A number as written in JSON (`3`, `1.5`), or nil.
    public var expected: Double?
    public var actual: Double?
    public var message: String

    /// The findings of a stored `findings` array; an unreadable array gives none.
    public static func decode(_ json: String) -> [StoredFinding] {
        guard !json.isEmpty, case .array(let objects)? = StoredJSON.parse(json) else { return [] }
        return objects.map { object in
            StoredFinding(
                code: object["code"]?.string ?? "", severity: object["severity"]?.string ?? "",
                section: object["section"]?.string, table: object["table"]?.string,
                row: object["row"]?.string, rowLabel: object["row_label"]?.string,
                column: object["column"]?.string, columnLabel: object["column_label"]?.string,
                expected: object["expected"]?.number, actual: object["actual"]?.number,
                message: object["message"]?.string ?? "")
        }
    }
}

/// A figure as text: integers without a decimal point.
func formatFigure(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
}
