import Foundation
import Testing
@testable import NewsSearchServer

/// The JSON API over real HTTP: what a client of `newssearch serve` sees.
@Suite("API routes")
struct APIRoutesTests {
    @Test("a search answers the hits and summary of search --json in one object")
    func search() async throws {
        let index = try TestIndex(articles: Fixtures.articles)
        let server = try await RunningServer(configuration: index.configuration())
        defer { Task { await server.stop() } }
        let reply = try await server.search("border")
        #expect(reply.status == 200)
        #expect(reply.header("Content-Type")?.hasPrefix("application/json") == true)
        let hits = reply.json["hits"] as? [[String: Any]] ?? []
        let summary = reply.json["summary"] as? [String: Any] ?? [:]
        #expect(hits.count == 2)
        #expect(summary["total"] as? Int == 2)
        #expect(summary["type"] as? String == "summary")
        let titles = hits.compactMap { ($0["article"] as? [String: Any])?["title"] as? String }
        #expect(Set(titles) == ["Border Closure Shakes The Peninsula", "Markets Calm After The Border News"])
        let snippet = hits[0]["snippet"] as? [String: Any]
        #expect((snippet?["highlights"] as? [[Int]])?.isEmpty == false)
    }

    @Test("a phrase matches only where its words are adjacent, and is highlighted as one span")
    func phrase() async throws {
        let index = try TestIndex(articles: Fixtures.articles)
        let server = try await RunningServer(configuration: index.configuration())
        defer { Task { await server.stop() } }
        let reply = try await server.search("\"calibrated pressure\"")
        let hits = reply.json["hits"] as? [[String: Any]] ?? []
        #expect(hits.count == 1)
        let snippet = try #require(hits.first?["snippet"] as? [String: Any])
        let text = try #require(snippet["text"] as? String)
        let ranges = try #require(snippet["highlights"] as? [[Int]])
        #expect(ranges.count == 1)
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[ranges[0][0]..<ranges[0][1]], as: UTF8.self) == "calibrated pressure")
    }

    @Test("paging with limit and offset, and --any through any=true")
    func paging() async throws {
        let index = try TestIndex(articles: Fixtures.articles)
        let server = try await RunningServer(configuration: index.configuration())
        defer { Task { await server.stop() } }
        let first = try await server.search("border", ["limit": "1"])
        let second = try await server.search("border", ["limit": "1", "offset": "1"])
        let id = { (reply: RunningServer.Reply) in ((reply.json["hits"] as? [[String: Any]])?.first?["article"] as? [String: Any])?["id"] as? Int }
        #expect(id(first) != nil && id(second) != nil && id(first) != id(second))
        let all = try await server.search("maize sanctions")
        let any = try await server.search("maize sanctions", ["any": "true"])
        #expect((all.json["summary"] as? [String: Any])?["total"] as? Int == 0)
        #expect((any.json["summary"] as? [String: Any])?["total"] as? Int == 2)
    }

    @Test("an unusable query is 400 with the message and the column it concerns")
    func badQuery() async throws {
        let index = try TestIndex(articles: Fixtures.articles)
        let server = try await RunningServer(configuration: index.configuration())
        defer { Task { await server.stop() } }
        let reply = try await server.search("korea (border")
        #expect(reply.status == 400)
        #expect(reply.json["error"] as? String == "query: `(` at column 7 is never closed: add `)`")
        #expect(reply.json["position"] as? Int == 7)
        let missing = try await server.get("/api/search")
        #expect(missing.status == 400)
        #expect((missing.json["error"] as? String)?.contains("`q`") == true)
        let badLimit = try await server.search("border", ["limit": "1000000"])
        #expect(badLimit.status == 400)
        #expect((badLimit.json["error"] as? String)?.contains("`limit`") == true)
    }

    @Test("stats are stats --json")
    func stats() async throws {
        let index = try TestIndex(articles: Fixtures.articles)
        let server = try await RunningServer(configuration: index.configuration())
        defer { Task { await server.stop() } }
        let reply = try await server.get("/api/stats")
        #expect(reply.status == 200)
        #expect(reply.json["articles"] as? Int == 3)
        #expect(reply.json["files"] as? Int == 3)
    }

    @Test("an unknown address is a JSON 404, never a stack trace")
    func unknownRoute() async throws {
        let index = try TestIndex(articles: Fixtures.articles)
        let server = try await RunningServer(configuration: index.configuration())
        defer { Task { await server.stop() } }
        let reply = try await server.get("/api/nothing")
        #expect(reply.status == 404)
        #expect(reply.json["error"] is String)
    }

    @Test("every response carries Server-Timing, searches with their stages")
    func serverTiming() async throws {
        let index = try TestIndex(articles: Fixtures.articles)
        let server = try await RunningServer(configuration: index.configuration())
        defer { Task { await server.stop() } }
        let search = try await server.search("border")
        let timing = try #require(search.header("Server-Timing"))
        for stage in ["parse;dur=", "rank;dur=", "snippets;dur=", "total;dur="] { #expect(timing.contains(stage)) }
        for target in ["/", "/api/stats", "/api/nothing", "/api/search?q=%28"] {
            let reply = try await server.get(target)
            #expect(reply.header("Server-Timing")?.contains("total;dur=") == true, "\(target)")
        }
    }
}
