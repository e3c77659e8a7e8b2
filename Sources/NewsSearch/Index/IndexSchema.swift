import GRDB

/// The tables of an index file, and the rules that tie them together.
///
/// - `files`: one row per dump file (path, size, mtime, content hash): the manifest
///   behind incremental runs.
/// - `articles`: one row per article, with its file and record number in that file.
/// - `sections`: one row per section. Its id encodes the article:
///   `id = articleID << 6 | ordinal` (see ``SectionID``), so a matching FTS row names
///   its article without a join. `token_marks` says where every 16th token of the body
///   starts (``TokenMarks``), for snippets.
/// - `section_content`: a view giving each section the columns the full-text index
///   covers: `title` (the article's), `heading`, `body`, `author` (the article's).
/// - `sections_fts`: an FTS5 table over that view (external content, so each text is
///   stored once), tokenised with `porter unicode61 remove_diacritics 2`.
/// - `term_sections`: how many sections hold each indexed term (``TermStatistics``).
/// - `articles.date_utc` (seconds since 1970, UTC; `date` keeps the text as found),
///   `source`, `category`, `place`, `lang` (several values one per line), and
///   `article_attributes`: the same packed by article id for searches
///   (``ArticleAttributes``), since version 3.
/// - `impact_*`: the impact index for pruned top-k search (``ImpactSchema``), since version 4;
///   its tight block bounds (`bound_basis`, `maxima`) since version 5; its offsets in
///   chunks (`impact_positions`) and combined block maxima since version 6; its documents
///   bit-packed since version 7; a word's offsets in its postings row when they are few
///   since version 8; skip tables in its large blocks since version 9 and in every full
///   block since version 10 (`impact_segments.skip_tables` says which rule a segment was
///   written under); its terms numbered in `impact_terms` and their postings under
///   integer row ids since version 11; each row's blocks described by fixed-width
///   records read in place since version 12; skip-table entries every 4 postings, as
///   narrow as they can be, since version 13 (segments written before keep their rule:
///   a version 12 index needs no rebuild).
public enum IndexSchema {
    /// Bumped whenever the layout changes. An index of an older version (``migratable``)
    /// is brought up to date when opened for writing (``migrate(_:from:)``); any other
    /// version is refused.
    public static let version = 13
    /// The marker stored in `meta` that tells a newssearch index from any SQLite file.
    static let application = "newssearch"
    /// The FTS5 tokenizer, shared by the index and everything that must agree with it.
    public static let tokenizer = "porter unicode61 remove_diacritics 2"
    /// The full-text columns, in FTS5 column order: FTS5, the impact index and the
    /// ranking parameters all name a column by its position here.
    public enum Column: Int, CaseIterable, Sendable {
        case title, heading, body, author

        public var name: String { "\(self)" }
        /// This column's bit in a column mask (``PreparedQuery/ColumnMask``).
        var bit: UInt8 { 1 << UInt8(rawValue) }
    }
    /// The full-text columns' names, in FTS5 column order.
    public static let columns = Column.allCases.map(\.name)
    /// Older versions this build searches (the exhaustive way, where their impact index
    /// has an older layout) and migrates when the file is opened for writing.
    static let migratable: Set<Int> = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    /// Tables and views every index has; one missing means the file is damaged.
    static let requiredTables = ["meta", "files", "articles", "sections", "section_content", "sections_fts",
                                 "sections_fts_data", "sections_fts_idx", "sections_fts_config"]

    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE files (
                id INTEGER PRIMARY KEY,
                path TEXT NOT NULL UNIQUE,
                size INTEGER NOT NULL,
                mtime_ns INTEGER NOT NULL,
                hash INTEGER NOT NULL,
                format TEXT NOT NULL
            );
            CREATE TABLE articles (
                id INTEGER PRIMARY KEY,
                file_id INTEGER NOT NULL REFERENCES files(id),
                record INTEGER NOT NULL,
                external_id TEXT,
                title TEXT NOT NULL,
                author TEXT,
                date TEXT,
                url TEXT,
                related TEXT,
                text_bytes INTEGER NOT NULL,
                date_utc INTEGER,
                source TEXT,
                category TEXT,
                place TEXT,
                lang TEXT
            );
            CREATE INDEX articles_by_file ON articles(file_id);
            CREATE TABLE sections (
                id INTEGER PRIMARY KEY,
                article_id INTEGER NOT NULL REFERENCES articles(id),
                ordinal INTEGER NOT NULL,
                heading TEXT NOT NULL,
                body TEXT NOT NULL,
                token_marks BLOB,
                line INTEGER
            );
            CREATE VIEW section_content(id, title, heading, body, author) AS
                SELECT s.id, a.title, s.heading, s.body, coalesce(a.author, '')
                FROM sections s JOIN articles a ON a.id = s.article_id;
            CREATE VIRTUAL TABLE sections_fts USING fts5(
                title, heading, body, author,
                content='section_content', content_rowid='id',
                tokenize='\(tokenizer)'
            );
            """)
        try TermStatistics.createTable(db)
        try ArticleAttributes.createTable(db)
        try ImpactSchema.create(db)
        try ImpactSchema.markComplete(db)
        try MetaKey.application.set(application, in: db)
        try MetaKey.schemaVersion.set(String(version), in: db)
        try MetaKey.tokenMarksComplete.mark(in: db)
        try db.execute(sql: "PRAGMA user_version = \(version)")
    }

    /// `ALTER TABLE … ADD COLUMN` unless the table has the column already.
    private static func addColumn(_ table: String, _ definition: String, _ db: Database) throws {
        let name = String(definition.prefix { $0 != " " })
        guard try !db.columns(in: table).contains(where: { $0.name == name }) else { return }
        try db.execute(sql: "ALTER TABLE \(table) ADD COLUMN \(definition)")
    }

    /// Brings an index of an older version up to this one, in the caller's transaction;
    /// false if `version` is not one this build can migrate from.
    static func migrate(_ db: Database, from version: Int) throws -> Bool {
        guard migratable.contains(version) else { return false }
        // Version 2 added `sections.token_marks`: sections without marks are tokenized
        // from their start for snippets, as before, until the next index run.
        try addColumn("sections", "token_marks BLOB", db)
        // Version 3 added the article attributes; the index run that migrates reads every
        // file again once (``DumpFile/rulesVersion`` changed with them) and fills them in.
        for column in ["date_utc INTEGER", "source TEXT", "category TEXT", "place TEXT", "lang TEXT"] {
            try addColumn("articles", column, db)
        }
        try addColumn("sections", "line INTEGER", db)
        try ArticleAttributes.createTable(db)
        try ArticleAttributes.markStale(db)
        // Version 4 added the impact index; versions 5 to 12 changed its layout, last its
        // block headers: an older layout is dropped, and the next index run fills the
        // index in (``ImpactBackfill``), as it fills in one made before version 4.
        // Version 13's skip tables are a segment's own (`impact_segments.skip_tables`):
        // version 12's segments are read by their rule and keep it.
        try ImpactSchema.dropOlderLayout(db, version: version)
        try ImpactSchema.create(db)
        try MetaKey.schemaVersion.set(String(Self.version), in: db)
        try db.execute(sql: "PRAGMA user_version = \(Self.version)")
        return true
    }
}

/// The encoding of a section's row id: `articleID << 6 | ordinal`.
///
/// The FTS row id alone then names the article, which makes grouping hits by article a
/// shift instead of a join. 6 bits allow 64 sections per article (the text of further
/// sections is folded into the 64th, see `ArticleWriter.fitted`) and keep row ids
/// dense: with 20 bits the full-text index was 42 % larger than with dense ids (its
/// doclists store row-id deltas as varints), with 6 bits 10 %.
public enum SectionID {
    public static let ordinalBits = 6
    public static let maxOrdinal = (1 << ordinalBits) - 1

    public static func make(article: Int64, ordinal: Int) -> Int64 {
        article << Int64(ordinalBits) | Int64(min(ordinal, maxOrdinal))
    }
    public static func article(of id: Int64) -> Int64 { id >> Int64(ordinalBits) }
    public static func ordinal(of id: Int64) -> Int { Int(id & Int64(maxOrdinal)) }
    /// The inclusive range of section ids of one article.
    public static func range(of article: Int64) -> ClosedRange<Int64> {
        make(article: article, ordinal: 0)...make(article: article, ordinal: maxOrdinal)
    }
}
