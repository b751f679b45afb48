import Foundation
import Glibc
import Testing
@testable import NianbaoFiles

@Suite struct DropFolderScannerTests {
    let folder = TemporaryFolder("scan")

    @Test func symlinksAreListedAsSymlinksAndNeverDescended() throws {
        let outside = TemporaryFolder("outside")
        outside.write("secret.txt", "do not list me")
        outside.makeFolder("deeper")
        outside.write("deeper/also-secret.txt", "no")

        folder.makeFolder("agency-a/sub")
        folder.write("agency-a/2023.txt", "a")
        folder.write("agency-a/sub/2022.txt", "bb")
        folder.write("root-file.txt", "ccc")
        folder.write(".hidden", "h")
        symlink(outside.path, folder.absolute("agency-a/link-to-outside"))
        symlink("/etc/passwd", folder.absolute("passwd-link"))
        symlink("loop", folder.absolute("loop"))
        mkfifo(folder.absolute("agency-a/pipe"), 0o644)

        let result = try DropFolderScanner(dropRoot: folder.path).scan()
        let kinds = Dictionary(uniqueKeysWithValues: result.entries.map { ($0.relativePath, $0.kind) })
        #expect(kinds == [
            ".hidden": .regular,
            "agency-a": .directory,
            "agency-a/2023.txt": .regular,
            "agency-a/link-to-outside": .symlink,
            "agency-a/pipe": .fifo,
            "agency-a/sub": .directory,
            "agency-a/sub/2022.txt": .regular,
            "loop": .symlink,
            "passwd-link": .symlink,
            "root-file.txt": .regular,
        ])
        #expect(!result.entries.contains { $0.relativePath.contains("secret") })
        #expect(result.problems.isEmpty)
        // Depth-first, names sorted by bytes within each folder.
        #expect(result.entries.map(\.relativePath) == [
            ".hidden", "agency-a", "agency-a/2023.txt", "agency-a/link-to-outside", "agency-a/pipe",
            "agency-a/sub", "agency-a/sub/2022.txt", "loop", "passwd-link", "root-file.txt",
        ])
        let file = try #require(result.entries.first { $0.relativePath == "agency-a/sub/2022.txt" })
        #expect(file.size == 2)
        var info = stat()
        stat(folder.absolute("agency-a/sub/2022.txt"), &info)
        #expect(file.inode == UInt64(info.st_ino))
        #expect(file.mtime == FileTime(seconds: Int64(info.st_mtim.tv_sec), nanoseconds: Int32(info.st_mtim.tv_nsec)))
        #expect(result.regularFiles.count == 4)
    }

    @Test func scanningASubFolder() throws {
        folder.makeFolder("agency-b/x")
        folder.write("agency-b/x/1.txt", "1")
        folder.write("other.txt", "o")
        let result = try DropFolderScanner(dropRoot: folder.path).scan(path("agency-b"))
        #expect(result.entries.map(\.relativePath) == ["agency-b/x", "agency-b/x/1.txt"])
    }

    @Test func scanningThroughASymlinkOrAMissingFolderFails() {
        let outside = TemporaryFolder("outside")
        symlink(outside.path, folder.absolute("link"))
        let scanner = DropFolderScanner(dropRoot: folder.path)
        #expect { try scanner.scan(path("link")) } throws: { ($0 as? ScanFailure)?.reason == .symlink }
        #expect { try scanner.scan(path("gone")) } throws: { ($0 as? ScanFailure)?.reason == .missing }
        let missingRoot = DropFolderScanner(dropRoot: folder.absolute("nope"))
        #expect { try missingRoot.scan() } throws: {
            ($0 as? ScanFailure)?.reason == .dropFolderUnavailable(errno: ENOENT)
        }
    }

    @Test func depthIsBounded() throws {
        folder.makeFolder("1/2/3/4/5")
        folder.write("1/2/3/4/5/deep.txt", "d")
        folder.write("1/2/3/ok.txt", "k")
        let result = try DropFolderScanner(dropRoot: folder.path, maxDepth: 4).scan()
        #expect(result.entries.map(\.relativePath) == ["1", "1/2", "1/2/3", "1/2/3/4", "1/2/3/ok.txt"])
        #expect(result.problems == [ScanProblem(path: path("1/2/3/4"), reason: .tooDeep(maxDepth: 4))])
        #expect(result.problems[0].messageEN.contains("deeper than 4 levels"))
    }

    @Test func pathsLongerThanPathMaxAreWalked() throws {
        // 30 levels of 200-byte names (> 6000 bytes, beyond PATH_MAX), built with mkdirat/openat:
        // the walk only ever uses names relative to an open folder.
        let longName = String(repeating: "n", count: 200)
        var fd = open(folder.path, O_RDONLY | O_DIRECTORY)
        for _ in 0..<30 {
            mkdirat(fd, longName, 0o755)
            let next = openat(fd, longName, O_RDONLY | O_DIRECTORY)
            close(fd)
            fd = next
        }
        let file = openat(fd, "bottom.txt", O_WRONLY | O_CREAT, 0o644)
        close(file)
        close(fd)
        let result = try DropFolderScanner(dropRoot: folder.path).scan()
        #expect(result.entries.count == 31)
        #expect(result.entries.last?.path.depth == 31)
        #expect(result.entries.last?.kind == .regular)
        #expect(result.problems.isEmpty)
        let snapshot = try SafeFileReader(dropRoot: folder.path, sizeLimit: 10).read(result.entries.last!.path)
        #expect(snapshot.size == 0)
    }

    @Test func awkwardNamesAreListedWithTheirBytes() throws {
        let names: [[UInt8]] = [Array("a\nb".utf8), [0xC3, 0x28], [0x01, 0x7F], Array(repeating: 0x7A, count: 255)]
        for name in names { #expect(writeFile(bytes: pathBytes(folder.path, name), [1])) }
        let result = try DropFolderScanner(dropRoot: folder.path).scan()
        #expect(Set(result.entries.map(\.path.bytes)) == Set(names))
        #expect(result.entries.allSatisfy { !$0.relativePath.contains("\n") && $0.kind == .regular })
    }

    @Test func oneHundredThousandFilesAreScannedQuickly() throws {
        // Start-up: stat only. 200 folders × 500 files, on tmpfs so that creating them is quick;
        // the scan costs about 0.3 s in a release build and 1-3 s in a debug build.
        let folder = TemporaryFolder("scan100k", inMemory: true)
        let rootFD = open(folder.path, O_RDONLY | O_DIRECTORY)
        defer { close(rootFD) }
        for folderIndex in 0..<200 {
            let name = "agency-\(folderIndex)"
            mkdirat(rootFD, name, 0o755)
            let folderFD = openat(rootFD, name, O_RDONLY | O_DIRECTORY)
            for fileIndex in 0..<500 {
                let fd = openat(folderFD, "report-\(fileIndex).txt", O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
                close(fd)
            }
            close(folderFD)
        }
        let clock = ContinuousClock()
        let started = clock.now
        let result = try DropFolderScanner(dropRoot: folder.path).scan()
        let elapsed = clock.now - started
        print("scanned \(result.entries.count) entries in \(elapsed)")
        #expect(result.entries.count == 100_200)
        #expect(result.regularFiles.count == 100_000)
        #expect(elapsed < .seconds(10))
    }
}
