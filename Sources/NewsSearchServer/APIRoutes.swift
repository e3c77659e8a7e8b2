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
    }

    func search(_ request: Request) async throws -> Response {
        let search = try SearchRequest(QueryString(request.uri.query ?? ""))
        let results = try await library { store in try SearchEngine(store: store).search(search.query, options: search.options) }
        var response = JSONResponse.raw(Array(SearchResponse.json(results).utf8))
        response.headers[.serverTiming] = SearchResponse.timing(results)
        return response
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
