import Foundation
import Glibc
import Testing
@testable import NianbaoFiles

@Suite struct SafeFileReaderTests {
    let folder = TemporaryFolder("reader")
    var reader: SafeFileReader { SafeFileReader(dropRoot: folder.path, sizeLimit: 1 << 20) }

    func failure(_ relative: RelativePath, limit: Int64 = 1 << 20) -> FileReadFailure? {
        do {
            _ = try SafeFileReader(dropRoot: folder.path, sizeLimit: limit).read(relative)
            return nil
        } catch {
            return error
        }
    }

    @Test func regularFileHasExactSizeTimeAndSHA256() throws {
        folder.makeFolder("agency-a")
        folder.write("agency-a/2023.txt", "hello\n")
        let snapshot = try reader.read(path("agency-a/2023.txt"))
        #expect(snapshot.bytes == Array("hello\n".utf8))
        #expect(snapshot.size == 6)
        #expect(snapshot.sha256Hex == "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03")
        #expect(snapshot.relativePath == "agency-a/2023.txt")
        var info = stat()
        #expect(stat(folder.absolute("agency-a/2023.txt"), &info) == 0)
        #expect(snapshot.inode == UInt64(info.st_ino))
        #expect(snapshot.device == UInt64(info.st_dev))
        #expect(snapshot.mtime == FileTime(seconds: Int64(info.st_mtim.tv_sec), nanoseconds: Int32(info.st_mtim.tv_nsec)))
    }

    @Test func readingLeavesTheAccessTimeAlone() throws {
        folder.write("2023.txt", "report")
        var times = [timespec(tv_sec: 946_684_800, tv_nsec: 0), timespec(tv_sec: 946_684_800, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, folder.absolute("2023.txt"), &times, 0) == 0)
        _ = try reader.read(path("2023.txt"))
        var info = stat()
        stat(folder.absolute("2023.txt"), &info)
        #expect(info.st_atim.tv_sec == 946_684_800)
    }

    @Test func emptyFile() throws {
        folder.write("empty.txt", "")
        let snapshot = try reader.read(path("empty.txt"))
        #expect(snapshot.size == 0)
        #expect(snapshot.sha256Hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func symlinkToPasswdIsRefusedNotRead() {
        symlink("/etc/passwd", folder.absolute("passwd"))
        let error = failure(path("passwd"))
        #expect(error?.reason == .symlink)
        #expect(error?.code == "symlink")
        #expect(error?.messageZH.contains("文件是符号链接，不会被读取；请直接上传文件本身") == true)
        #expect(error?.messageEN.contains("symbolic link and is never followed; upload the file itself") == true)
    }

    @Test func symlinkLoopIsRefused() {
        symlink("b", folder.absolute("a"))
        symlink("a", folder.absolute("b"))
        #expect(failure(path("a"))?.reason == .symlink)
        symlink("self", folder.absolute("self"))
        #expect(failure(path("self"))?.reason == .symlink)
    }

    @Test func symlinkedFolderOnThePathIsNotFollowed() {
        symlink("/etc", folder.absolute("etc"))
        let error = failure(path("etc/passwd"))
        #expect(error?.reason == .symlink)
        #expect(error?.failedAt == path("etc"))
        #expect(error?.messageEN.contains("folder “etc”") == true)
    }

    @Test func fileUsedAsFolderOnThePath() {
        folder.write("file", "x")
        let error = failure(path("file/inside"))
        #expect(error?.reason == .notADirectory)
        #expect(error?.failedAt == path("file"))
    }

    @Test func directoryIsRefused() {
        folder.makeFolder("agency-a/sub")
        #expect(failure(path("agency-a/sub"))?.reason == .directory)
    }

    @Test func fifoIsRefusedWithoutBlocking() {
        #expect(mkfifo(folder.absolute("pipe"), 0o644) == 0)
        let started = ContinuousClock.now
        let error = failure(path("pipe"))
        #expect(error?.reason == .fifo)
        #expect(ContinuousClock.now - started < .seconds(1))
    }

    @Test func fifoOpenedDirectlyDoesNotBlock() {
        // Even the open itself (used after the lstat check) must not block on a FIFO without writer.
        #expect(mkfifo(folder.absolute("pipe2"), 0o644) == 0)
        let fd = open(folder.absolute("pipe2"), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        #expect(fd >= 0)
        close(fd)
    }

    @Test func unixSocketIsRefused() throws {
        let socketPath = folder.absolute("sock")
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(socketPath.utf8)
        try #require(bytes.count < MemoryLayout.size(ofValue: address.sun_path))
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        #expect(failure(path("sock"))?.reason == .socket)
    }

    @Test(.enabled(if: getuid() == 0, "mknod needs root"))
    func deviceNodesAreRefusedWithoutBeingOpened() {
        // /dev/null's numbers (1,3) and loop0's (7,0): never opened, refused from lstat alone.
        guard mknod(folder.absolute("null"), S_IFCHR | 0o666, deviceNumber(1, 3)) == 0,
              mknod(folder.absolute("loop"), S_IFBLK | 0o600, deviceNumber(7, 0)) == 0 else {
            print("mknod not permitted here (errno \(errno)): device cases not exercised")
            return
        }
        #expect(failure(path("null"))?.reason == .characterDevice)
        #expect(failure(path("loop"))?.reason == .blockDevice)
    }

    /// glibc's makedev() is a macro Swift does not import.
    func deviceNumber(_ major: UInt64, _ minor: UInt64) -> dev_t {
        dev_t((major & 0xFFF) << 8 | (major & ~0xFFF) << 32 | (minor & 0xFF) | (minor & ~0xFF) << 12)
    }

    @Test func missingFileAndMissingFolder() {
        #expect(failure(path("nothing.txt"))?.reason == .missing)
        let error = failure(path("no-agency/2023.txt"))
        #expect(error?.reason == .missing)
        #expect(error?.failedAt == path("no-agency"))
    }

    @Test func rootIsNotAFile() {
        #expect(failure(.root)?.reason == .invalidPath)
    }

    @Test func missingDropFolder() {
        let reader = SafeFileReader(dropRoot: folder.absolute("does-not-exist"), sizeLimit: 10)
        #expect(throws: FileReadFailure.self) { try reader.read(path("x")) }
        do {
            _ = try reader.read(path("x"))
        } catch {
            #expect(error.reason == .dropFolderUnavailable(errno: ENOENT))
            #expect(error.messageEN.contains("ENOENT"))
        }
    }

    @Test(.enabled(if: getuid() == 0, "describes root's behaviour"))
    func modeZeroFileIsReadableByRoot() throws {
        // Root bypasses permission bits (CAP_DAC_OVERRIDE): this is the real behaviour, not EACCES.
        folder.write("locked.txt", "secret")
        chmod(folder.absolute("locked.txt"), 0o000)
        #expect(try reader.read(path("locked.txt")).bytes == Array("secret".utf8))
    }

    @Test(.enabled(if: getuid() == 0, "needs root to switch the file-system uid"))
    func permissionDeniedForAnotherUser() {
        // setfsuid() is per thread: this synchronous test drops to uid 65534 (nobody) for its
        // file accesses only, which also drops CAP_DAC_OVERRIDE for them, so EACCES is real.
        folder.makeFolder("agency-a")
        folder.write("agency-a/locked.txt", "secret")
        chmod(folder.absolute("agency-a/locked.txt"), 0o000)
        folder.makeFolder("closed")
        folder.write("closed/inside.txt", "x")
        chmod(folder.absolute("closed"), 0o700)
        folder.write("open.txt", "ok")

        setFileSystemUID(65534)
        let locked = failure(path("agency-a/locked.txt"))
        let closed = failure(path("closed/inside.txt"))
        let readable = try? reader.read(path("open.txt"))
        setFileSystemUID(0)

        #expect(locked?.reason == .permissionDenied)
        #expect(locked?.messageZH.contains("没有读取权限") == true)
        #expect(closed?.reason == .permissionDenied)
        #expect(closed?.failedAt == path("closed"))
        #expect(readable?.bytes == Array("ok".utf8))
    }

    @Test func sizeLimit() throws {
        folder.write("ten.txt", String(repeating: "x", count: 10))
        folder.write("eleven.txt", String(repeating: "x", count: 11))
        #expect(try SafeFileReader(dropRoot: folder.path, sizeLimit: 10).read(path("ten.txt")).size == 10)
        let error = failure(path("eleven.txt"), limit: 10)
        #expect(error?.reason == .tooLarge(size: 11, limit: 10))
        #expect(error?.messageEN.contains("limit 10 bytes") == true)
    }

    @Test func boundedReadStopsAtLimitPlusOneWhenTheFileGrew() throws {
        // fstat said 10 bytes, but 5000 are there by the time it is read: stop after limit + 1.
        folder.write("grown.txt", String(repeating: "y", count: 5000))
        let fd = open(folder.absolute("grown.txt"), O_RDONLY)
        defer { close(fd) }
        #expect(SafeFileReader.readBounded(fd: fd, sizeHint: 10, limit: 1000) == .tooLarge(atLeast: 1001))
        #expect(lseek(fd, 0, SEEK_CUR) == 1001)
        lseek(fd, 0, SEEK_SET)
        guard case .complete(let all) = SafeFileReader.readBounded(fd: fd, sizeHint: 10, limit: 5000) else {
            Issue.record("expected the whole file")
            return
        }
        #expect(all.count == 5000)
    }

    @Test func awkwardNames() throws {
        let names: [[UInt8]] = [
            Array("line\nbreak.txt".utf8),
            Array("tab\tbell\u{07}esc\u{1B}.txt".utf8),
            [0x66, 0xFF, 0xFE, 0x2E, 0x74, 0x78, 0x74],      // f\xFF\xFE.txt: invalid UTF-8
            [0xE5, 0xB9, 0xB4, 0xE6, 0x8A, 0xA5],              // 年报
            Array(repeating: 0x61, count: 251) + Array(".txt".utf8),  // 255 bytes: NAME_MAX
            Array("back\\slash".utf8),
        ]
        for (index, name) in names.enumerated() {
            #expect(writeFile(bytes: pathBytes(folder.path, name), Array("content \(index)".utf8)), "create \(name)")
            let relative = try #require(RelativePath(bytes: name))
            let snapshot = try reader.read(relative)
            #expect(snapshot.bytes == Array("content \(index)".utf8))
            #expect(snapshot.path.bytes == name)
            #expect(!snapshot.relativePath.contains("\n"))
            #expect(RelativePath(display: snapshot.relativePath) == relative)
        }
        #expect(RelativePath(bytes: names[0])!.display == "line\\x0Abreak.txt")
        #expect(RelativePath(bytes: names[2])!.display == "f\\xFF\\xFE.txt")
        #expect(RelativePath(bytes: names[3])!.display == "年报")
        #expect(RelativePath(bytes: names[5])!.display == "back\\\\slash")
    }
}
