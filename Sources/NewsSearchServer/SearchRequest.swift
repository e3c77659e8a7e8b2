import NewsSearch

/// The search a `GET /api/search` asks for, read and checked from its query string.
struct SearchRequest: Sendable {
    /// The most hits one page may ask for.
    static let maxLimit = 100
    /// The deepest page offset accepted (deeper paging would rank that many articles).
    static let maxOffset = 10_000

    var query: String
    var options: SearchOptions

    init(_ parameters: QueryString) throws(APIError) {
        guard let query = parameters["q"], !query.allSatisfy(\.isWhitespace) else {
            throw APIError(.badRequest, "give a query in `q`, e.g. /api/search?q=korea+border")
        }
        self.query = query
        options = SearchOptions()
        options.limit = try parameters.integer("limit", default: 10, in: 1...Self.maxLimit)
        options.offset = try parameters.integer("offset", default: 0, in: 0...Self.maxOffset)
        options.mode = try parameters.flag("any") ? .any : .all
    }
}
