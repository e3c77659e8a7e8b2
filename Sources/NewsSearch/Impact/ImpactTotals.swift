import GRDB

/// BM25's collection statistics as the impact index keeps them (`impact_totals`).
struct ImpactTotals: Equatable, Sendable {
    var sections: Int64
    var lengths: SIMD4<Int64>

    var generation: Int64 = 0

    /// Each field's mean length over the live sections (BM25's `avglen`; 0 when empty).
    var averageLengths: [Double] {
        let rows = Double(max(sections, 1))
        return (0..<4).map { Double(lengths[$0]) / rows }
    }

    /// Read once per search (its generation says whether the cached directory is
    /// current), straight from the statement: a GRDB row cost 3 µs more.
    static func load(_ db: Database) throws -> ImpactTotals {
        let statement = try db.cachedStatement(sql: """
            SELECT sections, title, heading, body, author, generation FROM impact_totals WHERE id = 0
            """)
        var totals = ImpactTotals(sections: 0, lengths: .zero)
        try StatementRows(statement).forEach { row in
            totals = ImpactTotals(sections: row.int64(0), lengths: SIMD4(row.int64(1), row.int64(2), row.int64(3), row.int64(4)),
                                  generation: row.int64(5))
        }
        return totals
    }

    /// How many terms have been numbered (``TermRows/id``): the last number given.
    static func termCount(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT terms FROM impact_totals WHERE id = 0")) ?? 0
    }

    static func setTermCount(_ count: Int64, _ db: Database) throws {
        try db.cachedStatement(sql: "UPDATE impact_totals SET terms = ? WHERE id = 0").execute(arguments: [count])
    }

    static func add(sections: Int64, lengths: SIMD4<Int64>, _ db: Database) throws {
        try db.cachedStatement(sql: """
            UPDATE impact_totals SET generation = generation + 1, sections = sections + ?, title = title + ?, heading = heading + ?,
                body = body + ?, author = author + ? WHERE id = 0
            """).execute(arguments: [sections, lengths[0], lengths[1], lengths[2], lengths[3]])
    }
}
