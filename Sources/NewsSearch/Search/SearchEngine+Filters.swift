/// The query-language filters (`source:bbc`) beside the search options' own.
extension SearchEngine {
    static func parseWithFilters(_ text: String, mode: QueryParser.Mode) throws(SearchError) -> (QueryNode, [ArticleField: [String]]) {
        do {
            let parsed = try QueryParser.parseWithFilters(text, mode: mode)
            return (parsed.query, parsed.filters)
        } catch {
            throw .query(error)
        }
    }

    /// `options` with the query's filters added: values of one field are alternatives,
    /// different fields must all hold.
    static func merging(_ filters: [ArticleField: [String]], into options: SearchOptions) -> SearchOptions {
        guard !filters.isEmpty else { return options }
        var merged = options
        for (field, values) in filters { merged.filters[field, default: []] += values }
        return merged
    }
}
