import Foundation
import Hummingbird
import Logging
import NewsSearch

/// `newssearch serve`: the JSON API and the search page over one index, on Hummingbird.
///
/// Middleware, outermost first: timing (every response gets `Server-Timing`), security
/// headers, errors as JSON, request limits; then the routes.
public struct NewsServer: Sendable {
    public let configuration: ServerConfiguration
    let provider: IndexProvider
    let assets: StaticAssets

    /// Opens the index (read-only) and loads the page; throws a one-line ``ServerError``.
    public init(configuration: ServerConfiguration) throws(ServerError) {
        self.configuration = configuration
        do {
            provider = try IndexProvider(path: configuration.indexPath)
        } catch {
            throw .index(error)
        }
        do {
            assets = try StaticAssets.bundled()
        } catch {
            throw .missingPage
        }
    }

    /// How many times the index file has been opened (1 until it changes on disk).
    public var indexOpenings: Int { provider.openCount }

    func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: ServerTimingMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: RequestLimitMiddleware(maxURLBytes: configuration.maxURLBytes, maxBodyBytes: configuration.maxBodyBytes))
        APIRoutes(provider: provider, work: BlockingWork(width: configuration.maxConcurrentSearches),
                  timeLimit: configuration.requestTimeLimit).register(on: router)
        PageRoutes(assets: assets).register(on: router)
        return router
    }

    /// Serves until SIGINT or SIGTERM (or the task is cancelled), then stops accepting
    /// connections and finishes the requests in flight. `onRunning` gets the bound port.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        var logger = Logger(label: "newssearch.serve")
        logger.logLevel = configuration.logsErrors ? .warning : .critical
        let app = Application(
            router: router(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "newssearch"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
        try await app.runService()
    }
}

/// Why the server cannot start.
public enum ServerError: Error, CustomStringConvertible, Sendable {
    case index(IndexError)
    case missingPage

    public var description: String {
        switch self {
        case .index(let error): "\(error)"
        case .missingPage: "the search page's files are missing from this build: rebuild newssearch (swift build)"
        }
    }
}
