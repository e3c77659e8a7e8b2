import Foundation
import GRDB
import Testing
@testable import NewsSearch
import NewsSearchTestSupport

@Suite struct ArticleAttributesTests {
    /// An index of version 2 (no attribute columns) stays searchable read-only; the run
    /// that migrates it fills the dates in without any file changing.
    @Test func aVersionTwoIndexIsSearchableAndGetsDatesOnItsNextRun() throws {
        let directory = TemporaryDirectory()
        directory.write("dumps/feed.jsonl", #"{"title":"Oil","text":"oil prices","date":"1987-03-02"}"# + "\n")
        do {
            let store = try IndexStore(path: directory.indexPath, create: true)
            _ = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
            try store.write("test") { db in
                for column in ["date_utc", "source", "category", "place", "lang"] {
                    try db.execute(sql: "ALTER TABLE articles DROP COLUMN \(column)")
                }
                try db.execute(sql: "ALTER TABLE sections DROP COLUMN line")
                try db.execute(sql: "DROP TABLE article_attributes")
                try db.execute(sql: "UPDATE meta SET value = '2' WHERE key = 'reading_rules'")
                try db.execute(sql: "PRAGMA user_version = 2")
            }
        }
        let old = SearchEngine(store: try IndexStore(path: directory.indexPath))
        #expect(old.store.schemaVersion == 2)
        #expect(try old.search("oil").hits.first?.article.date == "1987-03-02")
        var dated = SearchOptions()
        dated.since = try DateRange.parse("1987").start
        #expect(try old.search("oil", options: dated).total == 0)

        let store = try IndexStore(path: directory.indexPath, access: .write)
        _ = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        let engine = SearchEngine(store: store)
        #expect(try engine.search("oil", options: dated).total == 1)
        #expect(try engine.search("oil").hits.first?.article.source == "dumps")
    }

    /// Arrays marked stale (a run killed before storing them) are rebuilt from `articles`.
    @Test func staleArraysAreNotTrusted() throws {
        let directory = TemporaryDirectory()
        directory.write("dumps/feed.jsonl", #"{"title":"Oil","text":"oil prices","date":"1987-03-02","source":"wire"}"# + "\n")
        let engine = try makeEngine(indexing: directory)
        try engine.store.write("test") { db in
            try db.execute(sql: "UPDATE articles SET source = 'other'")
            try ArticleAttributes.markStale(db)
        }
        var options = SearchOptions()
        options.filters = [.source: ["other"]]
        #expect(try engine.search("oil", options: options).total == 1)
    }

    /// A store that searched keeps no old attributes once an index run changed them.
    @Test func aLongLivedStoreSeesTheNextRunsAttributes() throws {
        let directory = TemporaryDirectory()
        directory.write("dumps/a/feed.jsonl", #"{"title":"Oil","text":"oil prices","date":"1987-03-02"}"# + "\n")
        let engine = try makeEngine(indexing: directory)
        var options = SearchOptions()
        options.filters = [.category: ["b"]]
        #expect(try engine.search("oil", options: options).total == 0)
        directory.write("dumps/b/feed.jsonl", #"{"title":"Oil two","text":"oil prices","date":"1987-03-03"}"# + "\n")
        _ = try Indexer(store: engine.store).run(roots: [directory.path + "/dumps"])
        #expect(try engine.search("oil", options: options).total == 1)
    }

    /// The BBC corpus indexed as its own folder: source `bbc`, the topic folders as categories.
    @Test func bbcSourcesAndCategoriesFromItsFolders() throws {
        guard let bbc = TestSupport.sharedCorpus("bbc") else { return }
        let directory = TemporaryDirectory()
        let store = try IndexStore(path: directory.indexPath, create: true)
        _ = try Indexer(store: store).run(roots: [bbc])
        var options = SearchOptions()
        options.countOnly = true
        options.facets = [.source, .category]
        let results = try SearchEngine(store: store).search("said", options: options)
        #expect(results.facets["source"] == [FacetCount(value: "bbc", count: results.total)])
        let sportFiles = try FileManager.default.contentsOfDirectory(atPath: bbc + "/sport").filter { $0.hasSuffix(".txt") }
        options.facets = []
        options.filters = [.category: ["sport"]]
        #expect(try SearchEngine(store: store).search("said OR the OR a", options: options).total == sportFiles.count)
        #expect(Set(results.facets["category"]?.map(\.value) ?? []) == ["business", "entertainment", "politics", "sport", "tech"])
    }
}
