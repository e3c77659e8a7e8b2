import Foundation
import GRDB
import GRDBSQLite

/// An impact-index segment in its stored form, made by ``SegmentBuilder/encoded()``
/// off the database: its sections' ids and field lengths, and per term (in byte order)
/// the row of its postings. ``write(_:)`` stores it in the caller's transaction.
struct EncodedSegment: Sendable {
    var ids: [Int64]
    var lengths: [UInt32]
    /// The terms in the order of `rows`.
    var terms: [String]
    var rows: [Row]
    /// The field lengths summed over the sections, for ``ImpactTotals``.
    var totals: SIMD4<Int64>

    /// One term's row of `impact_postings`.
    struct Row: Sendable {
        var patterns: [UInt8] = []
        var data: [UInt8] = []
        var positions: [UInt8] = []
    }

    /// Stores the segment, its postings and the new totals; returns the segment id.
    func write(_ db: Database) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO impact_segments(documents, first_section, last_section, ids, lengths) VALUES (?, ?, ?, ?, ?)
            """, arguments: [ids.count, ids.first, ids.last, Data(SegmentColumns.encode(ids: ids)),
                             Data(SegmentColumns.encode(lengths: lengths))])
        let segment = db.lastInsertedRowID
        // One row per term: bound straight onto the statement (no `Data` or
        // `StatementArguments` per row), as ``ArticleWriter`` does for its hot loop.
        let handle = try db.cachedStatement(sql: """
            INSERT INTO impact_postings(term, segment, patterns, data, positions) VALUES (?, ?, ?, ?, ?)
            """).sqliteStatement
        for (term, row) in zip(terms, rows) {
            var term = term
            term.withUTF8 { bytes in
                _ = sqlite3_bind_text(handle, 1, UnsafeRawPointer(bytes.baseAddress)?.assumingMemoryBound(to: CChar.self),
                                      Int32(bytes.count), SQLITE_TRANSIENT_DESTRUCTOR)
            }
            sqlite3_bind_int64(handle, 2, segment)
            Self.bind(row.patterns, to: handle, at: 3)
            Self.bind(row.data, to: handle, at: 4)
            Self.bind(row.positions, to: handle, at: 5)
            let status = sqlite3_step(handle)
            sqlite3_reset(handle)
            guard status == SQLITE_DONE else {
                throw DatabaseError(resultCode: ResultCode(rawValue: status), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
        }
        try ImpactTotals.add(sections: Int64(ids.count), lengths: totals, db)
        return segment
    }

    /// Binds `bytes` as a blob (an empty one is a zero-length blob, never NULL).
    private static func bind(_ bytes: [UInt8], to handle: OpaquePointer, at index: Int32) {
        bytes.withUnsafeBytes { buffer in
            if let base = buffer.baseAddress, !buffer.isEmpty {
                _ = sqlite3_bind_blob(handle, index, base, Int32(buffer.count), SQLITE_TRANSIENT_DESTRUCTOR)
            } else {
                _ = sqlite3_bind_zeroblob(handle, index, 0)
            }
        }
    }
}
