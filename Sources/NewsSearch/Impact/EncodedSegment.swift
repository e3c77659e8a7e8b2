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
    /// The normalisation its blocks' tight bounds were computed under.
    var basis: BoundBasis

    /// One term's row of `impact_postings`, its entry's part in `impact_terms`
    /// (``TermRows``), and its rows of `impact_positions` (none when its positions are
    /// inline, at the end of `data`; ``PostingsCodec``).
    struct Row: Sendable {
        var patterns: [UInt8] = []
        var data: [UInt8] = []
        var positions: [[UInt8]] = []
        var inlinePositions = false
        /// Which of its blocks have skip tables (``PostingsBuilder``): the same for every
        /// row of a segment, which says so for them all.
        var skipTables = SkipTableLayout.current
    }

    /// Stores the segment, its postings and the new totals; returns the segment id.
    func write(_ db: Database) throws -> Int64 {
        let segment = try store(db)
        try ImpactTotals.add(sections: Int64(ids.count), lengths: totals, db)
        return segment
    }

    /// Stores the segment row and its postings rows, under `id` if given (a merge keeps
    /// the first merged segment's id), leaving the totals alone; returns the segment id.
    /// A term without an entry takes its number from `termNumbers` (a merge's terms, whose
    /// entries it emptied), else the next one.
    func store(_ db: Database, id: Int64? = nil, termNumbers: [String: Int64] = [:]) throws -> Int64 {
        let skipTables = rows.first?.skipTables ?? .current
        precondition(rows.allSatisfy { $0.skipTables == skipTables }, "a segment's rows all have one skip-table layout")
        try db.execute(sql: """
            INSERT INTO impact_segments(id, documents, first_section, last_section, ids, lengths, bound_basis, skip_tables)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, ids.count, ids.first, ids.last, Data(SegmentColumns.encode(ids: ids)),
                             Data(SegmentColumns.encode(lengths: lengths)), Data(basis.encoded), skipTables.rawValue])
        let segment = db.lastInsertedRowID
        let insert = try db.cachedStatement(sql: "INSERT INTO impact_postings(id, data) VALUES (?, ?)")
        let insertPositions = try db.cachedStatement(sql: "INSERT INTO impact_positions(id, data) VALUES (?, ?)")
        // New terms are numbered on from the last number given (``TermRows/id``).
        var termCount = try ImpactTotals.termCount(db)
        // The segment's chunks are numbered in term order, each term's from where the
        // last one's ended (``PositionChunkID``).
        var chunk: Int64 = 0
        for (term, row) in zip(terms, rows) {
            let first = chunk
            var entry: TermRows
            if let known = try TermRows.read(term, db: db) {
                entry = known
            } else if let number = termNumbers[term] {
                entry = TermRows(id: number)
            } else {
                guard termCount >= 0, termCount < (1 << 32) - 1 else {
                    throw IndexError.impactDamage(detail: "totals: \(termCount) terms numbered, more than a row id holds")
                }
                termCount += 1
                entry = TermRows(id: termCount)
            }
            entry.insert(TermRows.Entry(segment: segment, firstChunk: row.inlinePositions ? PostingsCodec.inlinePositionsMark : first,
                                        patterns: row.patterns))
            try entry.write(term, db: db)
            let id = PostingsRowID(term: entry.id, segment: segment).rawValue
            try StatementBinding.run(insert, db) { handle in
                sqlite3_bind_int64(handle, 1, id)
                StatementBinding.bind(handle, 2, blob: row.data)
            }
            for positions in row.positions {
                let id = PositionChunkID(segment: segment, chunk: chunk).rawValue
                try StatementBinding.run(insertPositions, db) { handle in
                    sqlite3_bind_int64(handle, 1, id)
                    StatementBinding.bind(handle, 2, blob: positions)
                }
                chunk += 1
            }
        }
        try ImpactTotals.setTermCount(termCount, db)
        return segment
    }
}
