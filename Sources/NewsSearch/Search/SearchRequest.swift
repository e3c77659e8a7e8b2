/// One search as every stage after parsing sees it: the text as typed, the parsed query
/// and its typed FTS5 expression, the options with the query's own filters merged in,
/// and the ranking parameters in force.
struct SearchRequest {
    let text: String
    let query: QueryNode
    let match: MatchExpression
    let options: SearchOptions
    let parameters: RankingParameters
    /// The search's time limit, if it has one (``SearchDeadline``).
    let deadline: SearchDeadline?

    /// The typed words and phrases that query expansion may add to, when this search
    /// expands: BM25F with `--any`, feedback on, and enough plain words typed.
    var expandableLeaves: [QueryNode]? {
        guard options.ranker == .bm25f, options.mode == .any, parameters.feedback.isEnabled,
              let leaves = SearchEngine.expandableLeaves(of: query), leaves.count >= parameters.feedback.minimumTerms else {
            return nil
        }
        return leaves
    }

    /// The collector for the page this search asks for.
    func collector(capacity: Int? = nil, keepSections: Bool? = nil) -> ArticleCollector {
        ArticleCollector(capacity: capacity ?? options.offset + options.limit, groupByArticle: !options.sectionsOnly,
                         keepSections: keepSections ?? options.listSections)
    }
}

/// The stages' times of one search (``SearchTimings``), taken as each stage ends.
struct SearchStopwatch {
    private(set) var timings = SearchTimings()
    private let start = ContinuousClock.now
    private var lapStart = ContinuousClock.now

    /// Ends the stage that began at the last lap and returns its seconds.
    mutating func lap() -> Double {
        let now = ContinuousClock.now
        defer { lapStart = now }
        return lapStart.duration(to: now).seconds
    }

    mutating func endParse() { timings.parse = lap() }
    mutating func endRank() { timings.rank = lap() }
    mutating func endSnippets() { timings.snippets = lap() }

    /// The timings, with the whole search's wall time.
    func finished() -> SearchTimings {
        var result = timings
        result.total = start.duration(to: .now).seconds
        return result
    }
}
