import GRDB

/// Whether a word is in the index at all, before its postings are read: a search skips a
/// phrase with a word in no section (``TopKSearch/plan(_:query:expansion:parameters:cache:reusing:deadline:)``).
extension TermPostings {
    /// Whether `term` has postings in some segment: its entry in `impact_terms`
    /// (``TermRows``), a row of a few bytes, one seek. A word whose sections were all
    /// deleted keeps its entry until a merge drops them, and is read, matching nothing.
    static func exists(_ term: String, db: Database) throws -> Bool {
        let statement = try db.cachedStatement(sql: "SELECT 1 FROM impact_terms WHERE term = ?")
        StatementBinding.bind(statement.sqliteStatement, 1, term)
        var found = false
        try StatementRows(statement).forEach { _ in found = true }
        return found
    }
}
