import Glibc
import NianbaoCore
import TOMLKit

/// Everything `nianbao watch` can be told, from the TOML file and the command line (flags win).
/// `config/nianbao.toml` documents every key with its default.
public struct DaemonConfiguration: Sendable, Equatable {
    public var drop = "./drop"
    public var stateDirectory = "./.nianbao"
    /// nil: `$RUNTIME_DIRECTORY/status.json` under systemd, else `<state>/status.json`.
    public var statusFile: String?
    /// Optional Prometheus textfile-collector output (`*.prom`).
    public var prometheusFile: String?
    /// Optional folder mirroring the agency folders with an explanation per judged file.
    public var resultsDirectory: String?
    public var maxFileBytes: Int64 = 20 * 1024 * 1024
    /// Full rescan against the ledger as a safety net for what inotify cannot see.
    public var safetyRescanSeconds = 600
    /// Files judged per ledger transaction at most (a burst pays one fsync per batch).
    public var batchSize = 512
    public var deadline = Deadline()
    /// Hours east of UTC of the office's calendar, for the deadline (China: +8).
    public var utcOffsetHours = 8
    /// The roster of agencies expected to report (CSV); nil: the agencies are the sub-folders seen.
    public var agenciesFile: String?
    /// The report year being collected; nil: the year whose deadline is nearest (`OfficeCalendar`).
    public var collectingYear: Int?
    /// `nianbao status` warns this many days before the deadline while agencies are missing.
    public var warnDaysBeforeDeadline = 7

    public static let defaultFile = "/etc/nianbao/nianbao.toml"

    public init() {}

    public var ledgerPath: String { stateDirectory + "/ledger.sqlite" }

    public func resolvedStatusFile(environment: [String: String]) -> String {
        if let statusFile { return statusFile }
        if let runtime = environment["RUNTIME_DIRECTORY"]?.split(separator: ":").first {
            return String(runtime) + "/status.json"
        }
        return stateDirectory + "/status.json"
    }

    /// Reads TOML text over the defaults. Unknown keys are refused: a typo must not silently
    /// leave a default in force.
    public static func parse(toml text: String, source: String) throws(ConfigurationError) -> DaemonConfiguration {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigurationError(file: source, problem: "不是有效的TOML：\(error.description)（\(error.source.debugDescription)）", problemEnglish: "not valid TOML: \(error.description) at \(error.source.debugDescription)")
        } catch {
            throw ConfigurationError(file: source, problem: "不是有效的TOML", problemEnglish: "not valid TOML: \(error)")
        }
        var configuration = DaemonConfiguration()
        var reader = TableReader(table: table, source: source, prefix: "")
        configuration.drop = try reader.string("drop") ?? configuration.drop
        configuration.stateDirectory = try reader.string("state_dir") ?? configuration.stateDirectory
        configuration.statusFile = try reader.string("status_file").flatMap { $0.isEmpty ? nil : $0 }
        configuration.prometheusFile = try reader.string("prometheus_file").flatMap { $0.isEmpty ? nil : $0 }
        configuration.resultsDirectory = try reader.string("results_dir").flatMap { $0.isEmpty ? nil : $0 }
        configuration.maxFileBytes = Int64(try reader.integer("max_file_bytes", in: 1...(1 << 40)) ?? Int(configuration.maxFileBytes))
        configuration.safetyRescanSeconds = try reader.integer("safety_rescan_seconds", in: 0...86_400 * 7) ?? configuration.safetyRescanSeconds
        configuration.batchSize = try reader.integer("batch_size", in: 1...100_000) ?? configuration.batchSize
        configuration.utcOffsetHours = try reader.integer("utc_offset_hours", in: -12...14) ?? configuration.utcOffsetHours
        configuration.agenciesFile = try reader.string("agencies_file").flatMap { $0.isEmpty ? nil : $0 }
        configuration.collectingYear = try reader.integer("collecting_year", in: 0...9999).flatMap { $0 == 0 ? nil : $0 }
        configuration.warnDaysBeforeDeadline = try reader.integer("warn_days_before_deadline", in: 0...1000) ?? configuration.warnDaysBeforeDeadline
        if let deadlineTable = try reader.table("deadline") {
            var deadline = TableReader(table: deadlineTable, source: source, prefix: "deadline.")
            configuration.deadline.month = try deadline.integer("month", in: 1...12) ?? configuration.deadline.month
            configuration.deadline.day = try deadline.integer("day", in: 1...31) ?? configuration.deadline.day
            try deadline.refuseUnknownKeys()
            let (month, day) = (configuration.deadline.month, configuration.deadline.day)
            let longest = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
            guard day <= longest else {
                throw ConfigurationError(file: source, problem: "截止日期“\(month)月\(day)日”不存在（\(month)月最多\(longest)天）",
                                         problemEnglish: "the deadline \(month)-\(day) does not exist (month \(month) has at most \(longest) days)")
            }
        }
        try reader.refuseUnknownKeys()
        return configuration
    }

    /// Loads the file; a missing file is fine only when it was not asked for by name.
    public static func load(path: String?) throws(ConfigurationError) -> DaemonConfiguration {
        let file = path ?? defaultFile
        let bytes: [UInt8]
        switch readSmallFile(file) {
        case .success(let read): bytes = read
        case .failure(let failure):
            if path == nil, failure.code == ENOENT { return DaemonConfiguration() }
            let reason = failure.code == EFBIG ? ("文件超过1 MiB", "larger than 1 MiB") : (String(cString: strerror(failure.code)), String(cString: strerror(failure.code)))
            throw ConfigurationError(file: file, problem: "无法读取配置文件（\(reason.0)）", problemEnglish: "cannot read the configuration file (\(reason.1))")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ConfigurationError(file: file, problem: "配置文件不是UTF-8编码；请以UTF-8保存", problemEnglish: "the configuration file is not UTF-8; save it as UTF-8")
        }
        return try parse(toml: text, source: file)
    }

    /// The file's bytes, at most 1 MiB (EFBIG above); the errno of what failed, taken at once.
    private static func readSmallFile(_ path: String) -> Result<[UInt8], ReadFailure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(ReadFailure(code: errno)) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(ReadFailure(code: errno))
            }
            if count == 0 { break }
            bytes += buffer[0..<count]
            if bytes.count > 1 << 20 { return .failure(ReadFailure(code: EFBIG)) }
        }
        return .success(bytes)
    }

    private struct ReadFailure: Error { let code: Int32 }
}

/// A configuration that cannot be used, saying where and how to fix it.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var problem: String
    public var problemEnglish: String

    public var description: String { "配置错误 \(file)：\(problem) / configuration error in \(file): \(problemEnglish)" }
}

/// Typed access to one TOML table that remembers which keys were read.
private struct TableReader {
    let table: TOMLTable
    let source: String
    let prefix: String
    var seen: Set<String> = []

    mutating func string(_ key: String) throws(ConfigurationError) -> String? {
        seen.insert(key)
        guard let value = table[key] else { return nil }
        guard let string = value.string else { throw wrongType(key, "字符串", "a string") }
        return string
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        seen.insert(key)
        guard let value = table[key] else { return nil }
        guard let integer = value.int else { throw wrongType(key, "整数", "an integer") }
        guard range.contains(integer) else {
            throw ConfigurationError(file: source, problem: "“\(prefix)\(key)”应在\(range.lowerBound)到\(range.upperBound)之间，实为\(integer)", problemEnglish: "'\(prefix)\(key)' must be between \(range.lowerBound) and \(range.upperBound), not \(integer)")
        }
        return integer
    }

    mutating func table(_ key: String) throws(ConfigurationError) -> TOMLTable? {
        seen.insert(key)
        guard let value = table[key] else { return nil }
        guard let table = value.table else { throw wrongType(key, "表", "a table") }
        return table
    }

    func refuseUnknownKeys() throws(ConfigurationError) {
        if let unknown = table.keys.sorted().first(where: { !seen.contains($0) }) {
            throw ConfigurationError(file: source, problem: "未知的设置项“\(prefix)\(unknown)”（拼写错误？）", problemEnglish: "unknown setting '\(prefix)\(unknown)' (a typo?)")
        }
    }

    private func wrongType(_ key: String, _ chinese: String, _ english: String) -> ConfigurationError {
        ConfigurationError(file: source, problem: "“\(prefix)\(key)”应为\(chinese)", problemEnglish: "'\(prefix)\(key)' must be \(english)")
    }
}
