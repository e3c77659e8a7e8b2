import Foundation
import GRDB
import GRDBSQLite

/// The façade of the library: query text in, ranked hits with snippets out.
///
/// One search: parse and compile the query (``QueryParser``, ``FTS5Compiler``); scan
/// every matching section once, scoring it in Swift (`ns_rank`) or with FTS5's
/// `bm25()`, grouping sections into articles as they stream by (``ArticleCollector``);
/// then, for the page of hits only, load titles and text, phrase spans (`ns_spans`),
/// snippets (``PassageSelector``) and explanations.
public struct SearchEngine: Sendable {
    public let store: IndexStore

    public init(store: IndexStore) {
        self.store = store
    }

    /// Parses and compiles a query; the first stage of ``search(_:options:)``.
    public static func compile(_ text: String, mode: QueryParser.Mode) throws(SearchError) -> String {
        try compile(parse(text, mode: mode))
    }

    static func parse(_ text: String, mode: QueryParser.Mode) throws(SearchError) -> QueryNode {
        do {
            return try QueryParser.parse(text, mode: mode)
        } catch {
            throw .query(error)
        }
    }

    static func compile(_ query: QueryNode) throws(SearchError) -> String {
        do {
            return try FTS5Compiler.compile(query)
        } catch {
            throw .query(error)
        }
    }

    /// The typed terms and phrases of a natural-language query that feedback may add
    /// to: a bare list of words and phrases, OR-ed. Queries with operators, fields or
    /// exclusions say exactly what they want and are not expanded.
    static func expandableLeaves(of query: QueryNode) -> [QueryNode]? {
        switch query {
        case .term(_, prefix: false), .phrase: return [query]
        case let .or(children):
            let plain = children.allSatisfy { if case .term(_, prefix: false) = $0 { true } else if case .phrase = $0 { true } else { false } }
            return plain ? children : nil
        default: return nil
        }
    }

    public func search(_ text: String, options requested: SearchOptions = SearchOptions()) throws(SearchError) -> SearchResults {
        var timings = SearchTimings()
        let start = ContinuousClock.now
        var clock = start
        let (query, queryFilters) = try Self.parseWithFilters(text, mode: requested.mode)
        let options = Self.merging(queryFilters, into: requested)
        var match = try Self.compile(query)
        timings.parse = clock.duration(to: .now).seconds
        clock = .now
        let parameters = options.parameters ?? storedParameters()
        do {
            let deadline = options.timeLimit.map(SearchDeadline.init(seconds:))
            return try store.pool.read { db in try Self.enforcing(deadline, on: db) {
                if let results = try prunedSearch(db, text: text, query: query, match: match, options: options,
                                                  parameters: parameters, timings: timings, start: start, clock: clock) {
                    return results
                }
                let session = RankingSession.of(db)
                session?.begin(recording: options.snippet != nil && options.ranker == .bm25f && !options.countOnly)
                let (attributes, scope) = try searchFilters(db, options: options)
                var sink = CollectorSink(collector: ArticleCollector(capacity: options.countOnly ? 1 : options.offset + options.limit,
                                                                     groupByArticle: !options.sectionsOnly, keepSections: options.listSections),
                                         scope: scope, attributes: attributes)
                // Hits sorted by date are not the best-scoring rows: their phrase instances
                // are recorded by the date the collector's heap needs, not by score.
                let byScore = options.sort == .relevance
                let typedMatch = match
                var expansion: [String] = []
                if options.ranker == .bm25f, options.mode == .any, parameters.feedback.isEnabled,
                   let typed = Self.expandableLeaves(of: query), typed.count >= parameters.feedback.minimumTerms {
                    expansion = try expandedScan(db, match: match, parameters: parameters, options: options,
                                                 scope: scope) { id, score in
                        sink.offer(section: id, score: score)
                    }
                    if !expansion.isEmpty { match = try Self.compile(.or(typed + expansion.map { .term($0, prefix: false) })) }
                } else {
                    if !byScore, let lookup = attributes {
                        session?.recordingKey = { row in
                            let article = SectionID.article(of: row)
                            return lookup.admits(article) ? lookup.key(article) : nil
                        }
                    }
                    try scan(db, match: match, ranker: options.ranker, parameters: parameters) { id, score in
                        sink.offer(section: id, score: score)
                        if byScore { session?.threshold = sink.collector.threshold } else { session?.keyThreshold = sink.collector.keyThreshold }
                    }
                }
                let expansionWeights = Array(repeating: parameters.feedback.weight, count: expansion.count)
                let entries = options.countOnly ? [] : Array(sink.collector.finish().dropFirst(options.offset))
                let weights = options.ranker == .bm25f ? session?.lastIDF ?? [] : []
                var (hits, bodies) = try loadHits(db, entries: entries, offset: options.offset,
                                                  withBodies: options.snippet != nil)
                timings.rank = clock.duration(to: .now).seconds
                clock = .now
                if let snippetOptions = options.snippet, !hits.isEmpty {
                    try attachSnippets(db, hits: &hits, bodies: bodies, entries: entries, match: typedMatch, weights: weights,
                                       options: snippetOptions)
                }
                if options.explain, !hits.isEmpty {
                    try attachExplanations(db, hits: &hits, entries: entries, match: match, parameters: parameters,
                                           expansionWeights: expansionWeights)
                    applyRecency(to: &hits, options: options, attributes: sink.attributes)
                }
                timings.snippets = clock.duration(to: .now).seconds
                timings.total = start.duration(to: .now).seconds
                if options.countOnly { _ = sink.collector.finish() }
                return SearchResults(query: text, match: match, expansion: expansion, total: sink.collector.total,
                                     hits: hits, facets: sink.attributes?.facets() ?? [:], timings: timings)
            } }
        } catch let error as SearchError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
            throw .tooSlow(limit: options.timeLimit ?? 0)
        } catch {
            throw Self.searchError(error, query: text, path: store.path)
        }
    }

    /// Runs `body` under `deadline`, if there is one.
    static func enforcing<T>(_ deadline: SearchDeadline?, on db: Database, _ body: () throws -> T) rethrows -> T {
        guard let deadline else { return try body() }
        return try deadline.enforce(on: db, body)
    }

    /// What a failure inside a search means: a fault of the index or the machine is
    /// reported as such (``IndexError``); only FTS5 refusing an expression the compiler
    /// built is a newssearch bug.
    static func searchError(_ error: any Error, query: String, path: String) -> SearchError {
        switch error {
        case let error as SearchError: return error
        case let error as IndexError: return .index(error)
        case let error as DatabaseError:
            let mapped = IndexError.from(error, path: path, operation: "searching")
            return mapped.isFault ? .index(mapped) : .internalQuery(query: query)
        default: return .internalQuery(query: query)
        }
    }

    /// Steps through every section matching `match`, in row-id order, with its score
    /// (higher is better for both rankers).
    func scan(_ db: Database, match: String, ranker: Ranker, parameters: RankingParameters,
              expansionWeights: [Double] = [], _ body: (Int64, Double) -> Void) throws {
        let statement: Statement
        switch ranker {
        case .bm25f:
            statement = try db.cachedStatement(sql: "SELECT rowid, ns_rank(sections_fts, ?, ?) FROM sections_fts WHERE sections_fts MATCH ?")
            try statement.setArguments([parameters.encoded, Self.weightList(expansionWeights), match])
        case .fts5:
            statement = try db.cachedStatement(sql: "SELECT rowid, -bm25(sections_fts, 1.0, 1.0, 1.0, 0.0) FROM sections_fts WHERE sections_fts MATCH ?")
            try statement.setArguments([match])
        }
        try StatementRows(statement).forEach { row in body(row.int64(0), row.double(1)) }
    }

    /// The FTS5-only baseline of the benchmarks: `ORDER BY bm25() LIMIT k` over sections,
    /// no Swift work per row. Returns the section ids.
    public func baselineTopSections(match: String, limit: Int) throws(SearchError) -> [Int64] {
        do {
            return try store.pool.read { db in
                try Int64.fetchAll(db, sql: """
                    SELECT rowid FROM sections_fts WHERE sections_fts MATCH ?
                    ORDER BY bm25(sections_fts, 1.0, 1.0, 1.0, 0.0) LIMIT ?
                    """, arguments: [match, limit])
            }
        } catch {
            throw Self.searchError(error, query: match, path: store.path)
        }
    }

}
