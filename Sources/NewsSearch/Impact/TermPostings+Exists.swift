import GRDB

/// Whether a word is in the index at all, before its postings are read: a search skips a
/// phrase with a word in no section (``TopKSearch/plan(_:query:expansion:parameters:cache:reusing:)``).
extension TermPostings {
    /// Whether `term` is in a live section. With `fromCounts` (the stored term counts
    /// are current, ``TermStatistics``), it is looked up among them, whose rows are
    /// small; else its entry in `impact_terms` (``TermRows``) counts, which lists the
    /// segments holding its postings.
    static func exists(_ term: String, db: Database, fromCounts: Bool) throws -> Bool {
        let statement = try db.cachedStatement(sql: fromCounts ? "SELECT 1 FROM term_sections WHERE term = ?"
                                                               : "SELECT 1 FROM impact_terms WHERE term = ?")
        StatementBinding.bind(statement.sqliteStatement, 1, term)
        var found = false
        try StatementRows(statement).forEach { _ in found = true }
        return found
    }
}
