/// Which national layout the tables follow.
public enum FormatVersion: String, Sendable {
    case v2021 = "2021", v2019 = "2019", mixed, unknown
}

/// Where the report year was read from.
public struct YearEvidence: Sendable, Equatable {
    /// From the title (…2023年政府信息公开工作年度报告).
    public var title: Int?
    /// From the statistics period (统计期限…2023年1月1日至2023年12月31日).
    public var statisticsPeriod: Int?
    /// From explicit dates in the text (截至2023年12月31日).
    public var text: Int?
    /// The year most often written in the text, the last resort.
    public var mostMentioned: Int?

    public var year: Int? { title ?? statisticsPeriod ?? text ?? mostMentioned }
}

/// A report as read from a document, before any rule has judged it.
public struct Report: Sendable {
    /// Sections found, by heading or inferred from their table, in the order of the layout.
    public var sections: [Section] = []
    /// Sections in the order their headings appear.
    public var headingOrder: [Section] = []
    public var title: String?
    public var year = YearEvidence()
    public var formatVersion: FormatVersion = .unknown
    /// Markers of the superseded 2019 tables that were found, as printed.
    public var formerLayoutMarkers: [String] = []

    /// Table 二, nil when not found.
    public var disclosure: DisclosureTable?
    /// Table 三, nil when not found.
    public var applications: ApplicationTable?
    /// Table 四, nil when not found.
    public var review: ReviewTable?

    /// Prose paragraphs (folded, white space removed) with the section they stand in.
    public var prose = Prose()

    /// Table rows whose cells ran together (text that lost its shape) and that were read by
    /// their own sums or declined; empty for every other report.
    public var runTogetherRows: [RunTogetherRowNote] = []
}

/// A table row whose cells ran together with no separator (`640020470`), in text that lost
/// its shape: read because exactly one reading satisfies the row's own sums (those sums are
/// then no evidence for the row: they hold by construction), or declined (several readings,
/// or none: the row is NB205). Rows whose digits allow one reading only are not noted.
public struct RunTogetherRowNote: Sendable, Equatable {
    public var table: TableID
    public var label: String
    /// The row's digits as printed, spaces kept.
    public var digits: String
    public var readByRowSums: Bool
    /// The row's key (`new_received`) once the table is read (`ReportReader`); nil for table
    /// 四's one data row, or a label that is no row of the table.
    public var row: String? = nil
}

public struct DisclosureTable: Sendable, Equatable {
    public var rows = TableRows<DisclosureItem>()

    /// The value of an item in one of its columns (`DisclosureItem.columns`); nil when the row
    /// was not found or not aligned, or has no such column.
    public func value(_ item: DisclosureItem, _ column: DisclosureColumn) -> CellValue? {
        guard let values = rows[item]?.values, let index = item.columns.firstIndex(of: column) else { return nil }
        return values[index]
    }
}

public struct ApplicationTable: Sendable, Equatable {
    public var rows = TableRows<ApplicationRow>()

    public func value(_ row: ApplicationRow, _ column: ApplicantColumn) -> CellValue? {
        rows[row]?.values?[column.ordinal]
    }

    /// A row's values addressed by column (`values[.total]`); nil when the row was not found
    /// or not aligned.
    func values(_ row: ApplicationRow) -> ColumnValues<ApplicantColumn>? {
        rows[row]?.values.map(ColumnValues.init)
    }
}

/// An aligned row's values, addressed by column name rather than position.
struct ColumnValues<Column: CaseOrdinal> {
    let values: [CellValue]

    subscript(column: Column) -> CellValue { values[column.ordinal] }
}

public struct ReviewTable: Sendable, Equatable {
    /// The one data row, 15 cells in group order, or misaligned.
    public var data: RowReading?

    public func value(_ group: ReviewGroup, _ column: ReviewColumn) -> CellValue? {
        guard let values = data?.values else { return nil }
        return values[Self.position(group, column)]
    }

    /// Where a group's column is in the data row: group by group, each its columns in order.
    static func position(_ group: ReviewGroup, _ column: ReviewColumn) -> Int {
        group.ordinal * ReviewColumn.allCases.count + column.ordinal
    }
}
