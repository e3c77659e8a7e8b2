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
///   in version 9, every full block's since version 10, an entry every 4 postings since
///   version 13). Live sections of a later segment have
///   higher ids than those of any earlier one, so segment order is section-id order.
/// - `impact_terms`: per term, its number and which segments hold its postings, with
///   each row's live document counts per field pattern (which fields hold the term), so
///   any column filter's document frequency is a sum, and where its offsets are
///   (``TermRows``).
/// - `impact_postings`: per term and segment, the postings in blocks with per-block
///   score bounds and the blocks' tight bounds (``PostingsCodec``), under an integer row
///   id (``PostingsRowID``): a search reads each row whole through a BLOB handle.
/// - `impact_positions`: the postings' token offsets, per term and segment in chunks of
///   ``PostingsCodec/blocksPerPositionChunk`` blocks, so that a phrase or the proximity
///   bonus reads the offsets of the blocks it visits, not of a common word's whole list;
///   a term whose offsets in a segment are few has them in its `impact_postings` row
///   instead (``PostingsCodec/inlinePositionBytes``).
///   A chunk's row id is ``PositionChunkID``: its segment, and its number among the
///   segment's chunks (the term's entry says where its own start), so a read is one seek
///   by integer; keyed by text in a table without row ids, with kilobytes a row, a seek
///   cost several times as much (measured).
/// - `impact_deleted`: sections deleted since their segment was written; their postings
///   stay until a merge rewrites the segment.
/// - `impact_totals`: live sections and total tokens per field: BM25's `N` and the
///   average lengths, equal to FTS5's own (a test checks it); a generation, raised by
///   every change, that tells a process its cached ``SegmentDirectory`` is old; and how
///   many terms have been numbered.
///
/// The `meta` mark ``MetaKey/impactComplete`` is present once every section is in a
/// segment; until then searches use the exhaustive path and the next index run fills
/// the index in. An index whose impact tables have an older layout (schema versions 4
/// to 11; version 11's rows held the blocks' maxima, then varint block headers decoded
/// whole when a word was opened) is searched the exhaustive way too; migrating it drops them and its next run
/// builds them anew (``ImpactBackfill``).
public enum ImpactSchema {
    /// The first schema version whose impact layout this build reads.
    static let layoutVersion = 12

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
            CREATE TABLE IF NOT EXISTS impact_terms (
                term TEXT PRIMARY KEY,
                id INTEGER NOT NULL,
                rows BLOB NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS impact_postings (
                id INTEGER PRIMARY KEY,
                data BLOB NOT NULL
            );
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
                title INTEGER NOT NULL, heading INTEGER NOT NULL, body INTEGER NOT NULL, author INTEGER NOT NULL,
                terms INTEGER NOT NULL DEFAULT 0
            );
            INSERT OR IGNORE INTO impact_totals(id, generation, sections, title, heading, body, author) VALUES (0, 0, 0, 0, 0, 0, 0);
            """)
    }

    /// Whether the impact index covers every section. The mark is read first: running a
    /// statement brings this connection's copy of the schema up to date, which the table
    /// look-up then relies on.
    static func isComplete(_ db: Database) throws -> Bool {
        try MetaKey.impactComplete.isSet(in: db) && TableLookup.exists("impact_segments", in: db)
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
            DROP TABLE IF EXISTS impact_positions; DROP TABLE IF EXISTS impact_totals; DROP TABLE IF EXISTS impact_terms;
            """)
        for mark in [MetaKey.impactComplete] + MetaKey.olderImpactMarks { try mark.remove(in: db) }
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
