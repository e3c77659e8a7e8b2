import Foundation
import Testing
@testable import NewsSearchServer

/// Limits and refusals: oversized requests, slow requests, path traversal, the CSP.
@Suite("Hardening")
struct HardeningTests {
    @Test("a query over the query-length limit is 400; a request address over the URL limit is 413")
    func sizes() async throws {
        let index = try TestIndex(articles: Fixtures.articles)
        let server = try await RunningServer(configuration: index.configuration())
        defer { Task { await server.stop() } }
        let long = try await server.search(String(repeating: "a", count: 11_000))
        #expect(long.status == 400)
        #expect((long.json["error"] as? String)?.contains("bytes long") == true)
        let huge = try await server.search(String(repeating: "border ", count: 4_000))
        #expect(huge.status == 413)
        #expect((huge.json["error"] as? String)?.contains("shorten") == true)
    }

    @Test("a request past the time limit is 503 with a message saying what to do")
    func timeLimit() async throws {
        let index = try TestIndex(articles: Fixtures.articles)
        var configuration = index.configuration()
        configuration.requestTimeLimit = .zero
        let server = try await RunningServer(configuration: configuration)
        defer { Task { await server.stop() } }
        let reply = try await server.search("border")
        #expect(reply.status == 503)
        #expect(reply.json["error"] as? String == APIError.timedOut.message)
    }

    @Test("path traversal in any spelling is 404", arguments: [
        "/../Package.swift", "/%2e%2e/Package.swift", "/%2E%2E%2FPackage.swift", "/..%2fPackage.swift",
        "/Public/index.html", "/./app.js/..", "/app.js/../../etc/passwd", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    ])
    func traversal(target: String) async throws {
        let index = try TestIndex(articles: Fixtures.articles)
        let server = try await RunningServer(configuration: index.configuration())
        defer { Task { await server.stop() } }
        #expect(try await server.rawStatus("GET \(target) HTTP/1.1") == 404)
    }

    @Test("the page and its files are served with their content types and a CSP without inline script")
    func page() async throws {
        let index = try TestIndex(articles: Fixtures.articles)
        let server = try await RunningServer(configuration: index.configuration())
        defer { Task { await server.stop() } }
        let cases = [("/", "text/html"), ("/app.js", "text/javascript"), ("/app.css", "text/css"), ("/api/openapi.json", "application/json")]
        for (target, type) in cases {
            let reply = try await server.get(target)
            #expect(reply.status == 200, "\(target)")
            #expect(reply.header("Content-Type")?.hasPrefix(type) == true, "\(target)")
            let csp = try #require(reply.header("Content-Security-Policy"))
            #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"))
            #expect(reply.header("X-Content-Type-Options") == "nosniff")
        }
        let html = try await server.get("/")
        #expect(!html.text.contains("<script>") && html.text.contains("<script src=\"/app.js\""))
        #expect(html.text.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) == nil, "no inline event handlers")
        let openapi = try await server.get("/api/openapi.json")
        #expect((openapi.json["paths"] as? [String: Any])?.keys.contains("/api/search") == true)
    }

    @Test("the page's script never puts data into the page as HTML")
    func scriptUsesTextContent() throws {
        let script = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/NewsSearchServer/Public/app.js").standardizedFileURL, encoding: .utf8)
        for unsafe in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("] {
            #expect(!script.contains(unsafe), "app.js uses \(unsafe)")
        }
    }
}
