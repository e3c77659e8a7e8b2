/// One result of a search: an article (or a section, with `--sections-only`), the
/// section that matched best, and why.
public struct SearchHit: Sendable {
    /// What is known about the hit's article.
    public struct ArticleInfo: Sendable, Codable, Equatable {
        public var id: Int64
        public var externalID: String?
        public var title: String
        public var path: String
        public var record: Int
        public var author: String?
        /// The date as found in the dump.
        public var date: String?
        public var url: String?
        /// The date as seconds since 1970 (UTC), if it could be read.
        public var dateSeconds: Int64?
        public var source: String?
        /// Categories, several for some Reuters articles.
        public var categories: [String] = []
        /// 1-based line where the hit section starts in a text dump (nil for other formats).
        public var line: Int?
    }

    /// A section of the hit's article.
    public struct SectionInfo: Sendable, Codable, Equatable {
        public var ordinal: Int
        public var heading: String
        public var score: Double
    }

    public var rank: Int
    public var score: Double
    public var article: ArticleInfo
    public var section: SectionInfo
    public var matchingSections: Int
    /// The other matching sections, best first (only with ``SearchOptions/listSections``).
    public var otherSections: [SectionInfo]
    public var snippet: Snippet?
    public var explanation: Explanation?
}

/// The answer to one search.
public struct SearchResults: Sendable {
    public var query: String
    /// The FTS5 MATCH expression the query compiled to.
    public var match: String
    /// Words added to a natural-language query by pseudo-relevance feedback.
    public var expansion: [String]
    /// Matching articles (or sections with `--sections-only`) in the whole index.
    public var total: Int
    /// The search skipped sections that could not reach the page (``TopKPruning``), so
    /// ``total`` counts only the matching articles it looked at: at least that many match.
    public var totalIsLowerBound = false
    public var hits: [SearchHit]
    /// With ``SearchOptions/facets``: per field, the 10 values most matching articles
    /// have, most first (ties by value).
    public var facets: [String: [FacetCount]] = [:]
    /// Time per stage, in seconds.
    public var timings: SearchTimings
}

/// How long each stage of a search took, in seconds.
public struct SearchTimings: Sendable {
    public var parse = 0.0
    public var rank = 0.0
    public var snippets = 0.0
    /// Wall time of the whole search, start to finish, waits included.
    public var total = 0.0

    /// No time yet (for a benchmark that fills it from a search's results).
    package init() {}
}
