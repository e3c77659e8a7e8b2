import Foundation

/// What is at an index path, found from `stat` and the first 100 bytes alone, so that
/// a file which is not an index is refused before SQLite opens (and could change) it.
enum IndexFile: Equatable {
    case missing
    case notRegular
    case empty
    case notSQLite
    /// An SQLite database in rollback-journal mode: every newssearch index is in WAL
    /// mode, so this one was made by something else.
    case rollbackJournalDatabase
    /// An SQLite database in WAL mode: possibly an index; its `meta` table tells.
    case walDatabase

    /// The SQLite header magic, bytes 0–15 of every database file.
    private static let magic = Array("SQLite format 3\0".utf8)

    static func inspect(_ path: String) -> IndexFile {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        guard info.st_mode & S_IFMT == S_IFREG else { return .notRegular }
        guard info.st_size > 0 else { return .empty }
        guard let handle = FileHandle(forReadingAtPath: path) else { return .notSQLite }
        defer { try? handle.close() }
        let header = [UInt8]((try? handle.read(upToCount: 100)) ?? Data())
        guard header.count >= 20, Array(header[0..<16]) == magic else { return .notSQLite }
        // Bytes 18 and 19: file format write and read versions, 2 for WAL.
        return header[18] == 2 && header[19] == 2 ? .walDatabase : .rollbackJournalDatabase
    }

    /// Why a file that is not an index is refused, for ``IndexError/notAnIndex(path:what:)``.
    var refusal: String? {
        switch self {
        case .missing, .walDatabase: nil
        case .notRegular: "it is not a regular file"
        case .empty: "it is an empty file"
        case .notSQLite: "it is not an SQLite database"
        case .rollbackJournalDatabase: "it is an SQLite database that newssearch did not make"
        }
    }
}
