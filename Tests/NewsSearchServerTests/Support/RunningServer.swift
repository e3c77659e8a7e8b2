import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import NewsSearch
import NewsSearchTestSupport
@testable import NewsSearchServer

/// A real `newssearch serve` on a free loopback port, over an index the test made, for
/// real HTTP requests; stopped when the test calls ``stop()``.
final class RunningServer: @unchecked Sendable {
    let server: NewsServer
    let port: Int
    private let task: Task<Void, any Error>

    /// Starts the server and waits until it listens.
    init(configuration: ServerConfiguration) async throws {
        var configuration = configuration
        configuration.port = 0
        configuration.logsErrors = false
        let server = try NewsServer(configuration: configuration)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        task = Task { try await server.run { port in continuation.yield(port) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else { throw ServerTestError.didNotStart }
        self.server = server
        self.port = port
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }

    /// A response as the tests look at it.
    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: Data

        var text: String { String(decoding: body, as: UTF8.self) }
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        func header(_ name: String) -> String? { headers.first { $0.key.lowercased() == name.lowercased() }?.value }
    }

    /// `GET path` (path and query string, already encoded) with URLSession.
    func get(_ target: String) async throws -> Reply {
        let url = URL(string: "http://127.0.0.1:\(port)\(target)")!
        let (data, response) = try await URLSession.shared.data(from: url)
        let http = response as! HTTPURLResponse
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields { headers["\(key)"] = "\(value)" }
        return Reply(status: http.statusCode, headers: headers, body: data)
    }

    /// `GET` of a search with `q` and other parameters form-encoded.
    func search(_ query: String, _ parameters: [String: String] = [:]) async throws -> Reply {
        try await get("/api/search?" + Self.encode(["q": query].merging(parameters) { a, _ in a }))
    }

    static func encode(_ parameters: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return parameters.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed)!)" }
            .joined(separator: "&")
    }

    /// Sends `request` bytes exactly as given on a plain socket (no client-side clean-up
    /// of `..`) and returns the status code of the reply.
    /// The socket calls block, so they run on a thread of their own, not the test's.
    func rawStatus(_ requestLine: String) async throws -> Int {
        let port = port
        let request = requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        let text = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<String, any Error>) in
            Thread.detachNewThread { continuation.resume(with: Result { try RawHTTP.exchange(port: port, request: request) }) }
        }
        let parts = text.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, let status = Int(parts[1]) else { throw ServerTestError.badReply(text) }
        return status
    }
}

enum ServerTestError: Error {
    case didNotStart
    case badReply(String)
    case socket(String)
}

/// A test index over hand-made articles in a temporary folder.
struct TestIndex {
    let directory: TemporaryDirectory
    var dumps: String { directory.path + "/dumps" }
    var path: String { directory.indexPath }

    init(articles: [String: String]) throws {
        directory = TemporaryDirectory()
        for (name, text) in articles { directory.write("dumps/" + name, text) }
        try index()
    }

    /// Runs an index run over the dumps folder (as `newssearch index` in another process would).
    func index() throws {
        try makeIndex(in: directory, roots: [dumps])
    }

    func configuration() -> ServerConfiguration {
        ServerConfiguration(indexPath: path)
    }
}
