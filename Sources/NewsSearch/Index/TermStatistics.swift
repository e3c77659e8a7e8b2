import Foundation
import GRDB

/// How many sections contain each indexed term, for choosing expansion terms
/// (``PseudoRelevanceFeedback``) without reading doclists at query time.
///
/// FTS5 keeps no per-term count: finding one means walking the term's whole doclist,
/// milliseconds for a common word. So after every index run that changed anything the
/// counts are copied once from FTS5's own vocabulary (`fts5vocab`, one pass over the
/// index) into `term_sections`, and the section total into `meta`. The counts are
/// statistics: a run interrupted before the copy leaves the previous ones, which only
/// nudges which words expansion prefers.
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

    /// Recounts every term from the full-text index.
    static func refresh(_ db: Database) throws {
        try createTable(db)
        try db.execute(sql: """
            CREATE VIRTUAL TABLE IF NOT EXISTS temp.sections_vocabulary USING fts5vocab(main, sections_fts, 'row');
            DELETE FROM term_sections;
            INSERT INTO term_sections(term, sections) SELECT term, doc FROM temp.sections_vocabulary;
            DROP TABLE temp.sections_vocabulary;
            INSERT OR REPLACE INTO meta(key, value) SELECT 'term_sections_total', count(*) FROM sections;
            """)
    }

    /// The counts of `terms`, or nil when the index has none yet (made by an older
    /// version and not re-run since).
    static func load(_ db: Database, terms: [String]) throws -> TermStatistics? {
        guard try db.tableExists("term_sections"),
              let total = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'term_sections_total'")
                .flatMap({ Int64($0) }), total > 0 else { return nil }
        var frequencies: [String: Int64] = [:]
        let list = String(decoding: (try? JSONEncoder().encode(terms)) ?? Data("[]".utf8), as: UTF8.self)
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT term, sections FROM term_sections WHERE term IN (SELECT value FROM json_each(?))
            """), arguments: [list])
        while let row = try rows.next() { frequencies[row[0]] = row[1] }
        return TermStatistics(sections: total, frequencies: frequencies)
    }
}
