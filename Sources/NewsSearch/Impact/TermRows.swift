import GRDB
import GRDBSQLite

/// One term's entry in `impact_terms`: its number, and which segments hold a row of its
/// postings, each with what a search needs of that row before reading it: the live
/// section counts per field pattern (``FieldPatterns``, lowered as sections are deleted)
/// and where its offsets are (its first chunk, or inline in the row).
///
/// The postings rows themselves are in a table with integer row ids (``PostingsRowID``),
/// read whole through a BLOB handle (``BlobReader``): one look-up of the term, then one
/// seek by integer a segment. Keyed by `(term, segment)` in a table without row ids, a
/// seek compared keys whose rows overflow their page by copying each such row whole,
/// and every row was read column by column through the VDBE: about twice the
/// instructions and the time a word (measured).
///
/// Stored as `(segment gap, first chunk + 1 or 0 when inline, pattern bytes, patterns)`
/// varints and bytes, in increasing segment order.
struct TermRows: Equatable, Sendable {
    struct Entry: Equatable, Sendable {
        var segment: Int64
        /// The row's first chunk of positions, or ``PostingsCodec/inlinePositionsMark``.
        var firstChunk: Int64
        var patterns: [UInt8]
    }

    /// The term's number: its rows' ids are ``PostingsRowID``s of it.
    var id: Int64
    var entries: [Entry]

    init(id: Int64, entries: [Entry] = []) {
        self.id = id
        self.entries = entries
    }

    /// Decodes `bytes` (``encoded``); nil when they are cut or damaged.
    init?(id: Int64, encoded bytes: UnsafeRawBufferPointer) {
        self.id = id
        var entries: [Entry] = []
        guard Self.forEachEntry(in: bytes, { segment, chunk, patterns in
            entries.append(Entry(segment: segment, firstChunk: chunk, patterns: [UInt8](patterns)))
        }) else { return nil }
        self.entries = entries
    }

    /// Calls `body` with each entry of `bytes` (``encoded``) in place: its segment, first
    /// chunk and pattern bytes; false when they are cut or damaged. A search reads a
    /// word's entry so, copying nothing (an array a row was a tenth of opening a word).
    static func forEachEntry(in bytes: UnsafeRawBufferPointer,
                             _ body: (Int64, Int64, UnsafeRawBufferPointer) throws -> Void) rethrows -> Bool {
        var offset = 0
        var segment: Int64 = 0
        while offset < bytes.count {
            // Each value compared before it is made an integer (a damaged one may not fit),
            // and each of an entry's three must be there: a cut entry is not a shorter one.
            // Segment ids are below 2³¹ (``PostingsRowID``); chunks at most ``PositionChunkID/maxChunk``.
            let gap = Varint.read(bytes, &offset)
            guard gap < 1 << 31, offset < bytes.count else { return false }
            segment += Int64(gap)
            let chunk = Varint.read(bytes, &offset)
            guard segment < 1 << 31, chunk <= UInt64(PositionChunkID.maxChunk) + 1, offset < bytes.count else { return false }
            let length = Varint.read(bytes, &offset)
            guard length <= UInt64(bytes.count - offset) else { return false }
            let end = offset + Int(length)
            try body(segment, Int64(chunk) - 1, UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
            offset = end
        }
        return true
    }

    /// Calls `body` with the number of `term` and its encoded entry, in place (valid
    /// during the call); false, calling nothing, when the term has no entry.
    static func withEncoded(_ term: String, db: Database,
                            _ body: (Int64, UnsafeRawBufferPointer) throws -> Void) throws -> Bool {
        let statement = try db.cachedStatement(sql: "SELECT id, rows FROM impact_terms WHERE term = ?")
        StatementBinding.bind(statement.sqliteStatement, 1, term)
        var found = false
        try StatementRows(statement).forEach { row in
            found = true
            // SQLite's copy of the value, valid until the statement steps again.
            let bytes = row.withBlob(1) { UnsafeRawBufferPointer($0) } ?? UnsafeRawBufferPointer(start: nil, count: 0)
            try body(try number(row.int64(0), of: term), bytes)
        }
        return found
    }

    var encoded: [UInt8] {
        var bytes: [UInt8] = []
        var previous: Int64 = 0
        for entry in entries {
            Varint.append(UInt64(entry.segment - previous), to: &bytes)
            Varint.append(UInt64(entry.firstChunk + 1), to: &bytes)
            Varint.append(UInt64(entry.patterns.count), to: &bytes)
            bytes += entry.patterns
            previous = entry.segment
        }
        return bytes
    }

    /// Adds (or replaces) the entry of `entry.segment`, keeping segment order: a merge
    /// writes its segment under the first merged one's id, before later segments.
    mutating func insert(_ entry: Entry) {
        entries.removeAll { $0.segment == entry.segment }
        let index = entries.firstIndex { $0.segment > entry.segment } ?? entries.count
        entries.insert(entry, at: index)
    }

    // MARK: - Reading and writing

    /// The rows of `term`, nil when it has none.
    static func read(_ term: String, db: Database) throws -> TermRows? {
        var found: TermRows??
        _ = try withEncoded(term, db: db) { id, bytes in found = TermRows(id: id, encoded: bytes) }
        guard let found else { return nil }
        guard let rows = found else { throw IndexError.impactDamage(detail: "terms: the entry of \(term) is cut") }
        return rows
    }

    /// Calls `body` with every term's entry, in term order.
    static func forEach(_ db: Database, _ body: (String, TermRows) throws -> Void) throws {
        try StatementRows(db.makeStatement(sql: "SELECT term, id, rows FROM impact_terms ORDER BY term")).forEach { row in
            let term = row.text(0) ?? ""
            let id = try number(row.int64(1), of: term)
            guard let rows = row.withBlob(2, { TermRows(id: id, encoded: UnsafeRawBufferPointer($0)) }) ?? TermRows(id: id) else {
                throw IndexError.impactDamage(detail: "terms: the entry of \(term) is cut")
            }
            try body(term, rows)
        }
    }

    /// `id`, a term's number as stored, if it can be one (``PostingsRowID``); else damage.
    private static func number(_ id: Int64, of term: String) throws -> Int64 {
        guard id > 0, id < 1 << 32 else { throw IndexError.impactDamage(detail: "terms: the entry of \(term) has no valid number") }
        return id
    }

    /// Stores the entry, or deletes it when no segment holds the term any more.
    func write(_ term: String, db: Database) throws {
        if entries.isEmpty {
            try db.cachedStatement(sql: "DELETE FROM impact_terms WHERE term = ?").execute(arguments: [term])
            return
        }
        let statement = try db.cachedStatement(sql: "INSERT OR REPLACE INTO impact_terms(term, id, rows) VALUES (?, ?, ?)")
        try StatementBinding.run(statement, db) { handle in
            StatementBinding.bind(handle, 1, term)
            sqlite3_bind_int64(handle, 2, id)
            StatementBinding.bind(handle, 3, blob: encoded)
        }
    }
}

/// The row id of a term's postings in one segment: the term's number
/// (``TermRows/id``) in the high bits and the segment id in the low 31, so that a read
/// is one seek by integer.
struct PostingsRowID {
    let rawValue: Int64

    init(term: Int64, segment: Int64) {
        precondition(term > 0 && term < 1 << 32 && segment >= 0 && segment < 1 << 31, "postings row out of range")
        rawValue = term << 31 | segment
    }
}
