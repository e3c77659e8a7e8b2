import GRDB

/// Whether a word is in the index at all, before its postings are read: a search skips a
/// phrase with a word in no section (``TopKSearch/plan(_:query:expansion:parameters:cache:reusing:)``).
extension TermPostings {
    /// Whether `term` is in a live section. With `fromCounts` (the stored term counts
    /// are current, ``TermStatistics``), it is looked up among them, whose rows are
    /// small; else any segment's postings of it count. A seek in `impact_postings`
    /// compares keys whose rows overflow their page by reading the whole row (SQLite
    /// does so for tables without row ids): a very common word's tens or hundreds of
    /// kilobytes for a one-row check (147 µs for `the` in a 4-segment 1M index, 23 µs in
    /// one of 24; measured).
    static func exists(_ term: String, db: Database, fromCounts: Bool) throws -> Bool {
        let statement = try db.cachedStatement(sql: fromCounts ? "SELECT 1 FROM term_sections WHERE term = ?"
                                                               : "SELECT 1 FROM impact_postings WHERE term = ? LIMIT 1")
        StatementBinding.bind(statement.sqliteStatement, 1, term)
        var found = false
        try StatementRows(statement).forEach { _ in found = true }
        return found
    }
}
