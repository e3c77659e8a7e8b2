import Foundation
import GRDB
import GRDBSQLite
import Testing
@testable import NewsSearch
import NewsSearchTestSupport
import NewsSearchTools

/// Opening an index: files that are not indexes are refused untouched, searches take no
/// write lock, and damage is named as damage.
@Suite struct IndexStoreTests {
    func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    /// Damages an index the way a bug or a hand edit could: foreign keys not enforced.
    func withoutForeignKeys(_ path: String, _ body: (Database) throws -> Void) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        try DatabaseQueue(path: path, configuration: configuration).write(body)
    }

    func seedIndex(_ directory: TemporaryDirectory) throws -> IndexStore {
        directory.write("dumps/seed.txt", try String(contentsOfFile: TestSupport.seedFile, encoding: .utf8))
        let store = try IndexStore(path: directory.indexPath, create: true)
        _ = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        return store
    }

    /// A search's read is one snapshot: a write committed between two of its statements
    /// is not seen until the next read; and a read that fails hands its connection back
    /// out of any transaction, so the next search on it works. On a store that writes
    /// (a reader of its pool) and on a read-only one (its search connection).
    @Test(arguments: [false, true])
    func aSearchReadIsOneSnapshotAndAFailedOneLeavesNoTransaction(readOnly: Bool) throws {
        let directory = TemporaryDirectory()
        let writer = try seedIndex(directory)
        let store = readOnly ? try IndexStore(path: directory.indexPath) : writer
        #expect((store.searchConnection != nil) == readOnly)
        let before = try store.searchRead { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM meta") ?? 0 }
        let (first, second) = try store.searchRead { db in
            let first = try Int.fetchOne(db, sql: "SELECT count(*) FROM meta") ?? 0
            try writer.write("test") { db in try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('test_key', '1')") }
            return (first, try Int.fetchOne(db, sql: "SELECT count(*) FROM meta") ?? 0)
        }
        #expect(first == before && second == before)
        #expect(try store.searchRead { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM meta") } == before + 1)
        for _ in 0..<3 {
            #expect(throws: DatabaseError.self) {
                try store.searchRead { db in try db.execute(sql: "SELECT * FROM no_such_table") }
            }
            #expect(try store.searchRead { db in db.isInsideTransaction && sqlite3_get_autocommit(db.sqliteConnection) == 0 })
        }
        #expect(try store.pool.read { db in db.isInsideTransaction })
    }

    /// Ranking parameters stored with `newssearch config` rank the searches of a
    /// read-only store, which read them in their own transaction.
    @Test func storedRankingParametersRankTheSearchesOfAReadOnlyStore() throws {
        let directory = TemporaryDirectory()
        let writer = try seedIndex(directory)
        var options = SearchOptions()
        options.explain = true
        let proximity = { () throws -> Double in
            let hits = try SearchEngine(store: IndexStore(path: directory.indexPath)).search("North Korea", options: options).hits
            return try #require(hits.first?.explanation).proximity
        }
        #expect(try proximity() > 0, "the default bonus for the two words side by side")
        var parameters = RankingParameters.default
        parameters.proximity = 0
        try SearchEngine(store: writer).store(parameters: parameters)
        #expect(try proximity() == 0)
    }

    /// Searches side by side on one read-only store, and a search started inside one
    /// that holds the search connection: one that finds it taken reads through the pool,
    /// and every one finds what a search alone finds.
    @Test func searchesSideBySideOnOneStoreFindWhatOneAloneFinds() throws {
        let directory = TemporaryDirectory()
        _ = try seedIndex(directory)
        let store = try IndexStore(path: directory.indexPath)
        let engine = SearchEngine(store: store)
        let queries = ["Kaesong", "\"North Korea\"", "border OR talks", "diplomatic"]
        let alone = try queries.map { try engine.search($0).hits.map(\.article.id) }
        #expect(alone.allSatisfy { !$0.isEmpty })
        let found = LockedHits(count: 40)
        DispatchQueue.concurrentPerform(iterations: 40) { index in
            found.set(index, try? engine.search(queries[index % queries.count]).hits.map(\.article.id))
        }
        #expect(found.all == (0..<40).map { alone[$0 % queries.count] })
        let nested = try store.searchRead { outer in
            try store.searchRead { inner in
                (outer.sqliteConnection != inner.sqliteConnection, try Int.fetchOne(inner, sql: "SELECT count(*) FROM sections") ?? 0)
            }
        }
        #expect(nested.0, "the inner search reads through the pool")
        #expect(nested.1 > 0)
    }

    /// A search asks SQLite's parsed schema whether a table exists (``TableLookup``): a
    /// reader that searched before another connection created a table sees it once a
    /// statement of its next read has read a table, as every caller does first.
    @Test func aTableCreatedByAnotherConnectionIsSeenAfterTheReadsFirstStatement() throws {
        let directory = TemporaryDirectory()
        _ = try seedIndex(directory)
        let reader = try IndexStore(path: directory.indexPath)
        let before = try reader.searchRead { db in
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM meta")
            return try TableLookup.exists("probe", in: db)
        }
        #expect(!before)
        try DatabaseQueue(path: directory.indexPath).write { db in
            try db.execute(sql: "CREATE TABLE probe(x INTEGER); ALTER TABLE meta ADD COLUMN probe_note TEXT")
        }
        let after = try reader.searchRead { db in
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM meta")
            return (try TableLookup.exists("probe", in: db), try TableLookup.exists(column: "probe_note", of: "meta", in: db))
        }
        #expect(after == (true, true))
    }

    @Test func aForeignSQLiteFileIsRefusedAndLeftByteIdentical() throws {
        let directory = TemporaryDirectory()
        for (name, journal) in [("rollback.db", "DELETE"), ("wal.db", "WAL")] {
            let path = directory.path + "/" + name
            do {
                let queue = try DatabaseQueue(path: path)
                try queue.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA journal_mode = \(journal)")
                    try db.execute(sql: "CREATE TABLE notes(text TEXT); INSERT INTO notes VALUES ('mine')")
                }
            }
            let before = bytes(path)
            for access in [IndexStore.Access.read, .write, .create] {
                #expect {
                    _ = try IndexStore(path: path, access: access)
                } throws: { error in
                    guard case .notAnIndex = error as? IndexError else { return false }
                    return "\(error)".contains("left untouched")
                }
            }
            #expect(bytes(path) == before, "\(name) must not be changed by being refused")
        }
    }

    @Test func anEmptyFileIsNotTurnedIntoAnIndex() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("empty.db", "")
        #expect(throws: IndexError.self) { try IndexStore(path: path, access: .create) }
        #expect(throws: IndexError.self) { try IndexStore(path: path) }
        #expect(bytes(path)?.isEmpty == true)
    }

    @Test func aSearchNeverWaitsOnAWriter() throws {
        let directory = TemporaryDirectory()
        _ = try seedIndex(directory)
        // Another connection holds the write lock for as long as the search takes.
        let writer = try DatabaseQueue(path: directory.indexPath)
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? writer.inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                holding.signal()
                release.wait()
                try db.execute(sql: "ROLLBACK")
            }
        }
        holding.wait()
        defer { release.signal() }
        // Opening took the write lock before (migration in BEGIN IMMEDIATE): it waited
        // out the 10 s busy timeout and failed with "database is locked".
        let store = try IndexStore(path: directory.indexPath)
        #expect(try SearchEngine(store: store).search("Kaesong").total == 1)
        #expect(try IndexStats(store: store).articles == 1)
    }

    @Test func aReadOnlyStoreRefusesToWrite() throws {
        let directory = TemporaryDirectory()
        _ = try seedIndex(directory)
        let store = try IndexStore(path: directory.indexPath)
        #expect(throws: IndexError.readOnly(path: directory.indexPath)) {
            try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        }
    }

    @Test func aDroppedFullTextTableIsReportedAsDamage() throws {
        let directory = TemporaryDirectory()
        _ = try seedIndex(directory)
        try DatabaseQueue(path: directory.indexPath).write { db in try db.execute(sql: "DROP TABLE sections_fts") }
        for access in [IndexStore.Access.read, .write] {
            #expect {
                _ = try IndexStore(path: directory.indexPath, access: access)
            } throws: { error in
                guard case .damaged = error as? IndexError else { return false }
                return "\(error)".contains("newssearch rebuild")
            }
        }
    }

    @Test func corruptPagesAreReportedAsDamageNotAsAQueryBug() throws {
        let directory = TemporaryDirectory()
        directory.write("dumps/a.txt", sampleArticle(title: "Harbour", lead: (0..<3000).map { "word\($0)" }.joined(separator: " ") + "."))
        do {
            let store = try IndexStore(path: directory.indexPath, create: true)
            _ = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
            try store.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        }
        // Scribble over every page but the first (the schema stays readable).
        var data = try #require(bytes(directory.indexPath))
        var generator = SplitMix64(seed: 7)
        for page in stride(from: 4096, to: data.count, by: 4096) {
            for offset in page + 100..<min(page + 1100, data.count) { data[offset] = UInt8(truncatingIfNeeded: generator.next()) }
        }
        try data.write(to: URL(fileURLWithPath: directory.indexPath))
        let message: String
        do {
            let store = try IndexStore(path: directory.indexPath)
            _ = try SearchEngine(store: store).search("word1*")
            message = "no error"
        } catch {
            message = "\(error)"
        }
        #expect(message.contains("damaged"), "\(message)")
        #expect(!message.contains("bug in newssearch"))
    }

    @Test func aSecondWriterIsToldWhichProcessIsWriting() throws {
        let directory = TemporaryDirectory()
        let store = try seedIndex(directory)
        do {
            let lock = try IndexRunLock(indexPath: directory.indexPath)
            #expect(throws: IndexError.runInProgress(path: directory.indexPath, pid: getpid())) {
                try Indexer(store: store).run(roots: [directory.path + "/dumps"])
            }
            withExtendedLifetime(lock) {}
        }
        #expect(throws: Never.self) { try Indexer(store: store).run(roots: [directory.path + "/dumps"]) }
    }

    @Test func checkFindsBrokenInvariantsBetweenTables() throws {
        let directory = TemporaryDirectory()
        let store = try seedIndex(directory)
        #expect(try store.integrityProblems().isEmpty)
        try withoutForeignKeys(directory.indexPath) { db in try db.execute(sql: "DELETE FROM files") }
        let problems = try store.integrityProblems()
        #expect(problems.contains { $0.contains("articles whose dump file is not in the manifest") }, "\(problems)")
    }

    @Test func rebuildMakesTheIndexAnewFromTheRecordedRoots() throws {
        let directory = TemporaryDirectory()
        let store = try seedIndex(directory)
        try store.write("test") { db in
            try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('ranking', '{\"k1\":1.1}')")
        }
        try withoutForeignKeys(directory.indexPath) { db in try db.execute(sql: "DELETE FROM files") }
        #expect(try !store.integrityProblems().isEmpty)
        let summary = try IndexRebuild(path: directory.indexPath).run()
        #expect(summary.articles == 1)
        let rebuilt = try IndexStore(path: directory.indexPath)
        #expect(try rebuilt.integrityProblems().isEmpty)
        #expect(try SearchEngine(store: rebuilt).search("Kaesong").total == 1)
        #expect(try rebuilt.read("test") { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'ranking'") }
            == "{\"k1\":1.1}")
        #expect(!FileManager.default.fileExists(atPath: directory.indexPath + ".rebuild"))
    }

    /// An index in a read-only folder (here a read-only bind mount, since root ignores
    /// permission bits) is searchable; before, opening it failed outright.
    @Test func anIndexInAReadOnlyFolderIsSearchable() throws {
        let directory = TemporaryDirectory()
        let store = try seedIndex(directory)
        try store.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let shelf = directory.path + "/shelf", mount = directory.path + "/mounted"
        try FileManager.default.createDirectory(atPath: shelf, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: directory.indexPath, toPath: shelf + "/index.db")
        guard run("/bin/mount", ["--bind", shelf, mount]) == 0 else {
            print("skipping: cannot bind-mount here (needs root and mount rights)")
            return
        }
        defer { _ = run("/bin/umount", [mount]) }
        guard run("/bin/mount", ["-o", "remount,bind,ro", mount]) == 0 else {
            print("skipping: cannot remount read-only here")
            return
        }
        let readOnly = try IndexStore(path: mount + "/index.db")
        #expect(try SearchEngine(store: readOnly).search("Kaesong").total == 1)
    }

    func run(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// Each concurrent search's hits, set under a lock.
private final class LockedHits: @unchecked Sendable {
    private let lock = NSLock()
    private var hits: [[Int64]?]
    init(count: Int) { hits = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: [Int64]?) { lock.withLock { hits[index] = value } }
    var all: [[Int64]?] { lock.withLock { hits } }
}
