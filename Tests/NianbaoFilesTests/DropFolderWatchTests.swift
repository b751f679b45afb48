import Foundation
import Glibc
import Testing
@testable import NianbaoFiles

/// Real inotify on real folders under /tmp.
@Suite struct DropFolderWatchTests {
    let drop = TemporaryFolder("drop")

    func makeWatch() throws -> DropFolderWatch {
        try DropFolderWatch(dropRoot: drop.path)
    }

    func completed(_ events: [DropEvent]) -> [String] {
        events.compactMap { if case .fileCompleted(let path) = $0 { path.display } else { nil } }
    }

    @Test func renameIntoPlaceGivesOneFileCompleted() throws {
        let staging = drop.absolute("../" + (drop.path as NSString).lastPathComponent + "-staging")
        mkdir(staging, 0o755)
        defer { _ = run("/bin/rm", ["-rf", staging]) }
        writeFile(staging + "/2023.txt", Array("report".utf8))
        drop.makeFolder("agency-a")
        let watch = try makeWatch()
        #expect(rename(staging + "/2023.txt", drop.absolute("agency-a/2023.txt")) == 0)
        let events = collect(watch) { !$0.isEmpty }
        #expect(events == [.fileCompleted(path("agency-a/2023.txt"))])
    }

    @Test func slowWriterGivesExactlyOneEventAfterClose() throws {
        let watch = try makeWatch()
        let fd = open(drop.absolute("slow.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        for chunk in ["first ", "second ", "third"] {
            _ = chunk.withCString { Glibc.write(fd, $0, strlen($0)) }
            #expect(watch.waitForEvents(timeout: .milliseconds(250)).isEmpty)
        }
        close(fd)
        let events = collect(watch) { !$0.isEmpty }
        #expect(events == [.fileCompleted(path("slow.txt"))])
        let snapshot = try SafeFileReader(dropRoot: drop.path, sizeLimit: 100).read(path("slow.txt"))
        #expect(snapshot.bytes == Array("first second third".utf8))
    }

    @Test func rewriteInPlace() throws {
        drop.write("2023.txt", "old")
        let watch = try makeWatch()
        drop.write("2023.txt", "new content")
        let events = collect(watch) { !$0.isEmpty }
        #expect(events == [.fileCompleted(path("2023.txt"))])
    }

    @Test func temporaryNameThenRename() throws {
        drop.makeFolder("agency-a")
        let watch = try makeWatch()
        drop.write("agency-a/2023.docx.part", "uploading")
        #expect(rename(drop.absolute("agency-a/2023.docx.part"), drop.absolute("agency-a/2023.docx")) == 0)
        let events = collect(watch) { $0.count >= 3 }
        // The temporary name leaves (IN_MOVED_FROM) as the final name arrives (IN_MOVED_TO).
        #expect(events == [.fileCompleted(path("agency-a/2023.docx.part")), .fileGone(path("agency-a/2023.docx.part")),
                           .fileCompleted(path("agency-a/2023.docx"))])
        #expect(relevant(events) == [.fileCompleted(path("agency-a/2023.docx"))])
    }

    @Test func newAgencyFolderWithFilesCreatedBeforeItsWatch() throws {
        let watch = try makeWatch()
        // Created quickly, before the watch can possibly see the folder.
        drop.makeFolder("agency-new/sub")
        drop.write("agency-new/2023.txt", "a")
        drop.write("agency-new/sub/2022.txt", "b")
        let events = collect(watch) { $0.contains(.directoryAppeared(path("agency-new"))) }
        #expect(events.first == .directoryAppeared(path("agency-new")))
        // The caller's scan after directoryAppeared finds everything.
        let scanned = try DropFolderScanner(dropRoot: drop.path).scan(path("agency-new"))
        #expect(Set(scanned.regularFiles.map(\.relativePath)) == ["agency-new/2023.txt", "agency-new/sub/2022.txt"])
        // And the sub-folder that existed before its watch is watched now.
        #expect(watch.watchedFolders.contains(path("agency-new/sub")))
        drop.write("agency-new/sub/later.txt", "c")
        let later = collect(watch) { completed($0).contains("agency-new/sub/later.txt") }
        #expect(completed(later).filter { $0 == "agency-new/sub/later.txt" }.count == 1)
    }

    @Test func nestedFoldersCreatedAtOnce() throws {
        let watch = try makeWatch()
        drop.makeFolder("a/b/c/d")
        _ = collect(watch) { $0.contains(.directoryAppeared(path("a"))) }
        #expect(Set(watch.watchedFolders).isSuperset(of: [path("a"), path("a/b"), path("a/b/c"), path("a/b/c/d")]))
        drop.write("a/b/c/d/x.txt", "x")
        let events = collect(watch) { completed($0).contains("a/b/c/d/x.txt") }
        #expect(completed(events) == ["a/b/c/d/x.txt"])
    }

    @Test func folderMovedInFromOutside() throws {
        let outside = TemporaryFolder("outside")
        outside.makeFolder("agency-b/sub")
        outside.write("agency-b/2023.txt", "1")
        outside.write("agency-b/sub/2022.txt", "2")
        let watch = try makeWatch()
        #expect(rename(outside.absolute("agency-b"), drop.absolute("agency-b")) == 0)
        let events = collect(watch) { !$0.isEmpty }
        #expect(events == [.directoryAppeared(path("agency-b"))])
        let scanned = try DropFolderScanner(dropRoot: drop.path).scan(path("agency-b"))
        #expect(Set(scanned.regularFiles.map(\.relativePath)) == ["agency-b/2023.txt", "agency-b/sub/2022.txt"])
        drop.write("agency-b/sub/new.txt", "3")
        let later = collect(watch) { !$0.isEmpty }
        #expect(later == [.fileCompleted(path("agency-b/sub/new.txt"))])
    }

    @Test func folderRenamedInsideTheTree() throws {
        drop.makeFolder("agency-old/sub")
        drop.makeFolder("archive")
        let watch = try makeWatch()
        #expect(rename(drop.absolute("agency-old"), drop.absolute("archive/agency-new")) == 0)
        let events = collect(watch) { $0.count >= 2 }
        #expect(events == [.directoryGone(path("agency-old")), .directoryAppeared(path("archive/agency-new"))])
        drop.write("archive/agency-new/2023.txt", "x")
        drop.write("archive/agency-new/sub/2022.txt", "y")
        let later = collect(watch) { $0.count >= 2 }
        #expect(later == [.fileCompleted(path("archive/agency-new/2023.txt")),
                          .fileCompleted(path("archive/agency-new/sub/2022.txt"))])
        #expect(!watch.watchedFolders.contains { $0.isWithin(path("agency-old")) })
        #expect(watch.watchedFolders.contains(path("archive/agency-new/sub")))
    }

    @Test func folderRenamedOverAnEmptyFolder() throws {
        drop.makeFolder("a")
        drop.makeFolder("b")
        let watch = try makeWatch()
        #expect(rename(drop.absolute("a"), drop.absolute("b")) == 0)
        let events = collect(watch) { $0.count >= 2 }
        #expect(events == [.directoryGone(path("a")), .directoryAppeared(path("b"))])
        drop.write("b/x.txt", "x")
        #expect(collect(watch) { !$0.isEmpty } == [.fileCompleted(path("b/x.txt"))])
        #expect(watch.watchedFolders == [.root, path("b")])
    }

    @Test func folderDeleted() throws {
        drop.makeFolder("agency-a/sub")
        drop.write("agency-a/sub/x.txt", "x")
        let watch = try makeWatch()
        #expect(run("/bin/rm", ["-rf", drop.absolute("agency-a")]) == 0)
        let events = collect(watch) { $0.contains(.directoryGone(path("agency-a"))) }
        #expect(events == [.fileGone(path("agency-a/sub/x.txt")), .directoryGone(path("agency-a/sub")), .directoryGone(path("agency-a"))])
        #expect(watch.watchedFolders == [.root])
    }

    @Test func folderMovedOutStopsBeingWatched() throws {
        let outside = TemporaryFolder("outside")
        drop.makeFolder("agency-a/sub")
        let watch = try makeWatch()
        #expect(rename(drop.absolute("agency-a"), outside.absolute("agency-a")) == 0)
        let events = collect(watch) { !$0.isEmpty }
        #expect(events == [.directoryGone(path("agency-a"))])
        #expect(watch.watchedFolders == [.root])
        outside.write("agency-a/sub/x.txt", "not ours")
        #expect(quiet(watch).isEmpty)
    }

    @Test func movedOutAndReplacedByANewFolderOfTheSameName() throws {
        let outside = TemporaryFolder("outside")
        drop.makeFolder("agency-a")
        let watch = try makeWatch()
        #expect(rename(drop.absolute("agency-a"), outside.absolute("agency-a")) == 0)
        drop.makeFolder("agency-a")
        let events = collect(watch) { $0.count >= 2 }
        #expect(events == [.directoryGone(path("agency-a")), .directoryAppeared(path("agency-a"))])
        drop.write("agency-a/2023.txt", "x")
        outside.write("agency-a/other.txt", "y")
        #expect(collect(watch) { !$0.isEmpty } == [.fileCompleted(path("agency-a/2023.txt"))])
    }

    @Test func symlinkedFolderIsNotWatched() throws {
        let outside = TemporaryFolder("outside")
        symlink(outside.path, drop.absolute("link"))
        let watch = try makeWatch()
        #expect(watch.watchedFolders == [.root])
        symlink(outside.path, drop.absolute("link2"))
        outside.write("x.txt", "x")
        // The new link itself is reported (so it gets its NB101 verdict); nothing behind it is.
        #expect(quiet(watch) == [.fileCompleted(RelativePath("link2")!)])
        #expect(watch.watchedFolders == [.root])
    }

    @Test func awkwardNamesArriveAsBytes() throws {
        let watch = try makeWatch()
        let name: [UInt8] = [0x0A, 0xFF, 0x2E, 0x74, 0x78, 0x74]
        #expect(writeFile(bytes: pathBytes(drop.path, name), [1, 2, 3]))
        let events = collect(watch) { !$0.isEmpty }
        #expect(events == [.fileCompleted(RelativePath(bytes: name)!)])
        #expect(events.first?.description == "fileCompleted(\\x0A\\xFF.txt)")
    }

    @Test func dropFolderDeleted() throws {
        let watch = try makeWatch()
        #expect(rmdir(drop.path) == 0)
        let events = collect(watch) { !$0.isEmpty }
        #expect(events == [.dropFolderGone])
        #expect(watch.isFinished)
        #expect(watch.waitForEvents(timeout: .milliseconds(20)).isEmpty)
    }

    @Test func dropFolderMovedAway() throws {
        drop.makeFolder("agency-a")
        let watch = try makeWatch()
        let moved = drop.path + "-moved"
        #expect(rename(drop.path, moved) == 0)
        defer { _ = run("/bin/rm", ["-rf", moved]) }
        let events = collect(watch) { !$0.isEmpty }
        #expect(events == [.dropFolderGone])
        writeFile(moved + "/agency-a/x.txt", [1])
        #expect(quiet(watch).isEmpty)
    }

    @Test func startErrors() {
        #expect { try DropFolderWatch(dropRoot: drop.absolute("missing")) } throws: {
            ($0 as? WatchFailure)?.reason == .dropFolderMissing
        }
        drop.write("file", "x")
        #expect { try DropFolderWatch(dropRoot: drop.absolute("file")) } throws: {
            ($0 as? WatchFailure)?.reason == .notADirectory
        }
    }

    @Test func depthLimitMatchesTheScanner() throws {
        drop.makeFolder("1/2/3")
        let watch = try DropFolderWatch(dropRoot: drop.path, maxDepth: 2)
        #expect(watch.watchedFolders == [.root, path("1")])
        drop.write("1/2/x.txt", "x")     // depth 3: not seen by the watch, nor listed by the scanner
        drop.write("1/y.txt", "y")
        #expect(collect(watch) { !$0.isEmpty } == [.fileCompleted(path("1/y.txt"))])
    }

    @Test func queueOverflowIsDeliveredAndWatchesResynchronised() throws {
        let limitText = (try? String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8)) ?? "16384"
        let queueSize = Int(limitText.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 16384
        // On tmpfs: inotify works the same, and creating 16k files is quick there.
        let drop = TemporaryFolder("overflow", inMemory: true)
        drop.makeFolder("burst")
        let watch = try DropFolderWatch(dropRoot: drop.path)
        // Do not read; every file is IN_CREATE + IN_CLOSE_WRITE, so this is twice the queue.
        let folderFD = open(drop.absolute("burst"), O_RDONLY | O_DIRECTORY)
        for index in 0...queueSize {
            close(openat(folderFD, "f\(index)", O_WRONLY | O_CREAT | O_CLOEXEC, 0o644))
        }
        close(folderFD)
        // A folder created after the overflow point: only the resynchronisation can watch it.
        drop.makeFolder("burst/late")
        let events = collect(watch) { $0.contains(.overflow) }
        #expect(events.contains(.overflow))
        #expect(events.filter { $0 == .overflow }.count == 1)
        #expect(watch.watchedFolders.contains(path("burst/late")))
        drop.write("burst/late/after.txt", "z")
        let later = collect(watch) { completed($0).contains("burst/late/after.txt") }
        #expect(completed(later).contains("burst/late/after.txt"))
    }
}
