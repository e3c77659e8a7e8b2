import Foundation
import GRDB

/// An index file on disk: a WAL-mode SQLite database holding the schema of
/// ``IndexSchema``, opened as a GRDB pool so that searches read while an index run
/// writes. Every connection gets newssearch's FTS5 auxiliary functions.
public final class IndexStore: Sendable {
    /// Where an index lives when `--index` is not given: `.newssearch/index.db` under the
    /// current directory (a hidden folder, so indexing `.` never reads it back).
    public static let defaultPath = ".newssearch/index.db"

    public let path: String
    let pool: DatabasePool

    /// Opens an existing index, or creates it when `create` is true.
    public init(path: String, create: Bool = false) throws(IndexError) {
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && !create { throw .notFound(path: path) }
        if !exists {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw .cannotOpen(path: path, reason: "cannot create folder \(folder)")
                }
            }
        }
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // WAL with synchronous=NORMAL stays consistent after a crash or kill -9; only
            // the last commits before a power loss may be lost (and re-indexed next run).
            // A larger WAL between checkpoints: measured 20 % faster index runs than the
            // default 1,000 pages, for at most ~32 MiB of extra WAL.
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 8192")
            try RankingFunctions.register(in: db)
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_NOTADB { throw .notAnIndex(path: path) }
            throw .cannotOpen(path: path, reason: error.message ?? "\(error)")
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
        try migrate(path: path)
    }

    private func migrate(path: String) throws(IndexError) {
        do {
            try pool.write { db in
                let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                if tables == 0 {
                    try IndexSchema.create(db)
                    return
                }
                guard try db.tableExists("meta"),
                      try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'application'") == IndexSchema.application
                else { throw IndexError.notAnIndex(path: path) }
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                if version != IndexSchema.version, try !IndexSchema.migrate(db, from: version) {
                    throw IndexError.incompatibleVersion(path: path, found: version, expected: IndexSchema.version)
                }
            }
        } catch let error as IndexError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw .notAnIndex(path: path)
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Runs a read in a snapshot, turning database failures into ``IndexError``.
    public func read<T>(_ operation: String, _ body: (Database) throws -> T) throws(IndexError) -> T {
        try Self.mappingErrors(operation) { try pool.read(body) }
    }

    /// Runs one write transaction, turning database failures into ``IndexError``.
    public func write<T>(_ operation: String, _ body: (Database) throws -> T) throws(IndexError) -> T {
        try Self.mappingErrors(operation) { try pool.write(body) }
    }

    private static func mappingErrors<T>(_ operation: String, _ body: () throws -> T) throws(IndexError) -> T {
        do {
            return try body()
        } catch let error as IndexError {
            throw error
        } catch let error as DatabaseError {
            throw .database(operation: operation, reason: error.message ?? "\(error)")
        } catch {
            throw .database(operation: operation, reason: "\(error)")
        }
    }

    /// Runs FTS5's full `optimize` (merges every segment into one).
    public func optimize() throws(IndexError) {
        try write("optimize") { db in
            try db.execute(sql: "INSERT INTO sections_fts(sections_fts) VALUES('optimize')")
        }
        _ = try? pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    /// Frees SQLite's page caches on every connection (benchmarks' `--cold`).
    public func releaseMemory() {
        pool.releaseMemory()
    }

    /// Runs SQLite's `integrity_check` and FTS5's `integrity-check`; returns problems found.
    public func integrityProblems() throws(IndexError) -> [String] {
        try write("integrity check") { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            do {
                try db.execute(sql: "INSERT INTO sections_fts(sections_fts, rank) VALUES('integrity-check', 1)")
            } catch {
                problems.append("FTS5 integrity-check: \(error)")
            }
            return problems
        }
    }
}
