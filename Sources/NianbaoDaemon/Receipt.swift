import NianbaoCore
import NianbaoLedger

/// The receipt of one judged file version: what an agency quotes when it asks about its
/// submission. The first lines of `<file>.nianbao.txt`, and what `nianbao receipt ID` prints.
public enum Receipt {
    /// Chinese first, English beside; ends with a newline. The arrival time is in the office's
    /// time zone (`utc_offset_hours`).
    public static func text(of record: JudgementRecord, utcOffsetHours: Int) -> String {
        let verdict = Verdict(rawValue: record.verdict).map { "\($0.chinese) \($0.rawValue)" } ?? record.verdict
        // A file that was never read (NB101, NB102) has no size or digest of its bytes.
        let read = !record.sha256.hasPrefix(Judge.unreadPrefix)
        return [
            "回执 Receipt: \(record.receipt ?? "无 none")",
            "文件 File: \(TextEscaping.escapeControlCharacters(record.path))",
            "收到时间 Received: \(WallClock.officeTime(milliseconds: record.arrivedAtUnixMs, utcOffsetHours: utcOffsetHours))",
            "大小 Size: " + (read ? "\(record.size) 字节 bytes" : "未读取 not read"),
            "SHA-256: " + (read ? record.sha256 : "无（文件未读取） none (the file was not read)"),
            "结论 Verdict: \(verdict)",
        ].joined(separator: "\n") + "\n"
    }
}
