import Foundation
import GRDB

/// `newssearch rebuild`: makes an index anew from its dumps, for an index that is
/// damaged or of a version this build cannot read.
///
/// The new index is built beside the old one (`PATH.rebuild`), from the roots given or
/// else the roots the old index recorded, with the old one's stored ranking parameters
/// when they can still be read; only when it is complete does it replace the old file
/// (whose WAL and shared-memory files are removed first, so the new file never meets
/// the old one's log). Until then the old index is untouched and searchable, and an
/// interrupted rebuild leaves it as it was.
public struct IndexRebuild: Sendable {
    public let path: String
    public let options: Indexer.Options

    public init(path: String, options: Indexer.Options = Indexer.Options()) {
        self.path = path
        self.options = options
    }

    /// What the old index remembers of itself, read as far as it can be.
    struct Memory {
        var roots: [String] = []
        var ranking: String?
    }

    /// Rebuilds the index and returns the new index run's summary; `roots` empty means
    /// the roots recorded in the old index.
    public func run(roots: [String] = [], cancellation: IndexCancellation? = nil,
                    progress: (@Sendable (IndexProgress) -> Void)? = nil) throws(IndexError) -> IndexSummary {
        let lock = try IndexRunLock(indexPath: path)
        defer { withExtendedLifetime(lock) {} }
        let memory = Self.remember(path)
        let sources = roots.isEmpty ? memory.roots : roots
        guard !sources.isEmpty else { throw .noRecordedRoots(path: path) }
        let scratch = path + ".rebuild"
        Self.remove(scratch)
        defer { Self.remove(scratch) }
        var summary: IndexSummary
        do {
            let store = try IndexStore(path: scratch, access: .create)
            var runOptions = options
            runOptions.deleteMissing = false
            summary = try Indexer(store: store, options: runOptions).run(roots: sources, cancellation: cancellation, progress: progress)
            if summary.interrupted { return summary }
            if let ranking = memory.ranking {
                try store.write("keeping the ranking parameters") { db in
                    try MetaKey.ranking.set(ranking, in: db)
                }
            }
            try IndexStore.mapping(scratch, "finishing the new index") {
                try store.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            }
        }
        try replace(with: scratch)
        return summary
    }

    /// The old index's recorded roots and ranking parameters, from a plain read-only
    /// connection (no validation: the file may be damaged or of another version).
    static func remember(_ path: String) -> Memory {
        var configuration = Configuration()
        configuration.readonly = true
        guard IndexFile.inspect(path) == .walDatabase,
              let queue = try? DatabaseQueue(path: path, configuration: configuration) else { return Memory() }
        return (try? queue.read { db in
            let roots = try MetaKey.roots.value(in: db)
                .flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
            let ranking = try MetaKey.ranking.value(in: db)
            return Memory(roots: roots, ranking: ranking)
        }) ?? Memory()
    }

    /// Moves the complete new index into place: the old file is renamed aside, its log
    /// files removed, the new one renamed to the path, and only then the old one deleted.
    private func replace(with scratch: String) throws(IndexError) {
        let aside = path + ".old"
        Self.remove(aside)
        let hadOld = FileManager.default.fileExists(atPath: path)
        if hadOld, rename(path, aside) != 0 { throw .cannotOpen(path: path, reason: "cannot move the old index aside") }
        for suffix in ["-wal", "-shm"] { unlink(path + suffix) }
        guard rename(scratch, path) == 0 else {
            if hadOld { _ = rename(aside, path) }
            throw .cannotOpen(path: path, reason: "cannot move the rebuilt index into place")
        }
        Self.remove(aside)
    }

    /// Removes a database file and its companions, if present.
    static func remove(_ file: String) {
        for suffix in ["", "-wal", "-shm", "-journal", ".lock"] { unlink(file + suffix) }
    }
}
