import GRDB

/// The tables of the impact index: a second, score-bounded view of the postings that
/// FTS5 holds, kept in the same SQLite file and written in the same transactions, so
/// that searches can skip sections that cannot reach the top k (``TopKSearch``).
///
/// - `impact_segments`: one row per segment (one per index batch, or a merge of several):
///   its sections' ids in order (local document `d` is `ids[d]`) and their four field
///   lengths in tokens (``SegmentDirectory``), the basis of its tight block bounds
///   (``BoundBasis``; NULL in segments written before version 5), and which of its
///   blocks have skip tables (``SkipTableLayout``: none before version 9, large blocks'
///   in version 9, every full block's since version 10). Live sections of a later segment have
///   higher ids than those of any earlier one, so segment order is section-id order.
/// - `impact_postings`: per term and segment, the postings in blocks with per-block
///   score bounds (``PostingsCodec``; `maxima` the tight ones) and the live document
///   counts per field pattern (which fields hold the term), so any column filter's
///   document frequency is a sum.
/// - `impact_positions`: the postings' token offsets, per term and segment in chunks of
///   ``PostingsCodec/blocksPerPositionChunk`` blocks, so that a phrase or the proximity
///   bonus reads the offsets of the blocks it visits, not of a common word's whole list;
///   a term whose offsets in a segment are few has them in its `impact_postings` row
///   instead (since version 8; ``PostingsCodec/inlinePositionBytes``).
///   A chunk's row id is ``PositionChunkID``: its segment, and its number among the
///   segment's chunks (the term's row in `impact_postings` says where its own start), so
///   a read is one seek by integer; keyed by text in a table without row ids, with kilobytes
///   a row, a seek cost several times as much (measured).
/// - `impact_deleted`: sections deleted since their segment was written; their postings
///   stay until a merge rewrites the segment.
/// - `impact_totals`: live sections and total tokens per field: BM25's `N` and the
///   average lengths, equal to FTS5's own (a test checks it); and a generation, raised
///   by every change, that tells a process its cached ``SegmentDirectory`` is old.
///
/// The `meta` mark ``MetaKey/impactComplete`` (``MetaKey/layout9ImpactComplete``,
/// ``MetaKey/layout8ImpactComplete`` or ``MetaKey/layout7ImpactComplete`` in a version 9,
/// 8 or 7 index not yet migrated) is present once every section is in a segment; until then searches use the exhaustive path and the next index run fills
/// the index in. An index whose impact tables have an older layout (schema version 4
/// to 6: offsets in one column per term and segment, then documents as varints) is
/// searched the exhaustive way too; migrating it drops them and its next run builds them
/// anew (``ImpactBackfill``).
public enum ImpactSchema {
    /// The first schema version whose impact layout this build reads (version 7's rows
    /// are version 8's without inline offsets).
    static let layoutVersion = 7

    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS impact_segments (
                id INTEGER PRIMARY KEY,
                documents INTEGER NOT NULL,
                first_section INTEGER NOT NULL,
                last_section INTEGER NOT NULL,
                ids BLOB NOT NULL,
                lengths BLOB NOT NULL,
                bound_basis BLOB NOT NULL,
                skip_tables INTEGER NOT NULL DEFAULT 0
            );
            CREATE TABLE IF NOT EXISTS impact_postings (
                term TEXT NOT NULL,
                segment INTEGER NOT NULL,
                patterns BLOB NOT NULL,
                data BLOB NOT NULL,
                maxima BLOB NOT NULL,
                positions INTEGER NOT NULL,
                PRIMARY KEY (term, segment)
            ) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS impact_positions (
                id INTEGER PRIMARY KEY,
                data BLOB NOT NULL
            );
            CREATE TABLE IF NOT EXISTS impact_deleted (
                segment INTEGER NOT NULL,
                document INTEGER NOT NULL,
                PRIMARY KEY (segment, document)
            ) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS impact_totals (
                id INTEGER PRIMARY KEY CHECK (id = 0),
                generation INTEGER NOT NULL,
                sections INTEGER NOT NULL,
                title INTEGER NOT NULL, heading INTEGER NOT NULL, body INTEGER NOT NULL, author INTEGER NOT NULL
            );
            INSERT OR IGNORE INTO impact_totals VALUES (0, 0, 0, 0, 0, 0, 0);
            """)
    }

    /// Whether the impact index covers every section (in layout 10, or 7 to 9 not yet migrated).
    /// The marks are read first: running a statement brings this connection's copy of
    /// the schema up to date, which the table look-up then relies on.
    static func isComplete(_ db: Database) throws -> Bool {
        try (MetaKey.impactComplete.isSet(in: db) || MetaKey.layout9ImpactComplete.isSet(in: db)
             || MetaKey.layout8ImpactComplete.isSet(in: db) || MetaKey.layout7ImpactComplete.isSet(in: db))
            && TableLookup.exists("impact_segments", in: db)
    }

    /// Moves layout 7's, 8's or 9's completion mark to layout 10's, when a version 7 to 9
    /// index migrates: a process of an older build that has the file open then stops
    /// reading the impact index, whose new segments hold what it cannot read (offsets
    /// inline, skip tables where it expects none). The segments it wrote are kept: they
    /// say which skip tables they have.
    static func markCurrentLayout(_ db: Database) throws {
        var complete = false
        for older in [MetaKey.layout7ImpactComplete, .layout8ImpactComplete, .layout9ImpactComplete] where try older.isSet(in: db) {
            try older.remove(in: db)
            complete = true
        }
        if complete { try MetaKey.impactComplete.mark(in: db) }
    }

    /// Deletes the position chunks of the segments with ids in `segments`.
    static func deletePositions(ofSegments segments: ClosedRange<Int64>, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM impact_positions WHERE id BETWEEN ? AND ?",
                       arguments: [PositionChunkID(segment: segments.lowerBound, chunk: 0).rawValue,
                                   PositionChunkID(segment: segments.upperBound, chunk: PositionChunkID.maxChunk).rawValue])
    }

    static func markComplete(_ db: Database) throws {
        try MetaKey.impactComplete.mark(in: db)
    }

    /// Drops the impact tables of an index of schema `version` if their layout is older
    /// than this one's, and marks the index incomplete, so that the next index run builds
    /// them anew.
    static func dropOlderLayout(_ db: Database, version: Int) throws {
        guard version < layoutVersion, try db.tableExists("impact_postings") else { return }
        try db.execute(sql: """
            DROP TABLE impact_postings; DROP TABLE impact_segments; DROP TABLE IF EXISTS impact_deleted;
            DROP TABLE IF EXISTS impact_positions; DROP TABLE IF EXISTS impact_totals;
            """)
        try MetaKey.impactComplete.remove(in: db)
        try MetaKey.layout9ImpactComplete.remove(in: db)
        try MetaKey.layout8ImpactComplete.remove(in: db)
        try MetaKey.layout7ImpactComplete.remove(in: db)
        try MetaKey.olderImpactComplete.remove(in: db)
    }
}

/// The row id of a chunk of positions: its segment in the high bits and its number
/// among that segment's chunks in the low 32, so a segment's chunks are one range of ids.
struct PositionChunkID {
    static let maxChunk: Int64 = (1 << 32) - 1
    let rawValue: Int64

    init(segment: Int64, chunk: Int64) {
        precondition(segment >= 0 && segment < 1 << 31 && chunk >= 0 && chunk <= Self.maxChunk, "position chunk out of range")
        rawValue = segment << 32 | chunk
    }
}
