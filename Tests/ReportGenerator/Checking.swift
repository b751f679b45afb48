import Foundation
import NianbaoCore

/// Seeds for generated reports. `NIANBAO_TEST_SEED=<n>` shifts every seed, to explore more
/// reports than the fixed ones the suite runs by default.
public enum Seeds {
    public static let base: UInt64 = {
        if let text = ProcessInfo.processInfo.environment["NIANBAO_TEST_SEED"], let value = UInt64(text) { return value }
        return 0x6E69_616E_6261_6F21
    }()

    public static func seed(_ parts: Int...) -> UInt64 {
        var rng = SplitMix64(seed: base)
        var seed = rng.next()
        for part in parts {
            var mixer = SplitMix64(seed: seed ^ UInt64(truncatingIfNeeded: part &* 0x1F3D_5B79))
            seed = mixer.next()
        }
        return seed
    }
}

/// A generated document and what the core made of it.
public struct GeneratedCase {
    public var model: ReportModel
    public var options: RenderOptions
    public var bytes: [UInt8]
    public var outcome: CheckOutcome

    public init(model: ReportModel, options: RenderOptions) {
        self.model = model
        self.options = options
        bytes = ReportRenderer.bytes(model, options)
        outcome = ReportChecker.check(bytes)
    }

    /// `seed 0x… pipes/utf8/lf[…]`: enough to rebuild the document.
    public var label: String { "seed \(String(model.seed, radix: 16)) \(options)" }

    public var findingsText: String {
        outcome.findings.map { "\(ExpectedFinding($0)) — \($0.messageEnglish)" }.joined(separator: "\n")
    }

    /// Keeps a failing document for a person to look at; returns where.
    @discardableResult
    public func keep() -> String {
        let folder = "/tmp/nianbao-test-failures"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = "\(folder)/\(String(model.seed, radix: 16))-\(options.layout)-\(options.encoding)-\(options.lineEnding).txt"
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }
}

public enum FigureComparison {
    /// `[3, 0, ∅, abc?]`: cells as a person reads them in a failure message.
    public static func short(_ values: [CellValue]) -> String {
        "[" + values.map { value in
            switch value {
            case .count(let number): String(number)
            case .amount(let amount): String(amount)
            case .notStated: "∅"
            case .notANumber: "NaN"
            case .negative: "neg"
            case .notWhole: "frac"
            case .outOfRange: "huge"
            }
        }.joined(separator: ", ") + "]"
    }

    /// Every figure the core read that differs from the model, as `table row/column: read x, model y`.
    public static func mismatches(_ report: Report, _ model: ReportModel) -> [String] {
        var found: [String] = []
        func compare(_ place: String, _ read: [CellValue]?, _ expected: [GenValue]) {
            let want = expected.map(\.expected)
            if read != want { found.append("\(place): read \(read.map(short) ?? "nothing"), model \(short(want))") }
        }
        for item in DisclosureItem.allCases {
            guard let values = model.disclosure[item], values.count == item.columns.count, !model.droppedTables.contains(.two) else { continue }
            compare("表二 \(item.rawValue)", report.disclosure?.rows[item]?.values, values)
        }
        for row in ApplicationRow.allCases {
            guard let values = model.applications[row], values.count == 7, !model.droppedTables.contains(.three) else { continue }
            compare("表三 \(row.rawValue)", report.applications?.rows[row]?.values, values)
        }
        if model.review.count == 15, !model.dropReviewData, !model.droppedTables.contains(.four) {
            compare("表四", report.review?.data?.values, model.review)
        }
        return found
    }

    /// The `figures` member of `check --format json` that the model must give.
    public static func expectedJSON(_ model: ReportModel) -> JSONValue {
        func json(_ value: GenValue) -> JSONValue {
            switch value.expected {
            case .count(let number): .int(number)
            case .amount(let amount): .double(amount)
            default: .null
            }
        }
        var table2: [(String, JSONValue)] = []
        for item in DisclosureItem.allCases {
            guard let values = model.disclosure[item] else { continue }
            if item.columns.count == 1 {
                table2.append((item.rawValue, json(values[0])))
            } else {
                table2.append((item.rawValue, .object(zip(item.columns, values).map { ($0.rawValue, json($1)) })))
            }
        }
        let table3: [(String, JSONValue)] = ApplicationRow.allCases.compactMap { row in
            model.applications[row].map { (row.rawValue, .array($0.map(json))) }
        }
        let table4: [(String, JSONValue)] = ReviewGroup.allCases.enumerated().map { index, group in
            (group.rawValue, .array(model.review[(index * 5)..<(index * 5 + 5)].map(json)))
        }
        return .object([("table2", .object(table2)), ("table3", .object(table3)), ("table4", .object(table4))])
    }

    public static func figuresJSON(of outcome: CheckOutcome) -> JSONValue? {
        guard case .object(let members) = outcome.json(file: "x") else { return nil }
        return members.first { $0.0 == "figures" }?.1
    }
}
