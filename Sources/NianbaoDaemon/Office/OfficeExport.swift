import NianbaoCore

/// One figure column of the export: its contract key and its Chinese header.
public struct FigureColumn: Sendable, Equatable {
    public var key: String
    public var chinese: String
}

/// The rows of `nianbao export`: one per agency as in `agencies`, then every figure of the three
/// tables under its contract key, and a last `合计` row over the accepted reports. CSV, JSON
/// and xlsx are written from it, so they cannot disagree.
public struct OfficeExport: Sendable {
    public struct Row: Sendable {
        public var line: AgencyLine?
        /// One per `OfficeExport.figureColumns`; nil is a blank (or absent) cell, never 0.
        public var figures: [Double?]
    }

    public var view: OfficeView
    public var rows: [Row]
    public var total: [Double?]

    /// Every figure, in the order of `report-format.md`, named from the core's table schema.
    public static let figureColumns: [FigureColumn] = FigureRow.all.flatMap(\.exportColumns)

    public init(_ view: OfficeView) {
        self.view = view
        let count = Self.figureColumns.count
        rows = view.lines.map { line in
            Row(line: line, figures: line.report.map { Self.figures(of: $0.figuresJSON) } ?? Array(repeating: nil, count: count))
        }
        var total = [Double?](repeating: nil, count: count)
        for row in rows where row.line?.state.isAccepted == true {
            for (index, value) in row.figures.enumerated() {
                if let value { total[index] = (total[index] ?? 0) + value }
            }
        }
        self.total = total
    }

    /// The stored `figures` object, flattened in `figureColumns` order.
    static func figures(of json: String) -> [Double?] {
        var values = [Double?](repeating: nil, count: figureColumns.count)
        guard !json.isEmpty else { return values }
        if StoredFigures.read(json, into: &values) { return values }
        return figuresFromTree(json)
    }

    /// The same through the StoredJSON tree: for what the flat reader does not take.
    static func figuresFromTree(_ json: String) -> [Double?] {
        var values = [Double?](repeating: nil, count: figureColumns.count)
        guard !json.isEmpty, let figures = StoredJSON.parse(json) else { return values }
        for row in FigureRow.all {
            let entry = figures[row.table]?[row.key]
            for (offset, column) in row.columns.enumerated() {
                switch row.shape {
                case .value: values[row.first] = entry?.number
                case .object: values[row.first + offset] = entry?[column.key]?.number
                case .array: values[row.first + offset] = entry?[offset]?.number
                }
            }
        }
        return values
    }

    /// `合计` (total): the agency column of the last row.
    public static let totalLabel = "合计"

    public var agencyColumns: [String] { AgencyListing.csvColumns + view.extraColumns }

    public func agencyFields(_ row: Row) -> [String] {
        guard let line = row.line else { return [Self.totalLabel] + Array(repeating: "", count: agencyColumns.count - 1) }
        return AgencyListing.csvFields(view, line: line)
    }

    public func csv() -> String {
        var out = CSVWriter.byteOrderMark
        CSVWriter.append(agencyColumns + Self.figureColumns.map(\.key), to: &out)
        for row in rows + [Row(line: nil, figures: total)] {
            CSVWriter.append(agencyFields(row) + row.figures.map { $0.map(formatFigure) ?? "" }, to: &out)
        }
        return out
    }

    /// JSON Lines: the object of `agencies --format json` plus one member per figure key
    /// (null when blank); the last line is the total, `"agency": "合计"`.
    public func jsonLines() -> String {
        var out = ""
        for row in rows + [Row(line: nil, figures: total)] {
            var members: [(String, JSONValue)]
            if let line = row.line, case .object(let base) = AgencyListing.json(view, line: line) {
                members = base
            } else {
                members = [("agency", .string(Self.totalLabel)), ("year", .int(view.year))]
            }
            for (column, value) in zip(Self.figureColumns, row.figures) {
                members.append((column.key, value.map { $0 == $0.rounded() && abs($0) < 1e15 ? .int(Int($0)) : .double($0) } ?? .null))
            }
            out += JSONValue.object(members).serialized() + "\n"
        }
        return out
    }
}
