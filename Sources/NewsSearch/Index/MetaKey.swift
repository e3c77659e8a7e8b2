import GRDB

/// Every key of the index's `meta` table, and the one way to read and write them.
///
/// A key is either a value (`ranking`: the stored ranking parameters as JSON) or a mark,
/// present or absent (`term_sections_stale`: set in every transaction that changes
/// sections, removed with the new counts). Writes happen in the caller's transaction.
enum MetaKey: String, CaseIterable {
    /// `newssearch`: tells a newssearch index from any other SQLite file.
    case application
    /// The layout version (``IndexSchema/version``).
    case schemaVersion = "schema_version"
    /// The dump readers' rules version the files were read with (``DumpFile/rulesVersion``).
    case readingRules = "reading_rules"
    /// The folders the index was built from, as a JSON array.
    case roots
    /// The last run's summary, as JSON (``IndexStats``).
    case lastRun = "last_run"
    /// The ranking parameters chosen with `config`, as JSON.
    case ranking
    /// Mark: every section has token marks (schema version 2 on).
    case tokenMarksComplete = "token_marks_complete"
    /// The number of sections ``TermStatistics`` counted in.
    case termSectionsTotal = "term_sections_total"
    /// Mark: the term counts may not match the sections.
    case termSectionsStale = "term_sections_stale"
    /// Mark: the article attribute arrays may not match the articles.
    case attributesStale = "article_attributes_stale"
    /// Bumped whenever the attribute arrays are rebuilt, so caches know they are old.
    case attributesGeneration = "article_attributes_generation"
    /// Mark: the impact index covers every section. Named for its layout (schema version
    /// 12, block records read in place, ``PostingsCodec``): a process of an older build that
    /// still has the file open looks for its own layout's mark, finds none, and searches
    /// exhaustively instead of reading tables it cannot decode.
    case impactComplete = "impact_complete_12"
    /// The marks of layouts 7 to 11, removed when their tables are dropped.
    case layout11ImpactComplete = "impact_complete_11"
    case layout10ImpactComplete = "impact_complete_10"
    case layout9ImpactComplete = "impact_complete_9"
    case layout8ImpactComplete = "impact_complete_8"
    case layout7ImpactComplete = "impact_complete_7"
    /// The mark of layouts 4 to 6, removed when their tables are dropped.
    case olderImpactComplete = "impact_complete"

    /// The completion marks of older impact layouts.
    static let olderImpactMarks: [MetaKey] = [.layout11ImpactComplete, .layout10ImpactComplete, .layout9ImpactComplete, .layout8ImpactComplete,
                                              .layout7ImpactComplete, .olderImpactComplete]

    /// The key's value, or nil when it is absent.
    func value(in db: Database) throws -> String? {
        // Bound and read straight from the statement: searches read a key each time.
        let statement = try db.cachedStatement(sql: "SELECT value FROM meta WHERE key = ?")
        StatementBinding.bind(statement.sqliteStatement, 1, rawValue)
        var value: String?
        try StatementRows(statement).forEach { row in value = row.text(0) }
        return value
    }

    /// Whether the key is present (a mark is set).
    func isSet(in db: Database) throws -> Bool {
        try value(in: db) != nil
    }

    /// Stores `value` under the key, replacing any.
    func set(_ value: String, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)").execute(arguments: [rawValue, value])
    }

    /// Sets the mark.
    func mark(in db: Database) throws {
        try set("1", in: db)
    }

    /// Removes the key.
    func remove(in db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM meta WHERE key = ?").execute(arguments: [rawValue])
    }

    /// Adds one to the key's integer value, starting at 1.
    func increment(in db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO meta(key, value) VALUES (?, '1')
            ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1
            """).execute(arguments: [rawValue])
    }
}
