import Foundation
import Testing
@testable import NewsSearch
import NewsSearchTestSupport

/// Dates, filters, sort, facets, timeline and stored articles on a small index.
@Suite struct SearchWorkflowTests {
    /// Six dated oil stories in a JSONL feed, two undated BBC ones in category folders.
    static func archive() throws -> (TemporaryDirectory, SearchEngine) {
        let directory = TemporaryDirectory()
        directory.write("dumps/wire/feed.jsonl", """
            {"id":"w1","title":"Oil rises","text":"oil prices rose","date":"1987-03-02T10:00:00Z","category":["crude"],"place":"usa"}
            {"id":"w2","title":"Oil falls","text":"oil prices fell oil","date":"1987-03-20T10:00:00Z","category":["crude","gas"]}
            {"id":"w3","title":"Oil flat","text":"oil prices were flat","date":"1987-04-11T10:00:00Z","category":["crude"],"place":"japan"}
            {"id":"w4","title":"Oil again","text":"oil oil oil prices","date":"1987-06-01T10:00:00Z","category":["gas"]}
            {"id":"w5","title":"Wheat","text":"wheat prices","date":"1987-03-05T10:00:00Z","category":["grain"]}
            {"id":"w6","title":"Oil undated","text":"oil prices unknown","date":"someday"}
            """)
        directory.write("dumps/bbc/business/001.txt", "Oil firms merge\nTwo oil firms agreed to merge.\n")
        directory.write("dumps/bbc/sport/001.txt", "Oil sponsor\nThe team found an oil sponsor.\n")
        return (directory, try makeEngine(indexing: directory))
    }

    func titles(_ results: SearchResults) -> [String] { results.hits.map(\.article.title) }

    func options(_ change: (inout SearchOptions) -> Void) -> SearchOptions {
        var options = SearchOptions()
        options.snippet = nil
        change(&options)
        return options
    }

    @Test func sourcesAndCategoriesComeFromFoldersUnlessTheDumpSays() throws {
        let (_, engine) = try Self.archive()
        let results = try engine.search("oil", options: options { $0.limit = 20 })
        let byTitle = Dictionary(uniqueKeysWithValues: results.hits.map { ($0.article.title, $0.article) })
        #expect(byTitle["Oil firms merge"]?.source == "bbc" && byTitle["Oil firms merge"]?.categories == ["business"])
        #expect(byTitle["Oil sponsor"]?.categories == ["sport"])
        #expect(byTitle["Oil falls"]?.source == "wire" && byTitle["Oil falls"]?.categories == ["crude", "gas"])
    }

    @Test func dateFiltersAndSortsGiveExactlyTheExpectedArticlesInOrder() throws {
        let (_, engine) = try Self.archive()
        let march = try DateRange.parse("1987-03")
        let inMarch = try engine.search("oil", options: options { $0.since = march.start; $0.until = march.end; $0.sort = .newest })
        #expect(titles(inMarch) == ["Oil falls", "Oil rises"])
        #expect(inMarch.total == 2)
        let oldest = try engine.search("oil", options: options { $0.sort = .oldest; $0.limit = 20 })
        #expect(Array(titles(oldest).prefix(4)) == ["Oil rises", "Oil falls", "Oil flat", "Oil again"])
        // Undated articles come last, by relevance among themselves.
        #expect(Set(titles(oldest).suffix(3)) == ["Oil undated", "Oil firms merge", "Oil sponsor"])
        let newest = try engine.search("oil", options: options { $0.sort = .newest; $0.limit = 4 })
        #expect(titles(newest) == ["Oil again", "Oil flat", "Oil falls", "Oil rises"])
        let since = try engine.search("oil", options: options { $0.since = try? DateRange.parse("1987-04").start })
        #expect(Set(titles(since)) == ["Oil flat", "Oil again"])
    }

    /// Hits sorted by date get the same snippets as when they are found by relevance:
    /// their match positions are kept by the date the page needs, not by score.
    @Test func snippetsOfDateSortedHitsAreTheSnippetsOfTheSameArticles() throws {
        let (directory, engine) = try Self.archive()
        _ = directory
        for sort in [SearchSort.newest, .oldest] {
            let sorted = try engine.search("oil prices", options: options { $0.sort = sort; $0.limit = 2; $0.snippet = SnippetOptions() })
            let byRelevance = try engine.search("oil prices", options: options { $0.limit = 20; $0.snippet = SnippetOptions() })
            #expect(sorted.hits.count == 2)
            for hit in sorted.hits {
                let same = try #require(byRelevance.hits.first { $0.article.id == hit.article.id })
                #expect(hit.snippet == same.snippet, "\(sort): \(hit.article.title)")
                #expect(hit.snippet?.highlights.isEmpty == false)
            }
        }
    }

    @Test func filtersInTheQueryAndInTheOptionsAgree() throws {
        let (_, engine) = try Self.archive()
        let flag = try engine.search("oil", options: options { $0.filters = [.category: ["GAS"]] })
        let query = try engine.search("oil category:gas", options: options { _ in })
        #expect(Set(titles(flag)) == ["Oil falls", "Oil again"])
        #expect(titles(query) == titles(flag))
        #expect(titles(try engine.search("oil place:japan source:wire", options: options { _ in })) == ["Oil flat"])
        #expect(try engine.search("oil source:bbc", options: options { _ in }).total == 2)
        #expect(throws: SearchError.self) { try engine.search("oil date:1987") }
        #expect(throws: SearchError.self) { try engine.search("oil OR source:bbc") }
        #expect(throws: SearchError.self) { try engine.search("source:bbc") }
    }

    @Test func facetsEqualCountsTakenIndependently() throws {
        let (directory, engine) = try Self.archive()
        let results = try engine.search("prices", options: options { $0.facets = [.category, .month, .source]; $0.countOnly = true })
        #expect(results.hits.isEmpty)
        // Independently: which feed articles contain "prices", counted per category and month.
        let lines = try String(contentsOfFile: directory.path + "/dumps/wire/feed.jsonl", encoding: .utf8).split(separator: "\n")
        var categories: [String: Int] = [:], months: [String: Int] = [:]
        for line in lines where line.contains("prices") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            for category in object["category"] as? [String] ?? [] { categories[category, default: 0] += 1 }
            if let date = object["date"] as? String, date.count > 7, date.first == "1" { months[String(date.prefix(7)), default: 0] += 1 }
        }
        #expect(results.total == lines.filter { $0.contains("prices") }.count)
        #expect(Dictionary(uniqueKeysWithValues: results.facets["category"]!.map { ($0.value, $0.count) }) == categories)
        #expect(Dictionary(uniqueKeysWithValues: results.facets["month"]!.map { ($0.value, $0.count) }) == months)
        #expect(results.facets["source"] == [FacetCount(value: "wire", count: results.total)])
    }

    @Test func timelineBucketsSumToTheDatedMatches() throws {
        let (_, engine) = try Self.archive()
        let timeline = try Timeline.buckets(engine: engine, query: "oil", by: .month)
        #expect(timeline.buckets.map(\.period) == ["1987-03", "1987-04", "1987-05", "1987-06"])
        #expect(timeline.buckets.map(\.count) == [2, 1, 0, 1])
        let total = try engine.search("oil").total
        #expect(timeline.buckets.reduce(0) { $0 + $1.count } + timeline.undated == total)
        #expect(timeline.undated == 3)
    }

    @Test func recencyBoostShowsItsFactorInTheExplanation() throws {
        let (_, engine) = try Self.archive()
        let results = try engine.search("prices", options: options { $0.recencyHalfLife = 30 * 86_400; $0.explain = true; $0.limit = 10 })
        let again = try #require(results.hits.first { $0.article.title == "Oil again" })
        let rises = try #require(results.hits.first { $0.article.title == "Oil rises" })
        #expect(again.explanation?.recency == 1)
        let factor = try #require(rises.explanation?.recency)
        #expect(abs(factor - exp2(-91.0 / 30)) < 1e-9)
        #expect(abs((rises.explanation?.total ?? 0) - rises.score) < 1e-9)
    }

    @Test func aStoredArticleIsTheParsedArticle() throws {
        let (directory, engine) = try Self.archive()
        let parsed = try DumpFile(path: directory.path + "/dumps/wire/feed.jsonl").read().articles
        let hit = try #require(try engine.search("\"oil prices fell\"").hits.first)
        let stored = try #require(try ArticleReader(store: engine.store).article(id: hit.article.id))
        var expected = parsed[1].article
        expected.source = "wire"
        #expect(stored.article == expected)
        #expect(stored.record == 2 && stored.format == "json")
        #expect(try ArticleReader(store: engine.store).article(path: directory.path + "/dumps/wire/feed.jsonl", record: 2) == stored)
        #expect(try ArticleReader(store: engine.store).article(id: 999) == nil)
    }
}
