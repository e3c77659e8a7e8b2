import GRDB

extension SearchEngine {
    /// The distinct dump files holding articles that match `query` with `options`'
    /// dates and filters, sorted (`search --files-with-matches`, as `rg -l`).
    public func matchingFiles(_ query: String, options requested: SearchOptions = SearchOptions()) throws(SearchError) -> [String] {
        let (node, filters) = try Self.parseWithFilters(query, mode: requested.mode)
        let options = Self.merging(filters, into: requested)
        let match = try Self.compile(node)
        do {
            return try store.pool.read { db in
                let scan = AttributeScan.isNeeded(options)
                    ? AttributeScan(attributes: try ArticleAttributes.load(db, schemaVersion: store.schemaVersion, cache: store.attributeCache), options: options) : nil
                var articles: [Int64] = []
                let statement = try db.cachedStatement(sql: "SELECT rowid FROM sections_fts WHERE sections_fts MATCH ?")
                try statement.setArguments([match])
                try StatementRows(statement).forEach { row in
                    let article = SectionID.article(of: row.int64(0))
                    guard article != articles.last, scan?.admits(article) ?? true else { return }
                    articles.append(article)
                }
                return try String.fetchAll(db, sql: """
                    SELECT DISTINCT f.path FROM json_each(?) j JOIN articles a ON a.id = j.value JOIN files f ON f.id = a.file_id
                    ORDER BY f.path
                    """, arguments: [Self.jsonList(articles)])
            }
        } catch {
            throw Self.searchError(error, query: query, path: store.path)
        }
    }
}
