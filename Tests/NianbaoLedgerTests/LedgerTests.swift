import Foundation
import GRDB
import Testing
@testable import NianbaoLedger

@Suite struct LedgerRecordingTests {
    @Test func roundTripOfAllColumns() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let ledger = try Ledger(path: folder.ledgerPath)
        #expect(FileManager.default.fileExists(atPath: folder.ledgerPath))

        let full = JudgementRecord(
            path: "agency-a/2023 年度报告.docx",
            agency: "agency-a",
            size: 9_876_543_210,
            mtimeNanoseconds: -1_234_567_890_123,  // before 1970: still an Int64
            sha256: sha(42, salt: 7),
            verdict: "accepted_with_warnings",
            codes: ["NB501", "NB507"],
            errors: 0,
            warnings: 2,
            year: 2023,
            findingsJSON: #"[{"code":"NB501","message":"正文称共受理申请2件，表三本年新收为3件"}]"#,
            figuresJSON: #"{"table2":{"rules":{"issued":0,"repealed":null,"in_force":4}}}"#,
            tablesDigest: sha(99),
            carriedForwardTotal: 17,
            rulesInForce: 4,
            normativeInForce: 12,
            arrivedAtUnixMs: 1_768_896_900_001,
            judgedAtUnixMs: 1_768_896_902_002
        )
        let sparse = JudgementRecord(
            path: "loose.txt", agency: nil, size: 0, mtimeNanoseconds: 0, sha256: sha(0),
            verdict: "unreadable", codes: ["NB101"], errors: 1, warnings: 0, year: nil,
            findingsJSON: "[]", figuresJSON: "{}", arrivedAtUnixMs: 1, judgedAtUnixMs: 2)
        try ledger.record([full, sparse])

        #expect(try ledger.current(path: full.path) == full)
        #expect(try ledger.current(path: sparse.path) == sparse)
        #expect(try ledger.current(path: "agency-a/other.docx") == nil)

        #expect(try ledger.hasJudged(path: full.path, fingerprint: full.fingerprint))
        var touched = full.fingerprint
        touched.mtimeNanoseconds += 1
        #expect(try !ledger.hasJudged(path: full.path, fingerprint: touched))
        var grown = full.fingerprint
        grown.size += 1
        #expect(try !ledger.hasJudged(path: full.path, fingerprint: grown))
        var edited = full.fingerprint
        edited.sha256 = sha(43, salt: 7)
        #expect(try !ledger.hasJudged(path: full.path, fingerprint: edited))
        #expect(try !ledger.hasJudged(path: "elsewhere.docx", fingerprint: full.fingerprint))

        #expect(try ledger.currentFingerprints() == [
            full.path: full.fingerprint, sparse.path: sparse.fingerprint,
        ])
    }

    @Test func reRecordingAChangedFileMakesTheNewRowCurrent() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let ledger = try Ledger(path: folder.ledgerPath)

        let v1 = sample("agency-a/2023.docx", size: 100, verdict: "rejected", judgedAt: 1000)
        let v2 = sample("agency-a/2023.docx", size: 200, verdict: "accepted", judgedAt: 2000)
        try ledger.record([v1])
        try ledger.record([v2])

        #expect(try ledger.current(path: v1.path) == v2)
        var old = v1
        old.isCurrent = false
        #expect(try ledger.allRows(path: v1.path) == [old, v2])
        #expect(try ledger.currentFingerprints() == [v1.path: v2.fingerprint])
        #expect(try !ledger.hasJudged(path: v1.path, fingerprint: v1.fingerprint))
        #expect(try ledger.hasJudged(path: v1.path, fingerprint: v2.fingerprint))
    }

    @Test func aBatchWithTwoVersionsOfOnePathKeepsTheLast() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let ledger = try Ledger(path: folder.ledgerPath)

        let first = sample("agency-b/2022.pdf", size: 1, verdict: "rejected", judgedAt: 10)
        let other = sample("agency-b/2021.pdf", size: 5, judgedAt: 11)
        let last = sample("agency-b/2022.pdf", size: 2, verdict: "accepted_with_warnings", judgedAt: 12)
        try ledger.record([first, other, last])

        #expect(try ledger.current(path: first.path) == last)
        #expect(try ledger.allRows(path: first.path).map(\.isCurrent) == [false, true])
        #expect(try ledger.verdictCounts() == ["accepted": 1, "accepted_with_warnings": 1])
        #expect(try ledger.rowCount() == 3)
    }

    @Test func verdictCountsCountOnlyCurrentRowsAndFollowRemovals() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let ledger = try Ledger(path: folder.ledgerPath)
        #expect(try ledger.verdictCounts() == [:])

        try ledger.record([
            sample("agency-a/2023.docx", verdict: "accepted"),
            sample("agency-a/2022.docx", verdict: "rejected"),
            sample("agency-ab/2023.docx", verdict: "accepted_with_warnings"),
            sample("root.txt", verdict: "unreadable"),
        ])
        #expect(try ledger.verdictCounts()
            == ["accepted": 1, "rejected": 1, "accepted_with_warnings": 1, "unreadable": 1])

        // The accepted file is replaced by a rejected version: 2 rejected, no accepted.
        try ledger.record([sample("agency-a/2023.docx", size: 99, verdict: "rejected")])
        #expect(try ledger.verdictCounts() == ["rejected": 2, "accepted_with_warnings": 1, "unreadable": 1])
        #expect(try ledger.verdictCounts() == ledger.verdictCountsByScan())

        #expect(try ledger.markRemoved(paths: ["root.txt", "never-seen.txt"]) == 1)
        #expect(try ledger.verdictCounts() == ["rejected": 2, "accepted_with_warnings": 1])
        #expect(try ledger.current(path: "root.txt") == nil)

        // Removing the folder "agency-a" must not touch "agency-ab".
        #expect(try ledger.markRemoved(folder: "agency-a") == 2)
        #expect(try ledger.verdictCounts() == ["accepted_with_warnings": 1])
        #expect(try ledger.currentFingerprints().keys.sorted() == ["agency-ab/2023.docx"])
        #expect(try ledger.verdictCounts() == ledger.verdictCountsByScan())
        #expect(try ledger.rowCount() == 5)  // history is kept

        // A removed file that comes back is judged again and counts again.
        let back = sample("root.txt", verdict: "unreadable")
        #expect(try !ledger.hasJudged(path: back.path, fingerprint: back.fingerprint))
        try ledger.record([back])
        #expect(try ledger.verdictCounts() == ["accepted_with_warnings": 1, "unreadable": 1])
    }

    @Test func anEmptyBatchIsANoOp() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let ledger = try Ledger(path: folder.ledgerPath)
        try ledger.record([])
        #expect(try ledger.rowCount() == 0)
    }
}

@Suite struct LedgerPersistenceTests {
    @Test func aNewInstanceSeesEverythingAndTheDatabaseIsInWALMode() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let a = sample("agency-a/2023.docx", verdict: "rejected", tablesDigest: sha(5), carriedForward: 3)
        let b = sample("agency-b/2023.docx", verdict: "accepted")
        do {
            let ledger = try Ledger(path: folder.ledgerPath)
            try ledger.record([a, b])
            try ledger.record([sample("agency-b/2023.docx", size: 7, verdict: "accepted_with_warnings")])
            let modes = try ledger.pool.writeWithoutTransaction { db in
                (try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                 try Int.fetchOne(db, sql: "PRAGMA synchronous"))
            }
            #expect(modes.0 == "wal")
            #expect(modes.1 == 1)  // NORMAL
            try ledger.close()
        }

        let reopened = try Ledger(path: folder.ledgerPath)
        #expect(try reopened.current(path: a.path) == a)
        #expect(try reopened.current(path: b.path)?.size == 7)
        #expect(try reopened.verdictCounts() == ["rejected": 1, "accepted_with_warnings": 1])
        #expect(try reopened.rowCount() == 3)
        #expect(try reopened.integrityCheck())
        let mode = try reopened.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")  // persistent: set once, stays
        let migrations = try reopened.pool.read { db in try LedgerSchema.migrator.appliedIdentifiers(db) }
        #expect(migrations == ["v1", LedgerSchema.receiptsMigration, LedgerSchema.removedFilesMigration])
    }

    /// A process crash (kill -9) leaves the main file and the WAL as they are on disk. Copy
    /// them while the ledger is still open (never closed, never explicitly checkpointed) and
    /// open the copy: every committed batch is there.
    @Test func committedBatchesSurviveAProcessCrash() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let ledger = try Ledger(path: folder.ledgerPath)
        let records = (0..<500).map { sample("agency-\($0 % 7)/\($0).docx", verdict: $0 % 3 == 0 ? "rejected" : "accepted") }
        try ledger.record(records)

        let walSize = (try? FileManager.default.attributesOfItem(atPath: folder.ledgerPath + "-wal")[.size] as? Int) ?? 0
        #expect(walSize > 0, "the batch should still sit in the WAL")

        let crashed = folder.path + "/crashed/ledger.sqlite"
        try FileManager.default.createDirectory(atPath: folder.path + "/crashed", withIntermediateDirectories: true)
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: folder.ledgerPath + suffix) {
            try FileManager.default.copyItem(atPath: folder.ledgerPath + suffix, toPath: crashed + suffix)
        }
        let recovered = try Ledger(path: crashed)
        #expect(try recovered.rowCount() == 500)
        #expect(try recovered.current(path: records[123].path) == records[123])
        #expect(try recovered.verdictCounts() == ledger.verdictCounts())
        #expect(try recovered.integrityCheck())
        _ = ledger
    }

    @Test func aBatchOfTenThousandInOneCall() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let ledger = try Ledger(path: folder.ledgerPath)
        let verdicts = ["accepted", "accepted_with_warnings", "rejected", "unreadable"]
        let findings = String(repeating: #"{"code":"NB501","severity":"warning","expected":3,"actual":2},"#, count: 10)
        let batch = (0..<10_000).map { i in
            var r = sample("agency-\(i % 500)/\(2015 + i % 10)-\(i).docx", sha256: sha(i), verdict: verdicts[i % 4])
            r.findingsJSON = "[" + findings.dropLast() + "]"
            r.figuresJSON = String(repeating: "0", count: 2000)
            return r
        }
        let clock = ContinuousClock()
        let insert = try clock.measure { try ledger.record(batch) }
        #expect(try ledger.rowCount() == 10_000)
        #expect(try ledger.verdictCounts() == Dictionary(uniqueKeysWithValues: verdicts.map { ($0, 2_500) }))

        // The same 10,000 paths again: each retires a current row as well.
        let again = batch.map { r in var r = r; r.size += 1; r.verdict = "accepted"; return r }
        let update = try clock.measure { try ledger.record(again) }
        #expect(try ledger.rowCount() == 20_000)
        #expect(try ledger.verdictCounts() == ["accepted": 10_000])

        var fingerprints: [String: FileFingerprint] = [:]
        let scan = try clock.measure { fingerprints = try ledger.currentFingerprints() }
        #expect(fingerprints.count == 10_000)
        #expect(fingerprints[again[77].path] == again[77].fingerprint)

        print("""
            [ledger] batch of 10,000 new files (≈3 KB JSON each): \(Int(milliseconds(insert))) ms \
            (\(Int(10_000 / milliseconds(insert) * 1000)) rows/s); 10,000 new versions of known files: \
            \(Int(milliseconds(update))) ms (\(Int(10_000 / milliseconds(update) * 1000)) rows/s); \
            currentFingerprints of 10,000: \(Int(milliseconds(scan))) ms
            """)
    }

    @Test func readersAndAWriterAtTheSameTime() async throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let ledger = try Ledger(path: folder.ledgerPath)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for batch in 0..<20 {
                    try ledger.record((0..<50).map { sample("agency-\(batch)/\($0).docx") })
                }
            }
            for _ in 0..<3 {
                group.addTask {
                    for _ in 0..<50 {
                        let counts = try ledger.verdictCounts()
                        let fingerprints = try ledger.currentFingerprints()
                        #expect((counts["accepted"] ?? 0) % 50 == 0)  // whole batches only
                        #expect(fingerprints.count % 50 == 0)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try ledger.verdictCounts() == ["accepted": 1000])
    }
}

@Suite struct LedgerQueryTests {
    @Test func previousYearReportFindsTheSameAgencysReportForTheYearBefore() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let ledger = try Ledger(path: folder.ledgerPath)

        let a2022 = sample("agency-a/2022.docx", year: 2022, carriedForward: 5, judgedAt: 100)
        let a2022later = sample("agency-a/2022-revised.docx", year: 2022, carriedForward: 6, judgedAt: 300)
        let a2021 = sample("agency-a/2021.docx", year: 2021, judgedAt: 50)
        let b2022 = sample("agency-b/2022.docx", year: 2022, carriedForward: 99, judgedAt: 400)
        let aUnknownYear = sample("agency-a/draft.docx", year: nil, judgedAt: 500)
        try ledger.record([a2022, a2022later, a2021, b2022, aUnknownYear])

        #expect(try ledger.previousYearReport(agency: "agency-a", year: 2023) == a2022later)
        #expect(try ledger.previousYearReport(agency: "agency-a", year: 2022) == a2021)
        #expect(try ledger.previousYearReport(agency: "agency-b", year: 2023) == b2022)
        #expect(try ledger.previousYearReport(agency: "agency-b", year: 2022) == nil)
        #expect(try ledger.previousYearReport(agency: "agency-c", year: 2023) == nil)

        // The revised file is re-judged and now says 2023: it no longer counts for 2022.
        let revisedIs2023 = sample("agency-a/2022-revised.docx", size: 2, year: 2023, judgedAt: 600)
        try ledger.record([revisedIs2023])
        #expect(try ledger.previousYearReport(agency: "agency-a", year: 2023) == a2022)
        #expect(try ledger.previousYearReport(agency: "agency-a", year: 2024) == revisedIs2023)

        // Removed files do not count.
        try ledger.markRemoved(paths: [a2022.path])
        #expect(try ledger.previousYearReport(agency: "agency-a", year: 2023) == nil)
    }

    @Test func duplicatesBySHAAndByTablesDigestExcludeTheSamePath() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let ledger = try Ledger(path: folder.ledgerPath)

        let original = sample("agency-a/2023.docx", sha256: sha(1), tablesDigest: sha(100), judgedAt: 10)
        let copy = sample("agency-b/2023.docx", sha256: sha(1), tablesDigest: sha(100), judgedAt: 20)
        let sameTables = sample("agency-c/2023.pdf", sha256: sha(2), tablesDigest: sha(100), judgedAt: 30)
        let unrelated = sample("agency-d/2023.docx", sha256: sha(3), tablesDigest: sha(300), judgedAt: 40)
        let noTables = sample("agency-e/2023.txt", sha256: sha(4), tablesDigest: nil, judgedAt: 50)
        try ledger.record([original, copy, sameTables, unrelated, noTables])

        // A new file with the same bytes as `original`, judged under agency-f.
        #expect(try ledger.duplicates(sha256: sha(1), tablesDigest: sha(100), excludingPath: "agency-f/2023.docx")
            == [original, copy, sameTables])
        // The same path is never its own duplicate; a row matching both ways comes once.
        #expect(try ledger.duplicates(sha256: sha(1), tablesDigest: sha(100), excludingPath: original.path)
            == [copy, sameTables])
        #expect(try ledger.duplicates(sha256: sha(1), tablesDigest: nil, excludingPath: original.path) == [copy])
        #expect(try ledger.duplicates(sha256: sha(2), tablesDigest: sha(100), excludingPath: sameTables.path)
            == [original, copy])
        #expect(try ledger.duplicates(sha256: sha(4), tablesDigest: nil, excludingPath: noTables.path) == [])
        #expect(try ledger.duplicates(sha256: sha(9), tablesDigest: sha(300), excludingPath: "x").map(\.path)
            == [unrelated.path])
        #expect(try ledger.duplicates(sha256: sha(1), tablesDigest: sha(100), excludingPath: "x", limit: 2)
            == [original, copy])

        // Only current versions count.
        try ledger.record([sample(copy.path, sha256: sha(7), tablesDigest: sha(700), judgedAt: 60)])
        try ledger.markRemoved(paths: [sameTables.path])
        #expect(try ledger.duplicates(sha256: sha(1), tablesDigest: sha(100), excludingPath: "x") == [original])
    }

    /// Every per-file question is one index SEARCH (O(log n)), never a SCAN of the table, and
    /// previousYearReport needs no sort.
    @Test func everyLookupIsAnIndexSearch() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let ledger = try Ledger(path: folder.ledgerPath)

        func plan(_ sql: String, _ arguments: StatementArguments) throws -> [String] {
            try ledger.pool.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] }
            }
        }
        let lookups: [(String, String, StatementArguments, String)] = [
            ("current", Ledger.SQL.currentByPath, ["p"], "judgement_current_path"),
            ("hasJudged", Ledger.SQL.hasJudged, ["p", 1, 2, "s"], "judgement_current_"),
            ("retire", Ledger.SQL.retireCurrent, ["p"], "judgement_current_"),
            ("retire folder", Ledger.SQL.retireRange, ["a/", "a0"], "judgement_current_"),
            ("previousYear", Ledger.SQL.previousYear, ["a", 2022], "judgement_current_agency_year"),
            ("duplicates sha", Ledger.SQL.duplicatesBySHA, ["s", "p", 20], "judgement_current_sha256"),
            ("duplicates digest", Ledger.SQL.duplicatesByTablesDigest, ["d", "p", 20],
             "judgement_current_tables_digest"),
        ]
        for (name, sql, arguments, index) in lookups {
            let details = try plan(sql, arguments)
            let onJudgement = details.filter { $0.contains("judgement") }
            #expect(!onJudgement.isEmpty, "\(name): \(details)")
            #expect(onJudgement.allSatisfy { $0.hasPrefix("SEARCH") }, "\(name): \(details)")
            #expect(details.contains { $0.contains(index) }, "\(name): \(details)")
            if name.hasPrefix("previousYear") || name.hasPrefix("duplicates") {
                #expect(!details.contains { $0.contains("TEMP B-TREE") }, "\(name): \(details)")
            }
        }
        let scan = try plan(Ledger.SQL.fingerprints, [])
        #expect(scan.contains { $0.contains("COVERING INDEX judgement_current_fingerprint") }, "\(scan)")
    }
}

@Suite struct LedgerFailureTests {
    @Test func aGarbageFileIsReportedCorruptSetAsideAndRebuilt() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let path = folder.ledgerPath
        try FileManager.default.createDirectory(atPath: folder.path + "/state", withIntermediateDirectories: true)
        var generator = SystemRandomNumberGenerator()
        let garbage = Data((0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try garbage.write(to: URL(fileURLWithPath: path))

        do {
            _ = try Ledger(path: path)
            Issue.record("a garbage file opened as a ledger")
        } catch {
            #expect(error.kind == .corrupt)
            #expect(error.sqliteCode == 26)  // SQLITE_NOTADB
            #expect(error.description.contains("sets it aside"))
            #expect(error.description.contains("rebuilds"))
        }
        // Companions a crashed process may leave behind go with the main file.
        try Data("stale wal".utf8).write(to: URL(fileURLWithPath: path + "-wal"))
        try Data("stale shm".utf8).write(to: URL(fileURLWithPath: path + "-shm"))

        let when = Date(timeIntervalSince1970: 1_768_896_902)  // 2026-01-20T08:15:02Z
        let setAside = try Ledger.setAsideCorrupt(path: path, now: when)
        #expect(setAside == path + ".corrupt-20260120T081502Z")
        #expect(!FileManager.default.fileExists(atPath: path))
        let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        #expect(walSize == 0, "close() should have checkpointed the WAL into the main file")
        #expect(FileManager.default.contents(atPath: path + ".corrupt-20260120T081502Z") == garbage)
        #expect(!FileManager.default.fileExists(atPath: path + "-shm"))
        #expect(FileManager.default.contents(atPath: path + ".corrupt-20260120T081502Z-wal") == Data("stale wal".utf8))
        #expect(FileManager.default.contents(atPath: path + ".corrupt-20260120T081502Z-shm") == Data("stale shm".utf8))

        let fresh = try Ledger(path: path)
        #expect(try fresh.rowCount() == 0)
        try fresh.record([sample("agency-a/2023.docx")])
        #expect(try fresh.integrityCheck())
        try fresh.close()

        // A second failure within the same second never overwrites the first set-aside file.
        try garbage.write(to: URL(fileURLWithPath: path))
        #expect(try Ledger.setAsideCorrupt(path: path, now: when) == path + ".corrupt-20260120T081502Z-2")
        #expect(try Ledger.setAsideCorrupt(path: path, now: when) == nil)  // nothing left to move
    }

    @Test func aTruncatedLedgerIsDetectedAsCorrupt() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let path = folder.ledgerPath
        do {
            let ledger = try Ledger(path: path)
            let bulky = String(repeating: "表", count: 600)
            try ledger.record((0..<3_000).map { i in
                var r = sample("agency-\(i % 30)/\(i).docx", sha256: sha(i))
                r.figuresJSON = bulky
                return r
            })
            try ledger.close()  // checkpoints the WAL into the main file
        }
        let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        #expect(walSize == 0, "close() should have checkpointed the WAL into the main file")
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(size / 2))
        try handle.close()

        // Page 1 (the schema) survives, so opening may work; the damage shows on the first
        // read of a lost page, or at the latest in integrityCheck.
        var detected = false
        do {
            let ledger = try Ledger(path: path)
            detected = try !ledger.integrityCheck()
            do {
                _ = try ledger.currentFingerprints()
            } catch {
                #expect(error.kind == .corrupt, "\(error)")
            }
            try ledger.close()
        } catch {
            #expect(error.kind == .corrupt, "\(error)")
            detected = true
        }
        #expect(detected)

        #expect(try Ledger.setAsideCorrupt(path: path) != nil)
        let fresh = try Ledger(path: path)
        #expect(try fresh.currentFingerprints().isEmpty)
        #expect(try fresh.integrityCheck())
    }

    /// SQLite answers SQLITE_FULL when the file may not grow; `max_page_count` makes that
    /// happen for real without filling a disk.
    @Test func aFullDiskRollsTheBatchBackAndSaysWhatToDo() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let ledger = try Ledger(path: folder.ledgerPath)
        try ledger.record([sample("agency-a/2022.docx")])
        try ledger.pool.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = \(pages + 2)")
        }
        let big = (0..<200).map { i in
            var r = sample("agency-b/\(i).docx")
            r.findingsJSON = String(repeating: "x", count: 10_000)
            return r
        }
        do {
            try ledger.record(big)
            Issue.record("recording past max_page_count succeeded")
        } catch {
            #expect(error.kind == .diskFull, "\(error)")
            #expect(error.description.contains("free space in the state folder \(folder.path)/state"))
        }
        #expect(try ledger.rowCount() == 1)  // nothing of the failed batch
        #expect(try ledger.verdictCounts() == ["accepted": 1])

        try ledger.pool.writeWithoutTransaction { db in
            _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = 1073741823")
        }
        try ledger.record(big)
        #expect(try ledger.rowCount() == 201)
    }

    @Test func aLedgerFromANewerNianbaoIsRefused() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        do {
            let ledger = try Ledger(path: folder.ledgerPath)
            try ledger.pool.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
            }
            try ledger.close()
        }
        #expect {
            _ = try Ledger(path: folder.ledgerPath)
        } throws: { error in
            guard let error = error as? LedgerError else { return false }
            return error.kind == .newerSchema && error.description.contains("upgrade nianbao")
        }
    }

    @Test func aStateFolderThatCannotBeCreatedIsNotWritable() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let blocker = folder.path + "/state"
        try Data("a file where the folder should be".utf8).write(to: URL(fileURLWithPath: blocker))
        #expect {
            _ = try Ledger(path: folder.ledgerPath)
        } throws: { error in
            guard let error = error as? LedgerError else { return false }
            return error.kind == .notWritable && error.description.contains("writable by the user running nianbao")
        }
    }
}
