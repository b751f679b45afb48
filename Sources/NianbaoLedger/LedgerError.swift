import GRDB

/// Why the ledger could not do what was asked, with a message that says how to fix it.
public struct LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// The file is not an SQLite database or is damaged. The daemon sets it aside
        /// (`Ledger.setAsideCorrupt(path:)`) and rebuilds the ledger by judging the drop folder again.
        case corrupt
        /// No space left on the state folder's file system. The failed batch was rolled back.
        case diskFull
        /// The state folder or the database cannot be created, opened or written (permissions,
        /// read-only file system, missing folder).
        case notWritable
        /// Another process holds the ledger's write lock for too long (probably a second daemon
        /// on the same state folder).
        case locked
        /// The database was migrated by a newer nianbao than this one.
        case newerSchema
        /// The operating system reported an I/O error.
        case io
        /// Anything else (a bug, or an SQLite error not foreseen here).
        case other
    }

    public var kind: Kind
    /// The database file concerned.
    public var path: String
    /// What SQLite or the operating system said.
    public var detail: String
    /// The SQLite extended result code, when SQLite reported the error.
    public var sqliteCode: Int32?

    public init(kind: Kind, path: String, detail: String, sqliteCode: Int32? = nil) {
        self.kind = kind
        self.path = path
        self.detail = detail
        self.sqliteCode = sqliteCode
    }

    /// The folder holding the ledger (the daemon's `--state-dir`).
    public var stateFolder: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    public var description: String {
        switch kind {
        case .corrupt:
            "the ledger \(path) is damaged or is not a nianbao ledger (\(detail)). "
                + "The daemon sets it aside as \(path).corrupt-<timestamp> and rebuilds the ledger by judging "
                + "the drop folder again; keep the set-aside file for analysis or delete it."
        case .diskFull:
            "no space left to write the ledger \(path) (\(detail)): free space in the state folder \(stateFolder) "
                + "(or point --state-dir at a larger file system). Nothing of the failed batch was recorded."
        case .notWritable:
            "cannot create, open or write the ledger \(path) (\(detail)): make sure the state folder "
                + "\(stateFolder) exists and is writable by the user running nianbao "
                + "(under systemd, StateDirectory=nianbao) and that its file system is not mounted read-only."
        case .locked:
            "the ledger \(path) is locked by another process (\(detail)): another nianbao probably uses the same "
                + "state folder; stop it, or give each instance its own --state-dir."
        case .newerSchema:
            "the ledger \(path) was written by a newer nianbao (\(detail)): upgrade nianbao, or point --state-dir "
                + "at another folder to start a fresh ledger."
        case .io:
            "I/O error on the ledger \(path) (\(detail)): check the disk and file system of the state folder "
                + "\(stateFolder) (dmesg, SMART); if the file is damaged the daemon sets it aside and rebuilds it."
        case .other:
            "ledger \(path): \(detail)"
        }
    }
}

extension LedgerError {
    /// Classifies whatever GRDB, SQLite or Foundation threw.
    init(_ error: any Error, path: String) {
        if let error = error as? LedgerError {
            self = error
            return
        }
        guard let db = error as? DatabaseError else {
            self.init(kind: .other, path: path, detail: String(describing: error))
            return
        }
        let detail = db.message.map { "SQLite error \(db.extendedResultCode.rawValue): \($0)" }
            ?? "SQLite error \(db.extendedResultCode.rawValue)"
        let kind: Kind =
            switch db.resultCode {
            case .SQLITE_CORRUPT, .SQLITE_NOTADB: .corrupt
            case .SQLITE_FULL: .diskFull
            case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN, .SQLITE_AUTH: .notWritable
            case .SQLITE_BUSY, .SQLITE_LOCKED: .locked
            case .SQLITE_IOERR, .SQLITE_NOLFS: .io
            default: .other
            }
        self.init(kind: kind, path: path, detail: detail, sqliteCode: db.extendedResultCode.rawValue)
    }
}
