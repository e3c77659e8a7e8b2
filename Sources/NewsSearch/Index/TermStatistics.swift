import Foundation
import GRDB

/// How many sections contain each indexed term, for choosing expansion terms
/// (``PseudoRelevanceFeedback``) without reading doclists at query time.
///
/// FTS5 keeps no per-term count: finding one means walking the term's whole doclist,
/// milliseconds for a common word. So after every index run that changed anything the
/// counts are copied once into `term_sections`, and the section total into `meta`: from
/// the impact index's live counts when it is complete (each term's entry in
/// `impact_terms`, ``TermRows``), else from FTS5's own vocabulary (`fts5vocab`, one pass over the index). A
/// run killed before the copy leaves them marked stale (``MetaKey/termSectionsStale``),
/// and the next run counts again even when no file changed.
public struct TermStatistics: Sendable {
    /// Sections in the index when the counts were taken.
    public var sections: Int64
    /// Sections containing each term (the terms asked for that the index has).
    public var frequencies: [String: Int64]

    public init(sections: Int64, frequencies: [String: Int64]) {
        self.sections = sections
        self.frequencies = frequencies
    }

    static func createTable(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS term_sections (term TEXT PRIMARY KEY, sections INTEGER NOT NULL) WITHOUT ROWID")
    }

    /// Every indexed term with the number of sections holding it, and the section total.
    struct Counts: Sendable {
        var terms: [String] = []
        var sections: [Int64] = []
        var total: Int64 = 0
    }

    /// Reads the counts; works on a read-only connection, so it can run beside the writer.
    static func count(_ db: Database) throws -> Counts {
        var counts = try ImpactSchema.isComplete(db) ? countFromImpact(db) : countFromVocabulary(db)
        counts.total = try Int64.fetchOne(db, sql: "SELECT count(*) FROM sections") ?? 0
        return counts
    }

    /// The counts from FTS5's vocabulary: every doclist walked (4.4 s on the
    /// 1M-section index, the longest wait at the end of an index run there).
    static func countFromVocabulary(_ db: Database) throws -> Counts {
        var counts = Counts()
        try db.execute(sql: "CREATE VIRTUAL TABLE IF NOT EXISTS temp.sections_vocabulary USING fts5vocab(main, sections_fts, 'row')")
        defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.sections_vocabulary") }
        let rows = try Row.fetchCursor(db, sql: "SELECT term, doc FROM temp.sections_vocabulary")
        while let row = try rows.next() {
            counts.terms.append(row[0])
            counts.sections.append(row[1])
        }
        return counts
    }

    /// The same counts from the impact index: per term, over its segments, its live
    /// sections with the term in any field (``FieldPatterns``, ``TermRows``), summed;
    /// terms left in no live section are not listed, as FTS5's vocabulary does not list
    /// them (a test compares the two after changes and deletions).
    static func countFromImpact(_ db: Database) throws -> Counts {
        var counts = Counts()
        try TermRows.forEach(db) { term, rows in
            var patterns = FieldPatterns()
            for entry in rows.entries { entry.patterns.withUnsafeBytes { patterns.add(encoded: $0) } }
            let sections = patterns.documents(in: 0b1111)
            if sections > 0 {
                counts.terms.append(term)
                counts.sections.append(sections)
            }
        }
        return counts
    }

    static func markStale(_ db: Database) throws {
        try MetaKey.termSectionsStale.mark(in: db)
    }

    static func isStale(_ db: Database) throws -> Bool {
        try MetaKey.termSectionsStale.isSet(in: db)
    }

    /// Replaces the stored counts, and clears the stale mark, in the caller's transaction.
    static func store(_ counts: Counts, _ db: Database) throws {
        try MetaKey.termSectionsStale.remove(in: db)
        try createTable(db)
        try db.execute(sql: "DELETE FROM term_sections")
        let insert = try db.makeStatement(sql: "INSERT INTO term_sections(term, sections) VALUES (?, ?)")
        for index in counts.terms.indices {
            try insert.execute(arguments: [counts.terms[index], counts.sections[index]])
        }
        try MetaKey.termSectionsTotal.set(String(counts.total), in: db)
    }

    /// The counts of `terms`, or nil when the index has none yet (made by an older
    /// version and not re-run since).
    static func load(_ db: Database, terms: [String]) throws -> TermStatistics? {
        // The key first: its statement brings the schema the table is looked up in up to date.
        guard let total = try MetaKey.termSectionsTotal.value(in: db).flatMap({ Int64($0) }), total > 0,
              try TableLookup.exists("term_sections", in: db) else { return nil }
        var frequencies: [String: Int64] = [:]
        frequencies.reserveCapacity(terms.count)
        // One seek a term on a cached statement, bound directly: the terms as a JSON list
        // for `json_each` (an expansion looks up 300) cost twice as much, a third
        // of it encoding the list (measured).
        let statement = try db.cachedStatement(sql: "SELECT sections FROM term_sections WHERE term = ?")
        for term in terms {
            StatementBinding.bind(statement.sqliteStatement, 1, term)
            try StatementRows(statement).forEach { row in frequencies[term] = row.int64(0) }
        }
        return TermStatistics(sections: total, frequencies: frequencies)
    }
}

/// Counts terms on a reader connection in the background (see ``TermStatistics/count(_:)``),
/// so that an index run overlaps the count with its final segment merge.
final class TermCounting: @unchecked Sendable {
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var result: Result<TermStatistics.Counts, IndexError>?

    init(store: IndexStore) {
        DispatchQueue.global().async(group: group) { [self] in
            let counted = Result { () throws(IndexError) in try store.read("counting terms") { db in try TermStatistics.count(db) } }
            lock.withLock { result = counted }
        }
    }

    func wait() throws(IndexError) -> TermStatistics.Counts {
        group.wait()
        return try lock.withLock { result! }.get()
    }
}
