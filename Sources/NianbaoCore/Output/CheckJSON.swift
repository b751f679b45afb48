/// The `check --format json` object of `interfaces.md`: one per file, JSON Lines.
extension CheckOutcome {
    public func json(file: String) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("file", .string(file)),
            ("verdict", .string(verdict.rawValue)),
            ("year", report?.year.year.map { JSONValue.int($0) } ?? .null),
            ("format_version", .string((report?.formatVersion ?? .unknown).rawValue)),
            ("sections", .array((report?.sections ?? []).map { .string($0.numeral) })),
            ("findings", .array(findings.map(\.json))),
            ("figures", report?.figuresJSON ?? .object([])),
        ]
        members.append(("document_type", .string(kind.rawValue)))
        if let encoding { members.append(("encoding", .string(encoding.rawValue))) }
        members.append(("notes", .array((report?.runTogetherRows ?? []).filter(\.readByRowSums).map(\.json))))
        return .object(members)
    }
}

extension RunTogetherRowNote {
    /// A note of the verdict (no finding, no code): a row of text that lost its shape read by
    /// its own sums, which are therefore no evidence for it. `row` is omitted for table 四.
    var json: JSONValue {
        var members: [(String, JSONValue)] = [("table", .string(table.rawValue))]
        if let row { members.append(("row", .string(row))) }
        members.append(("row_label", .string(label)))
        members.append(("digits", .string(digits)))
        members.append(("message", .string(message.chinese)))
        members.append(("message_en", .string(message.english)))
        return .object(members)
    }
}

extension Finding {
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [("code", .string(code.rawValue)), ("severity", .string(severity.rawValue))]
        if let section { members.append(("section", .string(section.numeral))) }
        if let table { members.append(("table", .string(table.rawValue))) }
        if let row { members.append(("row", .string(row))) }
        if let rowLabel { members.append(("row_label", .string(rowLabel))) }
        if let column { members.append(("column", .string(column))) }
        if let columnLabel { members.append(("column_label", .string(columnLabel))) }
        if let expected { members.append(("expected", expected.json)) }
        if let actual { members.append(("actual", actual.json)) }
        members.append(("message", .string(message)))
        members.append(("message_en", .string(messageEnglish)))
        if let terms {
            func side(_ terms: [RelationTerm]) -> JSONValue {
                .array(terms.map { term in
                    .object([("row", .string(term.row)), ("column", .string(term.column)), ("label", .string(term.label)),
                             ("value", term.value.map { JSONValue.int($0) } ?? .null)])
                })
            }
            members.append(("terms", .object([("left", side(terms.left)), ("right", side(terms.right))])))
        }
        if !cells.isEmpty {
            members.append(("cells", .array(cells.map { cell in
                .object([("table", .string(cell.table.rawValue)), ("row", .string(cell.row)), ("column", .string(cell.column))])
            })))
        }
        return .object(members)
    }
}

extension CellValue {
    /// A number, or null: blank is never 0, and text that is not a number has no value.
    var json: JSONValue {
        switch self {
        case .count(let value): .int(value)
        case .amount(let value): .double(value)
        default: .null
        }
    }
}

extension Report {
    /// Tables and rows that were not found (or could not be aligned) are absent.
    public var figuresJSON: JSONValue {
        var figures: [(String, JSONValue)] = []
        if let disclosure {
            var table: [(String, JSONValue)] = []
            for item in DisclosureItem.allCases {
                guard let values = disclosure.rows[item]?.values else { continue }
                if item.columns.count == 1 {
                    table.append((item.rawValue, values[0].json))
                } else {
                    table.append((item.rawValue, .object(zip(item.columns, values).map { ($0.rawValue, $1.json) })))
                }
            }
            figures.append(("table2", .object(table)))
        }
        if let applications {
            let rows = ApplicationRow.allCases.compactMap { row in
                applications.rows[row]?.values.map { (row.rawValue, JSONValue.array($0.map(\.json))) }
            }
            figures.append(("table3", .object(rows)))
        }
        if let review {
            var groups: [(String, JSONValue)] = []
            if review.data?.values != nil {
                for group in ReviewGroup.allCases {
                    groups.append((group.rawValue, .array(ReviewColumn.allCases.map { review.value(group, $0)!.json })))
                }
            }
            figures.append(("table4", .object(groups)))
        }
        return .object(figures)
    }
}
