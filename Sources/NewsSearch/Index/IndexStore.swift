import Foundation
import GRDB

/// An index file on disk: a WAL-mode SQLite database holding the schema of
/// ``IndexSchema``, opened as a GRDB pool so that searches read while an index run
/// writes. Every connection gets newssearch's FTS5 auxiliary functions.
///
/// Opening never changes a file it then refuses: what is at the path is inspected
/// first (``IndexFile``), then opened read-only to check that it is a newssearch index
/// of a version this build reads. Only ``Access/write`` and ``Access/create`` open it
/// for writing, migrate an older version, or create a new index; searches open it
/// read-only, so they take no write lock (they never wait on an index run) and work
/// on an index the user cannot write.
public final class IndexStore: Sendable {
    /// How an index is opened.
    public enum Access: Sendable {
        /// Search and inspect: read-only, the file is never changed.
        case read
        /// Index runs and maintenance: an older version is migrated.
        case write
        /// As ``write``, creating the index when nothing is at the path.
        case create
    }

    /// Where an index lives when `--index` is not given: `.newssearch/index.db` under the
    /// current directory (a hidden folder, so indexing `.` never reads it back).
    public static let defaultPath = ".newssearch/index.db"

    /// The nearest index at ``defaultPath`` in `directory` or one of its parents, as
    /// git finds `.git`: a search from any subfolder of an indexed folder finds the index
    /// made from it. Nil when there is none up to the root.
    public static func discover(from directory: String) -> String? {
        var folder = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            let candidate = folder.appendingPathComponent(defaultPath).path
            if FileManager.default.fileExists(atPath: candidate) {
                return folder.path == URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
                    ? defaultPath : candidate
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    public let path: String
    public let access: Access
    /// The schema version of the file as opened (older ones are searchable read-only).
    public let schemaVersion: Int
    let pool: DatabasePool
    /// A read-only store's own connection for searches (``SearchConnection``); nil for
    /// one that writes, whose searches read through the pool.
    let searchConnection: SearchConnection?
    /// The article attributes as last read, reused while the index does not change them.
    let attributeCache = AttributeCache()
    let impactCache = ImpactCache()

    /// Opens an index for writing, creating it when `create` is true.
    public convenience init(path: String, create: Bool) throws(IndexError) {
        try self.init(path: path, access: create ? .create : .write)
    }

    /// Opens the index at `path` (read-only unless `access` says otherwise).
    public init(path: String, access: Access = .read) throws(IndexError) {
        self.path = path
        self.access = access
        let file = IndexFile.inspect(path)
        if file == .missing {
            guard access == .create else { throw .notFound(path: path) }
            try Self.createFolder(of: path)
            let created = try Self.openPool(path: path, readonly: false)
            try Self.mapping(path, "creating the index") { try created.write { db in try IndexSchema.create(db) } }
            pool = created
            searchConnection = nil
            schemaVersion = IndexSchema.version
            return
        }
        if let refusal = file.refusal { throw .notAnIndex(path: path, what: refusal) }
        // Read-only first: a foreign or newer file is refused exactly as it was found.
        let (readPool, connection, version) = try Self.openReadOnly(path: path, access: access)
        if access == .read {
            pool = readPool
            searchConnection = connection
            schemaVersion = version
            return
        }
        searchConnection = nil
        let writePool = try Self.openPool(path: path, readonly: false)
        if version < IndexSchema.version {
            try Self.mapping(path, "upgrading the index") {
                try writePool.write { db in
                    let current = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                    if current != IndexSchema.version, try !IndexSchema.migrate(db, from: current) {
                        throw IndexError.incompatibleVersion(path: path, found: current, expected: IndexSchema.version)
                    }
                }
            }
        }
        pool = writePool
        schemaVersion = IndexSchema.version
    }

    /// Opens and validates read-only; for a store that only reads, with its search
    /// connection, through which it validates. An index in a folder this user cannot write,
    /// without `-wal` and `-shm` files beside it, cannot be opened in WAL mode at all
    /// (SQLite must create them): it is then opened as immutable, which is sound
    /// because nobody can be writing it, and the main file holds every commit.
    private static func openReadOnly(path: String, access: Access) throws(IndexError) -> (DatabasePool, SearchConnection?, Int) {
        func open(_ path: String, reporting reported: String) throws(IndexError) -> (DatabasePool, SearchConnection?, Int) {
            let pool = try openPool(path: path, readonly: true)
            guard access == .read else { return (pool, nil, try validate(pool, path: reported)) }
            let connection = try mapping(reported, "opening the index") {
                try SearchConnection(path: path, configuration: configuration(readonly: true))
            }
            return (pool, connection, try validate(connection.queue, path: reported))
        }
        do {
            return try open(path, reporting: path)
        } catch let error where access == .read && error.isFault && FileManager.default.fileExists(atPath: path)
                    && !FileManager.default.isWritableFile(atPath: (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent)
                    && !FileManager.default.fileExists(atPath: path + "-wal") {
            return try open(immutableURI(path), reporting: path)
        }
    }

    /// An SQLite URI opening `path` read-only as immutable (no locks, no WAL).
    static func immutableURI(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let encoded = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "?#"))) ?? absolute
        return "file:" + encoded + "?mode=ro&immutable=1"
    }

    private static func createFolder(of path: String) throws(IndexError) {
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotOpen(path: path, reason: "cannot create folder \(folder)")
        }
    }

    /// How much of an index file a search maps into memory (SQLite lowers it to its limit).
    static let searchMapBytes: Int64 = 1 << 40

    private static func openPool(path: String, readonly: Bool) throws(IndexError) -> DatabasePool {
        do {
            return try DatabasePool(path: path, configuration: configuration(readonly: readonly))
        } catch let error as DatabaseError {
            throw IndexError.from(error, path: path, operation: "opening the index")
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// How every connection to an index is set up.
    private static func configuration(readonly: Bool) -> Configuration {
        var config = Configuration()
        config.readonly = readonly
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // WAL with synchronous=NORMAL stays consistent after a crash or kill -9; only
            // the last commits before a power loss may be lost (and re-indexed next run).
            // A larger WAL between checkpoints: measured 20 % faster index runs than the
            // default 1,000 pages, for at most ~32 MiB of extra WAL.
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 8192")
            }
            try db.execute(sql: "PRAGMA cache_size = -65536")
            // Searches read postings through a memory map: no system call and no copy
            // into SQLite's page cache per page (measured 10-15 % faster searches at 1M
            // sections). An index run's pool keeps plain reads, even on its reader
            // connections: a map would count every page its term counts read as its own
            // memory. SQLite caps the map at its build's limit (2 GB on Debian); the rest
            // of a larger file is read as before.
            if readonly { try db.execute(sql: "PRAGMA mmap_size = \(Self.searchMapBytes)") }
            try RankingFunctions.register(in: db)
        }
        return config
    }

    /// Checks, read-only, that the file is a newssearch index with every table a
    /// search needs, of a version this build reads; returns the version.
    private static func validate(_ reader: some DatabaseReader, path: String) throws(IndexError) -> Int {
        try mapping(path, "opening the index") {
            try reader.read { db in
                guard try db.tableExists("meta"),
                      try MetaKey.application.value(in: db) == IndexSchema.application
                else { throw IndexError.notAnIndex(path: path, what: "it is an SQLite database that newssearch did not make") }
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                guard version == IndexSchema.version || IndexSchema.migratable.contains(version) else {
                    throw IndexError.incompatibleVersion(path: path, found: version, expected: IndexSchema.version)
                }
                for table in IndexSchema.requiredTables where try !db.tableExists(table) && !db.viewExists(table) {
                    throw IndexError.damaged(path: path, detail: "its table `\(table)` is missing")
                }
                return version
            }
        }
    }

    /// Runs FTS5's full `optimize` (merges every segment into one), builds the impact
    /// index where it is missing or incomplete (an index of an older layout, whose impact
    /// index opening it for writing dropped: ``ImpactBackfill``), then merges the impact
    /// index's segments until at most ``SegmentMerge/optimizedSegments`` remain; returns
    /// how many sections the impact index took in and how many impact segments there
    /// were before and after the merges. Each merge and each batch of sections is a
    /// transaction of its own, so an interrupted run keeps the work it finished.
    @discardableResult
    public func optimize() throws(IndexError) -> (upgraded: Int, impactBefore: Int, impactAfter: Int) {
        let lock = try IndexRunLock(indexPath: path)
        defer { withExtendedLifetime(lock) {} }
        try write("optimize") { db in
            try db.execute(sql: "INSERT INTO sections_fts(sections_fts) VALUES('optimize')")
        }
        let upgraded = try ImpactBackfill(store: self).run(cancellation: nil)
        let before = try impactSegmentCount()
        try SegmentMerge(store: self, maxSegments: SegmentMerge.optimizedSegments).run()
        let after = try impactSegmentCount()
        _ = try? pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        return (upgraded, before, after)
    }

    /// The number of segments of the impact index (0 without one).
    func impactSegmentCount() throws(IndexError) -> Int {
        try read("counting impact segments") { db in
            try db.tableExists("impact_segments") ? Int.fetchOne(db, sql: "SELECT count(*) FROM impact_segments") ?? 0 : 0
        }
    }

    /// Frees SQLite's page caches on every connection (benchmarks' `--cold`).
    public func releaseMemory() {
        pool.releaseMemory()
        searchConnection?.queue.releaseMemory()
    }
}
