import GRDB

/// The ledger's schema, as a list of migrations. Never edit a registered migration: add a new
/// one (`v4-…`, …) so existing ledgers are upgraded in place on the next start.
enum LedgerSchema {
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1", migrate: createV1)
        migrator.registerMigration(receiptsMigration, migrate: addReceiptsAndRulesVersion)
        migrator.registerMigration(removedFilesMigration) { db in
            try db.execute(sql: """
                -- Files gone from the drop folder (deleted, renamed away, their folder moved away):
                -- the row that was current when they went. A file that comes back with the same
                -- bytes (a folder moved away and back, a file renamed back) takes that judgement
                -- up again instead of being judged and journaled twice. One row per path, so it
                -- stays small; history rows need no index for this.
                CREATE TABLE removed (
                    path TEXT PRIMARY KEY,
                    judgement_id INTEGER NOT NULL
                ) WITHOUT ROWID;
                """)
        }

        return migrator
    }()

    /// The first schema (tests build ledgers "made by an older nianbao" with it alone).
    static func createV1(_ db: Database) throws {
        // Column order matters for speed: SQLite reads a row's columns from the front and
        // follows overflow pages for the large JSON values only when they are asked for,
        // so the small columns the start-up scan and the lookups read come first and the
        // JSON comes last.
        try db.execute(sql: """
            CREATE TABLE judgement (
                id INTEGER PRIMARY KEY,
                path TEXT NOT NULL,
                is_current INTEGER NOT NULL CHECK (is_current IN (0, 1)),
                size INTEGER NOT NULL,
                mtime_ns INTEGER NOT NULL,
                sha256 TEXT NOT NULL,
                agency TEXT,
                year INTEGER,
                verdict TEXT NOT NULL,
                codes TEXT NOT NULL,
                errors INTEGER NOT NULL,
                warnings INTEGER NOT NULL,
                tables_digest TEXT,
                carried_forward_total INTEGER,
                rules_in_force INTEGER,
                normative_in_force INTEGER,
                arrived_at INTEGER NOT NULL,
                judged_at INTEGER NOT NULL,
                findings_json TEXT NOT NULL,
                figures_json TEXT NOT NULL
            );

            -- All indexes are partial (current rows only): history rows cost no index space,
            -- and each lookup is one B-tree search, O(log n) whatever the ledger's size.

            -- At most one current row per path, enforced by SQLite; current(path:), hasJudged,
            -- record's "mark the previous version not current" and markRemoved search it.
            CREATE UNIQUE INDEX judgement_current_path
                ON judgement(path) WHERE is_current = 1;

            -- Covering index for the start-up scan (currentFingerprints): read in path
            -- order without touching the table rows, whose JSON makes them large.
            -- (is_current is listed although constant: SQLite 3.40 only sees the index
            -- as covering when every column the query names is in it.)
            CREATE INDEX judgement_current_fingerprint
                ON judgement(path, size, mtime_ns, sha256, is_current) WHERE is_current = 1;

            -- NB502/NB503: last year's report of the same agency, latest judged first.
            CREATE INDEX judgement_current_agency_year
                ON judgement(agency, year, judged_at) WHERE is_current = 1 AND agency IS NOT NULL;

            -- NB507: same bytes, or same tables, earliest judged first: read in index order
            -- and stopped at the limit, even when thousands of reports share a digest
            -- (e.g. agencies with all-zero tables).
            CREATE INDEX judgement_current_sha256
                ON judgement(sha256, judged_at) WHERE is_current = 1;
            CREATE INDEX judgement_current_tables_digest
                ON judgement(tables_digest, judged_at) WHERE is_current = 1 AND tables_digest IS NOT NULL;

            -- Current rows by verdict, kept by triggers in the same transaction as the rows,
            -- so the status file's counts cost O(1) however many files the ledger knows.
            CREATE TABLE verdict_count (
                verdict TEXT PRIMARY KEY,
                n INTEGER NOT NULL
            ) WITHOUT ROWID;

            CREATE TRIGGER judgement_count_insert AFTER INSERT ON judgement
            WHEN NEW.is_current = 1
            BEGIN
                INSERT INTO verdict_count(verdict, n) VALUES (NEW.verdict, 1)
                    ON CONFLICT(verdict) DO UPDATE SET n = n + 1;
            END;

            CREATE TRIGGER judgement_count_update AFTER UPDATE OF is_current, verdict ON judgement
            BEGIN
                UPDATE verdict_count SET n = n - 1
                    WHERE OLD.is_current = 1 AND verdict = OLD.verdict;
                INSERT INTO verdict_count(verdict, n) SELECT NEW.verdict, 1 WHERE NEW.is_current = 1
                    ON CONFLICT(verdict) DO UPDATE SET n = n + 1;
            END;

            CREATE TRIGGER judgement_count_delete AFTER DELETE ON judgement
            WHEN OLD.is_current = 1
            BEGIN
                UPDATE verdict_count SET n = n - 1 WHERE verdict = OLD.verdict;
            END;
            """)
    }

    static func addReceiptsAndRulesVersion(_ db: Database) throws {
        // Receipts (NB-<year of arrival>-<number>) and the rules version of each verdict.
        // Rows written before were judged under rules version 1. Existing rows get receipts
        // numbered in the order they were judged, per year of arrival in China's time zone
        // (UTC+8, the default office time zone: the migration cannot see the configuration).
        try db.execute(sql: """
            ALTER TABLE judgement ADD COLUMN receipt TEXT;
            ALTER TABLE judgement ADD COLUMN rules_version INTEGER NOT NULL DEFAULT 1;

            -- The last number given out per year: numbers are never reused, even when rows go.
            CREATE TABLE receipt_counter (
                year INTEGER PRIMARY KEY,
                last INTEGER NOT NULL
            );

            -- (arrival_year, not year: judgement.year is the report's year.)
            UPDATE judgement SET receipt = printf('NB-%d-%06d', numbered.arrival_year, numbered.n)
            FROM (SELECT id, arrival_year, ROW_NUMBER() OVER (PARTITION BY arrival_year ORDER BY id) AS n
                  FROM (SELECT id, CAST(strftime('%Y', arrived_at / 1000 + 28800, 'unixepoch') AS INTEGER) AS arrival_year
                        FROM judgement)) AS numbered
            WHERE numbered.id = judgement.id;

            INSERT INTO receipt_counter(year, last)
            SELECT arrival_year, COUNT(*)
            FROM (SELECT CAST(strftime('%Y', arrived_at / 1000 + 28800, 'unixepoch') AS INTEGER) AS arrival_year FROM judgement)
            GROUP BY arrival_year;

            -- `nianbao receipt ID`: one index search.
            CREATE INDEX judgement_receipt ON judgement(receipt) WHERE receipt IS NOT NULL;

            -- The re-check at start-up: current rows judged under an older rules version, in
            -- judging order; when there are none (the usual start) one index search says so.
            CREATE INDEX judgement_current_rules_version
                ON judgement(rules_version, id) WHERE is_current = 1;
            """)
    }

    /// The migration that added receipts and rules versions; a ledger without it has no receipts.
    static let receiptsMigration = "v2-receipts-and-rules-version"
    /// The migration that added the files gone from the drop folder (`removed`).
    static let removedFilesMigration = "v3-removed-files"
}
