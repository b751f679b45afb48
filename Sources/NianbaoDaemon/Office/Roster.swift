import Glibc
import NianbaoCore
import NianbaoFiles

/// The agencies expected to report: a CSV file (`agencies_file`, flag `--agencies-file`), UTF-8
/// with or without BOM, RFC 4180, a header with at least `id` and `name`; further columns
/// (`contact`, …) are kept and exported. `id` is the agency's sub-folder of the drop folder.
public struct Roster: Sendable, Equatable {
    public struct Agency: Sendable, Equatable {
        public var id: String
        public var name: String
        /// The further columns' values, in `Roster.extraColumns` order.
        public var extra: [String]
    }

    public var agencies: [Agency]
    /// Header names of the columns after `id` and `name`, in file order.
    public var extraColumns: [String]

    public init(agencies: [Agency], extraColumns: [String]) {
        self.agencies = agencies
        self.extraColumns = extraColumns
    }

    /// Parses the file's bytes. Every error names the line (1-based, as an editor counts).
    public static func parse(_ bytes: [UInt8], source: String) throws(RosterError) -> Roster {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else {
            // The line of the first byte that is not UTF-8: decode line by line.
            var line = 1
            for piece in body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                if String(validating: piece, as: UTF8.self) == nil { break }
                line += 1
            }
            throw RosterError(file: source, line: line, problem: "不是有效的UTF-8编码（请另存为UTF-8）", problemEnglish: "not valid UTF-8 (save the file as UTF-8)")
        }
        let records = try CSVRecords.parse(text, source: source)
        guard let header = records.first(where: { !$0.isBlank }) else {
            throw RosterError(file: source, line: 1, problem: "文件为空，缺少表头行“id,name”", problemEnglish: "the file is empty: no header row 'id,name'")
        }
        let names = header.fields.map { $0.trimmingSpaces.lowercased() }
        guard let idColumn = names.firstIndex(of: "id"), let nameColumn = names.firstIndex(of: "name") else {
            throw RosterError(file: source, line: header.line, problem: "缺少表头行：第一行应含“id”和“name”两列", problemEnglish: "no header: the first row must name the columns 'id' and 'name'")
        }
        let extraIndexes = names.indices.filter { $0 != idColumn && $0 != nameColumn }
        var agencies: [Agency] = []
        var firstLine: [String: Int] = [:]
        for record in records where record.line > header.line && !record.isBlank {
            func field(_ index: Int) -> String { index < record.fields.count ? record.fields[index] : "" }
            let id = field(idColumn).trimmingSpaces
            if id.isEmpty {
                throw RosterError(file: source, line: record.line, problem: "机构代码（id）为空", problemEnglish: "the id is empty")
            }
            if let reason = folderNameProblem(id) {
                throw RosterError(file: source, line: record.line, problem: "机构代码“\(TextEscaping.escapeControlCharacters(id))”不能作为文件夹名：\(reason.zh)", problemEnglish: "the id '\(TextEscaping.escapeControlCharacters(id))' cannot be a folder name: \(reason.en)")
            }
            if let earlier = firstLine[id] {
                throw RosterError(file: source, line: record.line, problem: "机构代码“\(id)”重复（第\(earlier)行已有）", problemEnglish: "duplicate id '\(id)' (already on line \(earlier))")
            }
            firstLine[id] = record.line
            agencies.append(Agency(id: id, name: field(nameColumn).trimmingSpaces, extra: extraIndexes.map { field($0) }))
        }
        return Roster(agencies: agencies, extraColumns: extraIndexes.map { header.fields[$0].trimmingSpaces })
    }

    /// Reads and parses the file.
    public static func load(path: String) throws(RosterError) -> Roster {
        guard let file = fopen(path, "r") else {
            throw RosterError(file: path, line: nil, problem: "无法读取机构名册（\(String(cString: strerror(errno)))）", problemEnglish: "cannot read the roster (\(String(cString: strerror(errno))))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[0..<count]
            if bytes.count > 64 << 20 {
                throw RosterError(file: path, line: nil, problem: "文件超过64 MiB", problemEnglish: "the file is larger than 64 MiB")
            }
        }
        return try parse(bytes, source: path)
    }

    /// Why `id` cannot be a sub-folder of the drop folder that the daemon watches.
    static func folderNameProblem(_ id: String) -> (zh: String, en: String)? {
        if id == "." || id == ".." { return ("“.”和“..”不是文件夹名", "'.' and '..' are not folder names") }
        if id.contains("/") { return ("含有“/”", "it contains '/'") }
        if id.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return ("含有控制字符", "it contains a control character") }
        if id.utf8.count > 255 { return ("超过255字节", "it is longer than 255 bytes") }
        if TemporaryNames.isTemporary(id) { return ("以此命名的文件夹会被忽略（隐藏或临时文件名）", "a folder of that name is ignored (a hidden or temporary name)") }
        return nil
    }
}

/// A roster that cannot be used, saying where and how to fix it.
public struct RosterError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based line, nil when the file as a whole is the problem.
    public var line: Int?
    public var problem: String
    public var problemEnglish: String

    public var description: String {
        if let line {
            return "机构名册错误 \(file) 第\(line)行：\(problem) / roster error in \(file), line \(line): \(problemEnglish)"
        }
        return "机构名册错误 \(file)：\(problem) / roster error in \(file): \(problemEnglish)"
    }
}

/// RFC 4180 records with the line each starts on (a quoted field may span lines).
struct CSVRecords {
    struct Record {
        var line: Int
        var fields: [String]
        var isBlank: Bool { fields.allSatisfy { $0.trimmingSpaces.isEmpty } }
    }

    static func parse(_ text: String, source: String) throws(RosterError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, recordLine = 1
        var quoted = false, afterQuote = false, quotedStartLine = 1
        var bytes = Array(text.utf8)
        if bytes.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        var index = 0
        func finishField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                        afterQuote = true
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                finishField()
                afterQuote = false
            case UInt8(ascii: "\r") where index < bytes.count && bytes[index] == UInt8(ascii: "\n"):
                continue
            case UInt8(ascii: "\n"):
                finishField()
                records.append(Record(line: recordLine, fields: fields))
                fields.removeAll()
                line += 1
                recordLine = line
                afterQuote = false
            case UInt8(ascii: "\"") where field.isEmpty && !afterQuote:
                quoted = true
                quotedStartLine = line
            default:
                if afterQuote {
                    throw RosterError(file: source, line: line, problem: "引号后还有字符（字段中的引号应写成两个引号\"\"）", problemEnglish: "characters after a closing quote (a quote inside a field is written \"\")")
                }
                field.append(byte)
            }
        }
        if quoted {
            throw RosterError(file: source, line: quotedStartLine, problem: "引号未闭合", problemEnglish: "a quoted field is never closed")
        }
        return records
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
