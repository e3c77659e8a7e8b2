import Foundation

/// Which function orders the hits.
public enum Ranker: String, Sendable, CaseIterable, Codable {
    /// newssearch's BM25F with proximity bonus, computed in Swift.
    case bm25f
    /// FTS5's built-in `bm25()` (the baseline), weights title/heading/body 1, author 0.
    case fts5
}

/// Everything that shapes one search besides the query text.
public struct SearchOptions: Sendable {
    public var limit = 10
    public var offset = 0
    public var mode: QueryParser.Mode = .all
    public var ranker: Ranker = .bm25f
    /// The ranking parameters; nil uses the index's stored parameters or the defaults.
    public var parameters: RankingParameters?
    /// Return sections as results instead of grouping them into articles.
    public var sectionsOnly = false
    /// List each hit article's other matching sections.
    public var listSections = false
    /// Attach a score decomposition to every hit.
    public var explain = false
    /// How to cut snippets; nil means no snippets.
    public var snippet: SnippetOptions? = SnippetOptions()
    /// Wall-clock seconds a search may take before it is stopped with
    /// ``SearchError/tooSlow(limit:)`` (``SearchDeadline``); nil for no limit.
    public var timeLimit: Double? = 30
    /// Only articles of dump files under these folders (absolute paths, as indexed);
    /// empty for the whole index (`search --from DIR`).
    public var folders: [String] = []
    /// Only articles published at or after this instant (undated articles are excluded).
    public var since: Date?
    /// Only articles published before this instant (undated articles are excluded).
    public var until: Date?
    /// The order of the hits; by date, ties go by relevance and undated articles come last.
    public var sort: SearchSort = .relevance
    /// With a value, each score is multiplied by 0.5^(age / half-life), the age measured
    /// back from the index's newest article (seconds); undated articles count as the oldest.
    public var recencyHalfLife: Double?
    /// Only articles with one of the given values of each field (case-insensitive).
    public var filters: [ArticleField: [String]] = [:]
    /// Count the matching articles per value of these fields (``SearchResults/facets``).
    public var facets: [FacetField] = []
    /// Only count the matching articles: no hits are loaded.
    public var countOnly = false
    /// Score every matching section through FTS5 (the reference the pruned search must
    /// equal), even where the impact index could skip most of them.
    public var exhaustive = false

    public init() {}
}
