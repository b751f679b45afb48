import Foundation
import Glibc
import Testing

/// File names that are not valid UTF-8 (GBK names from unzipping a Windows archive): `nianbao
/// check` opens the argument's own bytes, and prints the name escaped as the daemon does.
@Suite("nianbao check: names that are not UTF-8")
struct NonUTF8NameTests {
    @Test("a GBK-named report is read and judged; its name is printed escaped (\\xHH), in JSON and in text")
    func gbkName() async throws {
        let folder = try TemporaryFolder("gbk")
        // 报告.txt in GBK: B1 A8 B8 E6.
        let name: [UInt8] = [0xB1, 0xA8, 0xB8, 0xE6] + Array(".txt".utf8)
        let path = Array(folder.path.utf8) + [0x2F] + name
        let seed = Array(seedText.utf8)
        let fd = (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
        }
        try #require(fd >= 0)
        try #require(seed.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == seed.count)
        close(fd)
        let escaped = folder.path + #"/\xB1\xA8\xB8\xE6.txt"#

        // The shell builds the argument's bytes: no String in between.
        for format in ["json", "text"] {
            let result = try await runNianbao(["-c", #"exec "$0" check --format "$1" "$(printf '%s/\261\250\270\346.txt' "$2")""#,
                                         nianbaoBinary, format, folder.path], executable: "/bin/sh")
            #expect(result.status == 0, "\(format): \(result.stdout) \(result.stderr)")
            if format == "json" {
                let object = try #require(result.jsonLines.first)
                #expect(object["file"] as? String == escaped)
                #expect(object["verdict"] as? String == "accepted_with_warnings", "\(object)")
            } else {
                #expect(result.stdout.contains("文件 File: \(escaped)"), "\(result.stdout)")
                #expect(!result.stdout.contains("无法读取"), "\(result.stdout)")
            }
        }
    }
}
