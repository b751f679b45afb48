import Foundation

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
        guard !json.isEmpty, let array = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [[String: Any]] else { return [] }
        return array.map { object in
            StoredFinding(
                code: object["code"] as? String ?? "", severity: object["severity"] as? String ?? "",
                section: object["section"] as? String, table: object["table"] as? String,
                row: object["row"] as? String, rowLabel: object["row_label"] as? String,
                column: object["column"] as? String, columnLabel: object["column_label"] as? String,
                expected: number(object["expected"]), actual: number(object["actual"]),
                message: object["message"] as? String ?? "")
        }
    }

    static func number(_ value: Any?) -> Double? {
        guard let value, !(value is NSNull) else { return nil }
        if let number = value as? NSNumber { return number.doubleValue }
        return nil
    }
}

/// A figure as text: integers without a decimal point.
func formatFigure(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
}
