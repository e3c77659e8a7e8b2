import Foundation
import Testing
import NewsSearchTestSupport

/// `show`, `export`, `timeline` and the new `search` flags, run as a user would.
@Suite struct WorkflowCommandTests {
    static let feed = """
        {"id":"w1","title":"Oil rises","text":"Oil prices rose in March.\\n\\nMarkets\\n\\nTraders said oil was scarce.","author":"Ann Lee","date":"1987-03-02T10:00:00Z","url":"http://x/1","source":"wire","category":["crude"]}
        {"id":"w2","title":"Oil falls","text":"Oil prices fell.","date":"1987-04-20T10:00:00Z","category":["crude","gas"]}
        {"id":"w3","title":"Wheat","text":"Wheat prices rose.","date":"1987-04-05"}

        """

    func json(_ line: Substring) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func optimizeSaysWhatItMergedAndSearchesStillAnswer() throws {
        let scratch = try TemporaryDirectory.indexing(["feed.jsonl": Self.feed])
        let optimized = try CLI.run(["optimize", "--index", scratch.indexPath])
        #expect(optimized.status == 0)
        #expect(optimized.stdout.contains("; impact index 1 segment → 1"), "\(optimized.stdout)")
        #expect(try CLI.run(["search", "oil", "--index", scratch.indexPath, "--count"]).stdout == "2\n")
    }

    @Test func showJSONIsTheParseRecordPlusItsID() throws {
        let scratch = try TemporaryDirectory.indexing(["feed.jsonl": Self.feed])
        let parsed = try CLI.run(["parse", scratch.path + "/dumps/feed.jsonl", "--json"])
        let first = try json(try #require(parsed.stdout.split(separator: "\n").first))
        let search = try CLI.run(["search", "oil rises", "--index", scratch.indexPath, "--json"])
        let firstHit = try #require(search.stdout.split(separator: "\n").first)
        let article = try json(firstHit)["article"] as? [String: Any]
        let id = try #require(article?["id"] as? Int)
        let shown = try CLI.run(["show", String(id), "--index", scratch.indexPath, "--json"])
        #expect(shown.status == 0, "\(shown.stderr)")
        var object = try json(Substring(shown.stdout.trimmingCharacters(in: .newlines)))
        #expect(object.removeValue(forKey: "id") as? Int == id)
        #expect(NSDictionary(dictionary: object).isEqual(to: first), "show: \(shown.stdout)\nparse: \(parsed.stdout)")
        let text = try CLI.run(["show", scratch.path + "/dumps/feed.jsonl#1", "--index", scratch.indexPath, "--query", "traders", "--color", "never"])
        #expect(text.stdout.contains("[Traders] said oil was scarce."))
        #expect(text.stdout.contains("date: 1987-03-02T10:00:00Z"))
        #expect(try CLI.run(["show", "999", "--index", scratch.indexPath]).status == 1)
    }

    @Test func searchCountsFilesAndFacets() throws {
        let scratch = try TemporaryDirectory.indexing(["feed.jsonl": Self.feed, "bbc/business/1.txt": "Oil deal\nAn oil deal was made.\n"])
        #expect(try CLI.run(["search", "oil", "--index", scratch.indexPath, "--count"]).stdout == "3\n")
        #expect(try CLI.run(["search", "oil", "--index", scratch.indexPath, "--count", "--since", "1987-04"]).stdout == "1\n")
        #expect(try CLI.run(["search", "oil", "--index", scratch.indexPath, "--count", "--source", "bbc"]).stdout == "1\n")
        let files = try CLI.run(["search", "prices", "--index", scratch.indexPath, "--files-with-matches"])
        #expect(files.stdout == scratch.path + "/dumps/feed.jsonl\n")
        let faceted = try CLI.run(["search", "oil", "--index", scratch.indexPath, "--json", "--facets", "category,year"])
        let summary = try json(try #require(faceted.stdout.split(separator: "\n").last))
        let facets = try #require(summary["facets"] as? [String: [[String: Any]]])
        #expect(facets["category"]?.first?["value"] as? String == "crude" && facets["category"]?.first?["count"] as? Int == 2)
        #expect(facets["year"]?.first?["value"] as? String == "1987")
        let unknown = try CLI.run(["search", "date:1987", "--index", scratch.indexPath])
        #expect(unknown.status == 2 && unknown.stderr.contains("`source:`"))
        let boosted = try CLI.run(["search", "prices", "--index", scratch.indexPath, "--explain", "--recency-half-life", "30d", "--color", "never"])
        #expect(boosted.stdout.contains("= recency (0.5 ^ (age / half-life)"))
        let hit = try CLI.run(["search", "deal", "--index", scratch.indexPath, "--color", "never"])
        #expect(hit.stdout.contains("/dumps/bbc/business/1.txt:2 [show "))
    }

    @Test func timelineJSONBucketsSumToTheMatches() throws {
        let scratch = try TemporaryDirectory.indexing(["feed.jsonl": Self.feed])
        let result = try CLI.run(["timeline", "prices", "oil", "--index", scratch.indexPath, "--json"])
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let prices = try json(lines[0])
        let buckets = try #require(prices["buckets"] as? [[String: Any]])
        #expect(buckets.map { $0["period"] as? String } == ["1987-03", "1987-04"])
        #expect(buckets.compactMap { $0["count"] as? Int }.reduce(0, +) == 3)
        #expect(prices["query"] as? String == "prices" && prices["undated"] as? Int == 0)
        let chart = try CLI.run(["timeline", "prices", "oil", "--index", scratch.indexPath])
        #expect(chart.stdout.contains("1987-04 ") && chart.stdout.contains("█"))
    }

    @Test func exportedJSONLinesReindexToTheSameResults() throws {
        let scratch = try TemporaryDirectory.indexing(["feed.jsonl": Self.feed, "bbc/business/1.txt": "Oil deal\nAn oil deal was made.\n"])
        let exported = try CLI.run(["export", "--index", scratch.indexPath, "--format", "jsonl", "--articles"])
        #expect(exported.status == 0, "\(exported.stderr)")
        scratch.write("again/export.jsonl", exported.stdout)
        let again = scratch.path + "/again.db"
        #expect(try CLI.run(["index", scratch.path + "/again", "--index", again, "--quiet"]).status == 0)
        for query in ["oil", "prices", "traders", "deal"] {
            let titles = { (index: String) throws -> [String] in
                try CLI.run(["search", query, "--index", index, "--json", "--no-snippet"]).stdout.split(separator: "\n").dropLast()
                    .map { try json($0) }.compactMap { ($0["article"] as? [String: Any])?["title"] as? String }
            }
            #expect(try titles(scratch.indexPath) == titles(again), "\(query)")
        }
        #expect(try CLI.run(["search", "oil", "--index", again, "--count", "--since", "1987-04"]).stdout == "1\n")
    }

    @Test func bulkFilesAlternateActionAndSourceLines() throws {
        let scratch = try TemporaryDirectory.indexing(["feed.jsonl": Self.feed])
        let out = scratch.path + "/bulk"
        let result = try CLI.run(["export", "--index", scratch.indexPath, "--format", "opensearch-bulk", "--out", out, "--chunk-mb", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: out + "/export-0001.ndjson", encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 2 * 4)
        for (index, line) in lines.enumerated() {
            let object = try json(line)
            if index % 2 == 0 {
                let action = try #require(object["index"] as? [String: Any])
                #expect(action["_index"] as? String == "news")
                #expect(action["_id"] as? String == (try json(lines[index + 1]))["id"] as? String)
            } else {
                #expect(object["text"] is String && object["title"] is String)
            }
        }
        #expect(FileManager.default.fileExists(atPath: out + "/mapping.json"))
    }
}
