import Foundation
import HTTPTypes
import Hummingbird
import NewsSearch

/// The JSON API's handlers: each reads its parameters, runs the library on a read
/// connection off the event loops (``BlockingWork``, within the time limit) and answers
/// with the same JSON the CLI's `--json` prints.
struct APIRoutes: Sendable {
    let provider: IndexProvider
    let work: BlockingWork
    let timeLimit: Duration

    func register(on router: Router<BasicRequestContext>) {
        router.get("/api/search") { request, _ in try await search(request) }
        router.get("/api/stats") { _, _ in try await stats() }
        router.get("/api/articles/{id}") { request, context in try await article(request, id: context.parameters.get("id") ?? "") }
        router.get("/api/timeline") { request, _ in try await timeline(request) }
    }

    func search(_ request: Request) async throws -> Response {
        var search = try SearchRequest(QueryString(request.uri.query ?? ""))
        // SQLite itself stops the search at the limit (``SearchOptions/timeLimit``), so a
        // slow query frees its slot instead of running on after its 503.
        let (seconds, attoseconds) = timeLimit.components
        search.options.timeLimit = Double(seconds) + Double(attoseconds) / 1e18
        let (query, options) = (search.query, search.options)
        let results = try await library { store in try SearchEngine(store: store).search(query, options: options) }
        var response = JSONResponse.raw(Array(SearchResponse.json(results).utf8))
        response.headers[.serverTiming] = SearchResponse.timing(results)
        return response
    }

    func article(_ request: Request, id text: String) async throws -> Response {
        guard let id = Int64(text), id > 0 else {
            throw APIError(.badRequest, "an article id is a whole number (the `id` of a hit), not `\(text.prefix(40))`")
        }
        let parameters = QueryString(request.uri.query ?? "")
        let query = parameters["q"].flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 }
        let mode: QueryParser.Mode = try parameters.flag("any") ? .any : .all
        let found = try await library { store -> (StoredArticle, [Int: (heading: [Range<Int>], body: [Range<Int>])]?)? in
            let reader = ArticleReader(store: store)
            guard let article = try reader.article(id: id) else { return nil }
            return (article, try query.map { try reader.highlights(id: id, query: $0, mode: mode) })
        }
        guard let (article, highlights) = found else {
            throw APIError(.notFound, "no article has id \(id) in this index (it may have been removed by a later index run)")
        }
        return JSONResponse.raw(ArticleResponse.json(article, highlights: highlights))
    }

    func timeline(_ request: Request) async throws -> Response {
        let parameters = QueryString(request.uri.query ?? "")
        let search = try SearchRequest(parameters)
        let by = parameters["by"].flatMap { $0.isEmpty ? nil : $0 } ?? "month"
        guard let period = TimelinePeriod(rawValue: by) else {
            throw APIError(.badRequest, "`by` must be day, week, month or year, not `\(by.prefix(40))`")
        }
        var query = search.query
        // Source and category parameters narrow the timeline as they narrow the search.
        for (field, values) in search.options.filters.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where values.count == 1 {
            guard values[0].unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0) }) else {
                throw APIError(.badRequest, "`\(field.rawValue)` for a timeline must be one word of letters, digits, `-`, `_` or `.`")
            }
            query += " \(field.rawValue):\(values[0])"
        }
        let options = search.options
        let filtered = query
        let result = try await library { store in
            try Timeline.buckets(engine: SearchEngine(store: store), query: filtered, mode: options.mode, by: period,
                                 since: options.since, until: options.until)
        }
        return JSONResponse.make(TimelineJSON(result: result, query: search.query))
    }

    func stats() async throws -> Response {
        JSONResponse.make(try await library { store in try IndexStats(store: store) })
    }

    /// Runs `body` on the current store within the time limit, mapping the library's
    /// typed errors to API errors.
    func library<T: Sendable>(_ body: @escaping @Sendable (IndexStore) throws -> T) async throws -> T {
        let provider = provider
        do {
            return try await work.run(limit: timeLimit) { try body(provider.current()) }
        } catch let error as SearchError {
            throw APIError.from(error)
        } catch let error as IndexError {
            throw APIError.from(error)
        }
    }
}

/// `timeline --json`'s object, with the query as the client typed it.
struct TimelineJSON: Encodable {
    var query: String
    var by: String
    var buckets: [TimelineResult.Bucket]
    var undated: Int

    init(result: TimelineResult, query: String) {
        self.query = query
        by = result.by.rawValue
        buckets = result.buckets
        undated = result.undated
    }
}
