import Foundation
import Testing
@testable import NewsSearchServer

/// The news workflow over HTTP: date filters, sort, source filter, facets, the whole
/// article, the timeline.
@Suite("News routes")
struct NewsRoutesTests {
    static let wire = [
        #"{"id":"a","title":"Oil prices climb","text":"Oil prices rose in March as supply tightened.","date":"1987-03-10T09:00:00Z","source":"wire","category":"energy"}"#,
        #"{"id":"b","title":"Oil exporters meet","text":"Oil exporters met in April to discuss quotas.","date":"1987-04-02T09:00:00Z","source":"herald","category":"energy"}"#,
        #"{"id":"c","title":"Oil and shipping","text":"Shipping firms said oil demand stayed strong in June.","date":"1987-06-20T09:00:00Z","source":"wire","category":"trade"}"#,
    ].joined(separator: "\n") + "\n"

    static func ids(_ reply: RunningServer.Reply) -> [String] {
        (reply.json["hits"] as? [[String: Any]] ?? []).compactMap { ($0["article"] as? [String: Any])?["external_id"] as? String }
    }

    @Test("since/until, sort, source and facets reach the search")
    func filters() async throws {
        let index = try TestIndex(articles: ["wire.jsonl": Self.wire])
        let server = try await RunningServer(configuration: index.configuration())
        defer { Task { await server.stop() } }
        #expect(Self.ids(try await server.search("oil", ["sort": "oldest"])) == ["a", "b", "c"])
        #expect(Self.ids(try await server.search("oil", ["sort": "newest"])) == ["c", "b", "a"])
        #expect(Self.ids(try await server.search("oil", ["since": "1987-04", "until": "1987-04", "sort": "oldest"])) == ["b"])
        #expect(Self.ids(try await server.search("oil", ["source": "wire", "sort": "oldest"])) == ["a", "c"])
        let faceted = try await server.search("oil", ["facets": "source"])
        let sources = ((faceted.json["summary"] as? [String: Any])?["facets"] as? [String: Any])?["source"] as? [[String: Any]] ?? []
        #expect(Dictionary(uniqueKeysWithValues: sources.compactMap { f in (f["value"] as? String).map { ($0, f["count"] as? Int ?? 0) } })
                == ["wire": 2, "herald": 1])
        let badDate = try await server.search("oil", ["since": "last tuesday"])
        #expect(badDate.status == 400)
        let badSort = try await server.search("oil", ["sort": "random"])
        #expect(badSort.status == 400)
    }

    @Test("an article is show --json, with the query's matches when q is given; an unknown id is 404")
    func article() async throws {
        let index = try TestIndex(articles: ["wire.jsonl": Self.wire])
        let server = try await RunningServer(configuration: index.configuration())
        defer { Task { await server.stop() } }
        let hit = try #require((try await server.search("quotas").json["hits"] as? [[String: Any]])?.first)
        let id = try #require((hit["article"] as? [String: Any])?["id"] as? Int)
        let reply = try await server.get("/api/articles/\(id)?q=quotas")
        #expect(reply.status == 200)
        #expect(reply.json["id"] as? Int == id)
        let article = try #require(reply.json["article"] as? [String: Any])
        #expect(article["title"] as? String == "Oil exporters meet")
        let section = try #require((article["sections"] as? [[String: Any]])?.first)
        let text = Array(try #require(section["text"] as? String).utf8)
        let ranges = try #require(section["highlights"] as? [[Int]])
        #expect(ranges.map { String(decoding: text[$0[0]..<$0[1]], as: UTF8.self) } == ["quotas"])
        #expect(try await server.get("/api/articles/999999").status == 404)
        #expect(try await server.get("/api/articles/abc").status == 400)
    }

    @Test("the timeline counts matching articles per period, zeros included")
    func timeline() async throws {
        let index = try TestIndex(articles: ["wire.jsonl": Self.wire])
        let server = try await RunningServer(configuration: index.configuration())
        defer { Task { await server.stop() } }
        let reply = try await server.get("/api/timeline?q=oil&by=month")
        #expect(reply.status == 200)
        let buckets = (reply.json["buckets"] as? [[String: Any]] ?? []).map { ($0["period"] as? String ?? "", $0["count"] as? Int ?? -1) }
        #expect(buckets.map(\.0) == ["1987-03", "1987-04", "1987-05", "1987-06"])
        #expect(buckets.map(\.1) == [1, 1, 0, 1])
        let wire = try await server.get("/api/timeline?q=oil&by=year&source=wire")
        #expect((wire.json["buckets"] as? [[String: Any]])?.first?["count"] as? Int == 2)
        #expect(try await server.get("/api/timeline?q=oil&by=decade").status == 400)
    }
}
