import Foundation
import Glibc
import Testing

/// `nianbao status` as a monitoring plugin: every way it can fail says what is wrong and exits
/// 3 (UNKNOWN) or 2 (CRITICAL) as the monitoring-plugins guidelines say.
@Suite("nianbao status: failures said plainly")
struct StatusCommandTests {
    static func statusFile(in folder: TemporaryFolder, updatedAt: Int, state: String = "ok") -> String {
        let text = #"{"state":"\#(state)","summary":"1 report, none rejected","updated_at_unix":\#(updatedAt),"#
            + #""reports":{"accepted":1,"accepted_with_warnings":0,"rejected":0,"unreadable":0},"pending":0}"#
        return folder.write("status.json", Array(text.utf8))
    }

    @Test("a usage error exits 3 (UNKNOWN) with a plugin line, not 64")
    func usageError() async throws {
        let result = try await runNianbao(["status", "--no-such-flag"])
        #expect(result.status == 3, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.hasPrefix("NIANBAO UNKNOWN - "), "\(result.stdout)")
        // check keeps its 64.
        #expect(try await runNianbao(["check", "--no-such-flag"]).status == 64)
    }

    @Test("a status file it may not read says permission denied, not 'no status file'")
    func permissionDenied() async throws {
        let folder = try TemporaryFolder("status-perm")
        let path = Self.statusFile(in: folder, updatedAt: Int(Date().timeIntervalSince1970))
        try #require(chmod(path, 0) == 0)
        // As a monitoring user would be: root without CAP_DAC_OVERRIDE honours permission bits.
        let result = try await runNianbao(["--bounding-set", "-dac_override,-dac_read_search", nianbaoBinary, "status", "--status-file", path],
                                    executable: "/usr/bin/setpriv")
        #expect(result.status == 3, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("permission denied"), "\(result.stdout)")
        #expect(!result.stdout.contains("no status file"), "\(result.stdout)")
    }

    @Test("--config with a missing or broken file says so instead of falling back to the default path",
          arguments: ["missing", "broken", "not UTF-8"])
    func brokenConfig(how: String) async throws {
        let folder = try TemporaryFolder("status-config")
        let config = folder.file("nianbao.toml")
        switch how {
        case "broken": folder.write("nianbao.toml", Array("status_file = [[[\n".utf8))
        case "not UTF-8": folder.write("nianbao.toml", Array("# 配置\n".utf8) + [0xC5, 0xE4, 0xD6, 0xC3, 0x0A])
        default: break
        }
        let result = try await runNianbao(["status", "--config", config])
        #expect(result.status == 3, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.hasPrefix("NIANBAO UNKNOWN - "), "\(result.stdout)")
        #expect(result.stdout.contains(config), "\(result.stdout)")
        #expect(!result.stdout.contains("no status file"), "\(result.stdout)")
        if how == "not UTF-8" { #expect(result.stdout.contains("not UTF-8"), "\(result.stdout)") }
    }

    @Test("a status time in the future beyond the allowed age (clock stepped back) is CRITICAL, not OK")
    func futureTime() async throws {
        let folder = try TemporaryFolder("status-future")
        let path = Self.statusFile(in: folder, updatedAt: Int(Date().timeIntervalSince1970) + 3600)
        let result = try await runNianbao(["status", "--status-file", path])
        #expect(result.status == 2, "\(result.stdout)")
        #expect(result.stdout.hasPrefix("NIANBAO CRITICAL - status time "), "\(result.stdout)")
        #expect(result.stdout.contains("in the future"), "\(result.stdout)")
        // Within the allowed age either way: OK.
        let near = Self.statusFile(in: folder, updatedAt: Int(Date().timeIntervalSince1970) + 30)
        #expect(try await runNianbao(["status", "--status-file", near]).status == 0)
    }
}

/// The daemon's configuration: what cannot be used is refused with a message that says why.
@Suite("nianbao watch: configuration refused plainly")
struct ConfigurationRefusedTests {
    @Test("a configuration that is not UTF-8, or names an impossible deadline, is refused at start with the reason",
          arguments: ["not UTF-8", "2-31", "4-31"])
    func refused(how: String) async throws {
        let folder = try TemporaryFolder("watch-config")
        let text: [UInt8] = switch how {
        case "not UTF-8": Array("# 配置\n".utf8) + [0xC5, 0xE4, 0xD6, 0xC3, 0x0A]
        case "2-31": Array("[deadline]\nmonth = 2\nday = 31\n".utf8)
        default: Array("[deadline]\nmonth = 4\nday = 31\n".utf8)
        }
        let config = folder.write("nianbao.toml", text)
        let result = try await runNianbao(["watch", "--config", config, "--drop", folder.file("drop"), "--state-dir", folder.file("state"),
                                     "--status-file", folder.file("status.json")], timeout: 10)
        #expect(!result.timedOut, "the daemon started with it")
        #expect(result.status == 1, "\(result.stderr)")
        switch how {
        case "not UTF-8":
            #expect(result.stderr.contains("not UTF-8"), "\(result.stderr)")
            #expect(!result.stderr.contains("Inappropriate ioctl"), "\(result.stderr)")
        case "2-31": #expect(result.stderr.contains("the deadline 2-31 does not exist"), "\(result.stderr)")
        default: #expect(result.stderr.contains("the deadline 4-31 does not exist"), "\(result.stderr)")
        }
    }
}
