// Throughput: reading (text, .docx, .html, .pdf) plus validating seed-sized reports, on one core, in release mode.
// Prints figures; asserts nothing. Run with `make bench` (or `swift run -c release nianbao-bench FILE...`).
import Foundation
import NianbaoCore
import NianbaoDocuments

var arguments = CommandLine.arguments.dropFirst()
let phases = arguments.contains("--phases")
arguments.removeAll { $0 == "--phases" }
let paths = arguments.isEmpty ? ["Tests/Fixtures/seed-2023.txt"] : Array(arguments)
let seconds = Double(ProcessInfo.processInfo.environment["NIANBAO_BENCH_SECONDS"] ?? "3") ?? 3

func residentMemoryKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.split(separator: " ")[1]) ?? -1
    }
    return -1
}

/// `NIANBAO_BENCH_LOOP=check|blocks|baseline` with `NIANBAO_BENCH_ROUNDS=N`: only that loop over the first
/// file, any format, for a profiler (callgrind: run with N and with 0, the difference over N is
/// the instructions per report).
if let loop = ProcessInfo.processInfo.environment["NIANBAO_BENCH_LOOP"], let path = paths.first,
   let data = FileManager.default.contents(atPath: path) {
    let bytes = [UInt8](data)
    let rounds = Int(ProcessInfo.processInfo.environment["NIANBAO_BENCH_ROUNDS"] ?? "") ?? 1_000
    var sink = 0
    let baseline = ParserBaseline(bytes)
    for _ in 0..<rounds {
        switch loop {
        case "blocks": sink &+= DocumentReader.document(bytes)?.cellCount ?? 0
        case "baseline": sink &+= baseline?.parse() ?? 0
        default: sink &+= DocumentReader.check(bytes).findings.count
        }
    }
    print(sink)
    exit(0)
}

print("| document | bytes | reports/s (1 core) | µs/report | RSS after (MiB) |")
print("|---|---:|---:|---:|---:|")
for path in paths {
    guard let data = FileManager.default.contents(atPath: path) else {
        print("cannot read \(path)")
        continue
    }
    let bytes = [UInt8](data)
    // Warm up, then run for a fixed time; the verdict is consumed so nothing is optimised away.
    var verdicts = 0
    for _ in 0..<200 { verdicts &+= DocumentReader.check(bytes).findings.count }
    let clock = ContinuousClock()
    let start = clock.now
    var reports = 0
    while clock.now - start < .seconds(seconds) {
        for _ in 0..<100 { verdicts &+= DocumentReader.check(bytes).findings.count }
        reports += 100
    }
    let elapsed = clock.now - start
    let perSecond = Double(reports) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    let name = (path as NSString).lastPathComponent
    print("| \(name) | \(bytes.count) | \(Int(perSecond)) | \(String(format: "%.1f", 1e6 / perSecond)) | \(String(format: "%.1f", Double(residentMemoryKiB()) / 1024)) |")
    if verdicts == -1 { print("") }
}

/// Word and HTML documents: the time libxml2 alone takes on them (ParserBaseline: the same parse
/// with callbacks that do nothing, of the part already unzipped or decoded), the time reading them into
/// document text (container, parsing, grid), and the whole check.
let documentPaths = paths.filter { path in
    FileManager.default.contents(atPath: path).map { DocumentReader.document([UInt8]($0)) != nil } ?? false
}
if !documentPaths.isEmpty {
    print("\n| document | libxml2 alone (µs) | reading into document text (µs) | whole check (µs) |\n|---|---:|---:|---:|")
    for path in documentPaths {
        let bytes = [UInt8](FileManager.default.contents(atPath: path)!)
        var sink = 0
        let rounds = 1000
        let reading = ContinuousClock().measure { for _ in 0..<rounds { sink &+= DocumentReader.document(bytes)?.cellCount ?? 0 } }
        let whole = ContinuousClock().measure { for _ in 0..<rounds { sink &+= DocumentReader.check(bytes).findings.count } }
        func micros(_ duration: Duration) -> String {
            String(format: "%.1f", (Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12) / Double(rounds))
        }
        let baseline = ParserBaseline(bytes)
        let parserOnly = ContinuousClock().measure { for _ in 0..<rounds { sink &+= baseline?.parse() ?? 0 } }
        print("| \((path as NSString).lastPathComponent) | \(micros(parserOnly)) | \(micros(reading)) | \(micros(whole)) |\(sink == -1 ? " " : "")")
    }
}

/// `--phases`: where the time of one report goes, phase by phase.
if phases, let path = paths.first, let data = FileManager.default.contents(atPath: path) {
    let bytes = [UInt8](data)
    func time(_ name: String, _ body: () -> Int) {
        var sink = 0
        for _ in 0..<(ProcessInfo.processInfo.environment["NIANBAO_BENCH_PHASE"] == nil ? 50 : 0) { sink &+= body() }
        let rounds = ProcessInfo.processInfo.environment["NIANBAO_BENCH_PHASE"] == nil ? 2000 : 0
        let elapsed = ContinuousClock().measure { for _ in 0..<rounds { sink &+= body() } }
        let micros = (Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12) / Double(rounds)
        print("| \(name) | \(String(format: "%.1f", micros)) µs |\(sink == -1 ? " " : "")")
    }
    guard case .success(let decoded) = TextDecoder.decode(bytes) else { exit(1) }
    let document = TextLayout.document(of: decoded.text)
    let report = ReportReader.read(document)
    print("\n| phase | time per report |\n|---|---:|")
    // NIANBAO_BENCH_PHASE=layout|read|rules|check loops one phase (check: all of them) for a profiler.
    if let only = ProcessInfo.processInfo.environment["NIANBAO_BENCH_PHASE"] {
        var sink = 0
        let rounds = Int(ProcessInfo.processInfo.environment["NIANBAO_BENCH_ROUNDS"] ?? "") ?? 20_000
        for _ in 0..<rounds {
            switch only {
            case "layout": sink &+= TextLayout.document(of: decoded.text).cellCount
            case "read": sink &+= ReportReader.read(document).sections.count
            case "check": sink &+= DocumentReader.check(bytes).findings.count
            default: sink &+= ReportRules.findings(for: report).count
            }
        }
        print(sink)
    }
    time("decode") { (try? TextDecoder.decode(bytes).get().text.utf8.count) ?? 0 }
    time("layout (lines to cells)") { TextLayout.document(of: decoded.text).cellCount }
    time("read (sections, year, tables)") { ReportReader.read(document).sections.count }
    time("rules") { ReportRules.findings(for: report).count }
}
