import GRDB

extension IndexError {
    /// The ``IndexError`` a failed SQLite call on the index at `path` means for the user.
    ///
    /// SQLite's primary result code tells a fault of the file (corrupt, not a
    /// database), of the machine (full disk, I/O, read-only) or of another process
    /// (busy) from anything else, which keeps only its code.
    static func from(_ error: DatabaseError, path: String, operation: String) -> IndexError {
        switch error.resultCode {
        case .SQLITE_CORRUPT: .damaged(path: path, detail: impactDamage(error.message) ?? "SQLite found corrupt data")
        case .SQLITE_NOTADB: .damaged(path: path, detail: "the file is no longer a readable database")
        case .SQLITE_FULL: .diskFull(path: path)
        case .SQLITE_READONLY: .readOnly(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: .busy(path: path)
        case .SQLITE_IOERR: .ioError(path: path)
        case .SQLITE_CANTOPEN: .cannotOpen(path: path, reason: "the file or its folder cannot be opened")
        case .SQLITE_ERROR where Self.meansMissingSchema(error.message):
            .damaged(path: path, detail: "a table of the index is missing or unreadable")
        default: .database(operation: operation, path: path, code: error.resultCode.rawValue)
        }
    }

    /// The error the impact index's readers throw for damage they find (a row cut short,
    /// a chunk missing, a layout unknown): SQLite's code for corruption, so that it is
    /// handled as SQLite's own, with `detail` (`postings: …`) kept for the user by
    /// ``from(_:path:operation:)`` (``impactDamage(_:)``), where SQLite's words are not.
    static func impactDamage(detail: String) -> DatabaseError {
        DatabaseError(resultCode: .SQLITE_CORRUPT, message: impactDamagePrefix + detail)
    }

    /// The detail of an error made by ``impactDamage(detail:)``; nil for SQLite's own.
    static func impactDamage(_ message: String?) -> String? {
        guard let message, message.hasPrefix(impactDamagePrefix) else { return nil }
        return message
    }

    private static let impactDamagePrefix = "impact "

    /// Whether an `SQLITE_ERROR` message says the schema itself is broken (a dropped
    /// table, a malformed schema) rather than that a statement was wrong.
    static func meansMissingSchema(_ message: String?) -> Bool {
        guard let message else { return false }
        return message.hasPrefix("no such table") || message.hasPrefix("no such column")
            || message.contains("malformed") || message.contains("fts5: corrupt")
    }

    /// Whether this error is a fault of the index file or the machine (as opposed to
    /// a failure of one statement).
    var isFault: Bool {
        switch self {
        case .damaged, .diskFull, .readOnly, .busy, .ioError, .cannotOpen, .notAnIndex: true
        default: false
        }
    }
}
