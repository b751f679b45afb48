import Foundation
import Glibc
import Testing
@testable import NianbaoFiles

@Suite struct InotifyTests {
    /// Builds one record the way the kernel lays it out: 16-byte header, name padded with NULs.
    func record(wd: Int32, mask: UInt32, cookie: UInt32, name: [UInt8], padTo: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        withUnsafeBytes(of: wd.littleEndian) { bytes += $0 }
        withUnsafeBytes(of: mask.littleEndian) { bytes += $0 }
        withUnsafeBytes(of: cookie.littleEndian) { bytes += $0 }
        withUnsafeBytes(of: UInt32(padTo).littleEndian) { bytes += $0 }
        bytes += name + Array(repeating: 0, count: padTo - name.count)
        return bytes
    }

    @Test func parsesRecordsByHand() {
        let buffer = record(wd: 1, mask: 0x8, cookie: 0, name: Array("2023.txt".utf8), padTo: 16)
            + record(wd: 2, mask: 0x4000_0100, cookie: 0, name: Array("agency-a".utf8), padTo: 32)
            + record(wd: -1, mask: 0x4000, cookie: 0, name: [], padTo: 0)
            + record(wd: 3, mask: 0x40, cookie: 77, name: [0x0A, 0xFF], padTo: 16)
        let events = buffer.withUnsafeBytes { InotifyEvent.parse($0) }
        #expect(events == [
            InotifyEvent(wd: 1, mask: .closeWrite, cookie: 0, name: Array("2023.txt".utf8)),
            InotifyEvent(wd: 2, mask: [.create, .isDir], cookie: 0, name: Array("agency-a".utf8)),
            InotifyEvent(wd: -1, mask: .queueOverflow, cookie: 0, name: []),
            InotifyEvent(wd: 3, mask: .movedFrom, cookie: 77, name: [0x0A, 0xFF]),
        ])
        #expect(events[1].mask.description == "CREATE|ISDIR")
        // A truncated trailing record is ignored, not read past the end.
        let truncated = Array(buffer.prefix(buffer.count - 3))
        #expect(truncated.withUnsafeBytes { InotifyEvent.parse($0) }.count == 3)
    }

    @Test func realRecordsFromTheKernel() throws {
        let folder = TemporaryFolder("inotify")
        let inotify = try Inotify()
        let wd = try inotify.addWatch(folder.path, mask: [.closeWrite, .create, .onlyDir])
        #expect(!inotify.waitUntilReadable(timeout: .milliseconds(10)))
        folder.write("a-name-of-some-length.txt", "x")
        #expect(inotify.waitUntilReadable(timeout: .seconds(5)))
        let (events, drained) = try inotify.readAvailable()
        #expect(drained)
        #expect(events == [
            InotifyEvent(wd: wd, mask: .create, cookie: 0, name: Array("a-name-of-some-length.txt".utf8)),
            InotifyEvent(wd: wd, mask: .closeWrite, cookie: 0, name: Array("a-name-of-some-length.txt".utf8)),
        ])
        #expect(inotify.removeWatch(wd))
        #expect(!inotify.removeWatch(wd))
    }

    @Test func addWatchErrorsAreTyped() throws {
        let inotify = try Inotify()
        #expect { try inotify.addWatch("/nonexistent/nianbao", mask: .create) } throws: {
            ($0 as? InotifyFailure)?.errno == ENOENT
        }
        // The watch-limit message names the sysctl (ENOSPC itself is not provoked: lowering
        // fs.inotify.max_user_watches would starve every other inotify user on the machine).
        let limit = InotifyFailure(operation: .addWatch, errno: ENOSPC, path: "/srv/drop/a")
        #expect(limit.messageEN.contains("fs.inotify.max_user_watches"))
        #expect(limit.messageZH.contains("fs.inotify.max_user_watches"))
        #expect(DropEvent.watchLimitReached(path("a")).messageEN.contains("sysctl fs.inotify.max_user_watches"))
        #expect(DropEvent.watchLimitReached(path("a")).messageZH.contains("sysctl fs.inotify.max_user_watches"))
    }

    @Test func pollTimeoutsRoundUp() {
        #expect(Inotify.pollMilliseconds(nil) == -1)
        #expect(Inotify.pollMilliseconds(.zero) == 0)
        #expect(Inotify.pollMilliseconds(.microseconds(1)) == 1)
        #expect(Inotify.pollMilliseconds(.milliseconds(1500)) == 1500)
        #expect(Inotify.pollMilliseconds(.seconds(-3)) == 0)
        #expect(Inotify.pollMilliseconds(.seconds(Int64.max)) == Int32.max)
    }
}

@Suite struct NetworkFileSystemTests {
    @Test func localFileSystemsAreNotNetwork() throws {
        let folder = TemporaryFolder("fs")
        #expect(!isNetworkFileSystem(folder.path))
        #expect(!isNetworkFileSystem("/proc"))
        #expect(NetworkFileSystem.fileSystemMagic(path: "/proc") == 0x9FA0)
        #expect(NetworkFileSystem.fileSystemMagic(path: "/nonexistent/nianbao") == nil)
        #expect(NetworkFileSystem.known[0x6969] == "nfs")
        #expect(NetworkFileSystem.known[0xFF53_4D42] == "cifs")
    }
}
