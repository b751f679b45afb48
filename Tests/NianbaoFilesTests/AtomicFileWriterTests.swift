import Foundation
import Glibc
import Testing
@testable import NianbaoFiles

@Suite struct AtomicFileWriterTests {
    let folder = TemporaryFolder("atomic")

    func names() -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()) ?? []
    }

    @Test func replacesContentAndLeavesNoTemporaryFile() throws {
        let target = folder.absolute("status.json")
        try AtomicFileWriter.write("{\"state\":\"ok\"}", to: target)
        var info = stat()
        stat(target, &info)
        let firstInode = info.st_ino
        try AtomicFileWriter.write(Array("{\"state\":\"warning\"}".utf8), to: target, sync: false)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "{\"state\":\"warning\"}")
        stat(target, &info)
        #expect(info.st_ino != firstInode)  // a new file renamed over the old one
        #expect(info.st_mode & 0o777 == 0o644)
        #expect(names() == ["status.json"])
    }

    @Test func manyWritesKeepReadersSeeingWholeFiles() throws {
        let target = folder.absolute("metrics.prom")
        for index in 0..<200 {
            try AtomicFileWriter.write(String(repeating: "\(index % 10)", count: 4096), to: target, sync: false)
            let content = try String(contentsOfFile: target, encoding: .utf8)
            #expect(content.count == 4096 && Set(content).count == 1)
        }
        #expect(names() == ["metrics.prom"])
    }

    @Test func missingFolder() {
        #expect { try AtomicFileWriter.write("x", to: folder.absolute("nope/status.json")) } throws: {
            guard let failure = $0 as? AtomicWriteFailure else { return false }
            return failure.operation == .openFolder && failure.errno == ENOENT && failure.messageEN.contains("does not exist")
        }
    }

    @Test func failedRenameRemovesTheTemporaryFile() {
        folder.makeFolder("occupied/inside")
        #expect { try AtomicFileWriter.write("x", to: folder.absolute("occupied")) } throws: {
            ($0 as? AtomicWriteFailure)?.operation == .rename
        }
        #expect(names() == ["occupied"])
    }

    @Test(.enabled(if: getuid() == 0, "mounts a tiny tmpfs"))
    func diskFullIsReportedAndCleanedUp() throws {
        // A real ENOSPC: a 64 KiB tmpfs, mounted for this test only.
        let mountPoint = folder.absolute("tiny")
        folder.makeFolder("tiny")
        guard run("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint]) == 0 else {
            print("cannot mount tmpfs here: ENOSPC case not exercised")
            return
        }
        defer { _ = run("/bin/umount", ["-l", mountPoint]) }
        #expect { try AtomicFileWriter.write(Array(repeating: 0x41, count: 1 << 20), to: mountPoint + "/status.json") } throws: {
            guard let failure = $0 as? AtomicWriteFailure else { return false }
            return failure.errno == ENOSPC && failure.messageEN.contains("disk is full") && failure.messageZH.contains("磁盘已满")
        }
        #expect((try? FileManager.default.contentsOfDirectory(atPath: mountPoint)) == [])
    }

    @Test func splitsPaths() {
        #expect(AtomicFileWriter.split("a/b/c") == ("a/b", "c"))
        #expect(AtomicFileWriter.split("c") == (".", "c"))
        #expect(AtomicFileWriter.split("/c") == ("/", "c"))
    }
}
