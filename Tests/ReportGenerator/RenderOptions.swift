import Foundation

/// The shapes of "What real files look like" in report-format.md.
public enum Layout: String, CaseIterable, Sendable, CustomStringConvertible {
    /// (a) `|` rows with uneven padding and merged-cell trailing blanks, exactly like the seed.
    case pipes
    /// (b) Markdown tables with a `|---|` rule under the first row.
    case markdown
    /// (c) Tab-separated rows.
    case tabs
    /// (d) One cell per line, each line ending in ` |`.
    case cellLinesTrailingPipe
    /// (e) One cell per line, with `|` alone on the line after each cell.
    case cellLinesPipeBetween
    /// (f) One cell per paragraph, blank-line separated, no delimiters.
    case cellParagraphs

    public var description: String { rawValue }

    /// Whether a cell can span several lines (a label broken by a line break).
    public var allowsLineBreaksInCells: Bool {
        switch self {
        case .pipes, .markdown, .tabs: false
        case .cellLinesTrailingPipe, .cellLinesPipeBetween, .cellParagraphs: true
        }
    }

    /// Whether the layout can show an empty cell; one cell per paragraph cannot.
    public var canShowEmptyCell: Bool { self != .cellParagraphs }
}

public enum TextEncodingChoice: String, CaseIterable, Sendable, CustomStringConvertible {
    case utf8, utf8BOM, utf16LE, utf16BE, gb18030

    public var description: String { rawValue }

    public static let gb18030Encoding = String.Encoding(rawValue: 0x8000_0632)

    public func encode(_ text: String) -> [UInt8] {
        switch self {
        case .utf8: return Array(text.utf8)
        case .utf8BOM: return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        case .utf16LE: return [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case .utf16BE: return [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        case .gb18030:
            guard let data = text.data(using: Self.gb18030Encoding) else { fatalError("GB18030 cannot encode the text") }
            return [UInt8](data)
        }
    }
}

public enum LineEnding: String, CaseIterable, Sendable, CustomStringConvertible {
    case lf, crlf
    public var description: String { rawValue }
    public var characters: String { self == .lf ? "\n" : "\r\n" }
}

public struct RenderOptions: Sendable, CustomStringConvertible {
    public var layout: Layout
    public var encoding: TextEncodingChoice = .utf8
    public var lineEnding: LineEnding = .lf
    /// Labels broken by spaces (`结果维 持`, `商业 企业`), also U+3000 and NBSP.
    public var spacedLabels = false
    /// Labels broken by a line break inside the cell (layouts d, e, f only).
    public var brokenLabels = false
    /// Full-width/half-width mixing: （一）/(一), 1./1．/1、, ：/:.
    public var widthMixing = false
    /// Full-width digits in value cells.
    public var fullWidthDigits = false
    /// Leave out the heading of section 三 (the table stands for it).
    public var omitHeadingThree = false

    public init(layout: Layout, encoding: TextEncodingChoice = .utf8, lineEnding: LineEnding = .lf, spacedLabels: Bool = false,
                brokenLabels: Bool = false, widthMixing: Bool = false, fullWidthDigits: Bool = false, omitHeadingThree: Bool = false) {
        self.layout = layout
        self.encoding = encoding
        self.lineEnding = lineEnding
        self.spacedLabels = spacedLabels
        self.brokenLabels = brokenLabels
        self.widthMixing = widthMixing
        self.fullWidthDigits = fullWidthDigits
        self.omitHeadingThree = omitHeadingThree
    }

    public var description: String {
        var flags: [String] = []
        if spacedLabels { flags.append("spaced") }
        if brokenLabels { flags.append("broken") }
        if widthMixing { flags.append("width-mixing") }
        if fullWidthDigits { flags.append("fullwidth-digits") }
        if omitHeadingThree { flags.append("no-heading-三") }
        return "\(layout)/\(encoding)/\(lineEnding)" + (flags.isEmpty ? "" : "[" + flags.joined(separator: ",") + "]")
    }

    /// Every variation switched on or off at random, for a layout, encoding and line ending.
    public static func random(_ layout: Layout, _ encoding: TextEncodingChoice, _ lineEnding: LineEnding, rng: inout SplitMix64) -> RenderOptions {
        RenderOptions(
            layout: layout, encoding: encoding, lineEnding: lineEnding,
            spacedLabels: rng.chance(0.5), brokenLabels: layout.allowsLineBreaksInCells && rng.chance(0.6),
            widthMixing: rng.chance(0.6), fullWidthDigits: rng.chance(0.3), omitHeadingThree: rng.chance(0.15))
    }
}
