import Foundation
import GRDB
import GRDBSQLite

/// The façade of the library: query text in, ranked hits with snippets out.
///
/// One search: parse the query (``QueryParser``) into a ``SearchRequest`` with its FTS5
/// expression (``MatchExpression``); rank it through the impact index with pruning
/// (``TopKSearch``, in `SearchEngine+TopK`) or, for what that cannot answer exactly, by
/// scoring every match FTS5 finds (`SearchEngine+Exhaustive`); group sections into
/// articles as they arrive (``ArticleCollector`` behind ``CollectorSink``); then, for the
/// page of hits only, load their details (`+Hits`), snippets and explanations
/// (`+Snippets`).
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
        try matchExpression(query).text
    }

    static func matchExpression(_ query: QueryNode) throws(SearchError) -> MatchExpression {
        do {
            return try MatchExpression(query)
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
        var stopwatch = SearchStopwatch()
        let (query, queryFilters) = try Self.parseWithFilters(text, mode: requested.mode)
        let options = Self.merging(queryFilters, into: requested)
        let match = try Self.matchExpression(query)
        stopwatch.endParse()
        do {
            let deadline = options.timeLimit.map(SearchDeadline.init(seconds:))
            return try store.searchRead { db in try Self.enforcing(deadline, on: db) {
                // The stored parameters in the search's own transaction: read apart, they
                // took a reader of the pool for every search (``SearchConnection``).
                let request = SearchRequest(text: text, query: query, match: match, options: options,
                                            parameters: options.parameters ?? Self.storedParameters(db), deadline: deadline)
                if let results = try prunedSearch(db, request, stopwatch: stopwatch) { return results }
                return try exhaustiveSearch(db, request, stopwatch: stopwatch)
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
