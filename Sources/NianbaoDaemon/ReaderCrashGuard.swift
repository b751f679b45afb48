import Glibc
import NianbaoCore

/// Keeps a PDF that crashes the reader from crashing the service again and again. poppler is C
/// code run in the daemon's process (a helper process per file would cost about 30 ms and 35 MiB
/// more per PDF, three times the reading itself): before a PDF is read its SHA-256 is written to
/// `<state_dir>/reading-pdf`, and the file is removed when the read returns. A crash leaves it
/// behind (the write is in the kernel's cache even if the process dies; a machine crash needs
/// no guard), so after systemd's restart the same bytes are judged NB105 without being read.
struct ReaderCrashGuard: Sendable {
    let markerPath: String
    /// The digest of the bytes the previous run was reading when it died, if it died reading.
    let crashedOn: String?

    init(stateDirectory: String) {
        markerPath = stateDirectory + "/reading-pdf"
        crashedOn = Self.contents(of: markerPath)
    }

    /// Reads `bytes` (digest `sha256`) with the marker around it; a PDF the previous run died on
    /// is not read again.
    func check(_ bytes: [UInt8], sha256: String, _ read: ([UInt8]) -> CheckOutcome) -> CheckOutcome {
        guard DocumentKind.sniff(bytes) == .pdf else { return read(bytes) }
        if sha256 == crashedOn { return .unreadable(Self.crashed, kind: .pdf) }
        write(sha256)
        defer { unlink(markerPath) }
        return read(bytes)
    }

    static let crashed = ReadingFailure(
        code: .nb105,
        message: "读取这个PDF时阅读器异常退出（文件可能损坏或被恶意构造），重启后不再读取；请在WPS或Word中将报告原文件另存为.docx后重新提交",
        messageEnglish: "the reader crashed on this PDF (it may be damaged or hostile), so it is not read again after the restart; save the report's original document as .docx in WPS or Word and submit again")

    private func write(_ sha256: String) {
        let fd = open(markerPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        _ = Array(sha256.utf8).withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    }

    private static func contents(of path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 64) }
        guard count == 64 else { return nil }
        return String(decoding: buffer, as: UTF8.self)
    }
}
