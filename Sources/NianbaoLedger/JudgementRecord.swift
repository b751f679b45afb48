/// What identifies one version of a file in the drop folder.
///
/// The start-up scan compares `size` and `mtimeNanoseconds` (cheap, from `stat`) before it
/// pays for hashing; `sha256` decides.
public struct FileFingerprint: Sendable, Hashable {
    public var size: Int64
    /// Modification time, nanoseconds since the Unix epoch (`st_mtim`).
    public var mtimeNanoseconds: Int64
    /// Lower-case hex SHA-256 of the file's bytes (64 characters).
    public var sha256: String

    public init(size: Int64, mtimeNanoseconds: Int64, sha256: String) {
        self.size = size
        self.mtimeNanoseconds = mtimeNanoseconds
        self.sha256 = sha256
    }
}

/// One judged file version: one row of the ledger's `judgement` table.
///
/// The ledger stores what it is given; it does not interpret the verdict, codes or JSON.
public struct JudgementRecord: Sendable, Equatable {
    /// Path relative to the drop folder, `/`-separated (e.g. `agency-a/2023.docx`).
    public var path: String
    /// Agency id (the first path component), `nil` for files directly in the drop root.
    public var agency: String?
    public var size: Int64
    /// Nanoseconds since the Unix epoch.
    public var mtimeNanoseconds: Int64
    /// Lower-case hex SHA-256 of the file's bytes.
    public var sha256: String
    /// `accepted`, `accepted_with_warnings`, `rejected` or `unreadable`.
    public var verdict: String
    /// Finding codes, sorted, each once (stored space separated, so no code may contain a space).
    public var codes: [String]
    public var errors: Int
    public var warnings: Int
    /// Report year when known.
    public var year: Int?
    /// The `findings` array of the `check --format json` object.
    public var findingsJSON: String
    /// The `figures` object of the `check --format json` object.
    public var figuresJSON: String
    /// A hash of the three tables' figures (NB507 "identical tables"); `nil` when no table was read.
    public var tablesDigest: String?
    /// Table 三 carried_forward total: next year's NB502 compares its carried_over with it.
    public var carriedForwardTotal: Int?
    /// Table 二 rules.in_force: next year's NB503.
    public var rulesInForce: Int?
    /// Table 二 normative_documents.in_force: next year's NB503.
    public var normativeInForce: Int?
    /// When the daemon noticed the file, Unix milliseconds.
    public var arrivedAtUnixMs: Int64
    /// When the daemon judged the file, Unix milliseconds.
    public var judgedAtUnixMs: Int64
    /// Whether this is the latest version judged for `path` (and the file was not removed since).
    /// Set by the ledger: `Ledger.record(_:)` ignores it and always stores the new row as current.
    public var isCurrent: Bool
    /// The receipt id of this file version, `NB-<year of arrival>-<number>` (`Ledger.allocateReceipts`);
    /// `nil` when none could be allocated yet: `Ledger.record(_:)` then allocates one.
    public var receipt: String?
    /// The rules version (`RulesVersion.current` of the core) the verdict was reached with.
    public var rulesVersion: Int
    /// The year of arrival in the office's time zone: the year of the receipt id.
    public var arrivalYear: Int?

    public init(
        path: String,
        agency: String?,
        size: Int64,
        mtimeNanoseconds: Int64,
        sha256: String,
        verdict: String,
        codes: [String],
        errors: Int,
        warnings: Int,
        year: Int?,
        findingsJSON: String,
        figuresJSON: String,
        tablesDigest: String? = nil,
        carriedForwardTotal: Int? = nil,
        rulesInForce: Int? = nil,
        normativeInForce: Int? = nil,
        arrivedAtUnixMs: Int64,
        judgedAtUnixMs: Int64,
        isCurrent: Bool = true,
        receipt: String? = nil,
        rulesVersion: Int = 1,
        arrivalYear: Int? = nil
    ) {
        self.path = path
        self.agency = agency
        self.size = size
        self.mtimeNanoseconds = mtimeNanoseconds
        self.sha256 = sha256
        self.verdict = verdict
        self.codes = codes
        self.errors = errors
        self.warnings = warnings
        self.year = year
        self.findingsJSON = findingsJSON
        self.figuresJSON = figuresJSON
        self.tablesDigest = tablesDigest
        self.carriedForwardTotal = carriedForwardTotal
        self.rulesInForce = rulesInForce
        self.normativeInForce = normativeInForce
        self.arrivedAtUnixMs = arrivedAtUnixMs
        self.judgedAtUnixMs = judgedAtUnixMs
        self.isCurrent = isCurrent
        self.receipt = receipt
        self.rulesVersion = rulesVersion
        self.arrivalYear = arrivalYear
    }

    public var fingerprint: FileFingerprint {
        FileFingerprint(size: size, mtimeNanoseconds: mtimeNanoseconds, sha256: sha256)
    }
}
