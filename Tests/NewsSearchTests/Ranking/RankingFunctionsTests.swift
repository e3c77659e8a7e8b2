import Foundation
import GRDB
import Testing
@testable import NewsSearch

/// The Swift ranking function against FTS5's own `bm25()` on the same rows.
@Suite struct RankingFunctionsTests {
    static func corpus() throws -> (TemporaryDirectory, SearchEngine) {
        let directory = TemporaryDirectory()
        var generator = SplitMix64(seed: 7)
        let words = ["harbour", "council", "budget", "storm", "coast", "vote", "minister", "trade", "port", "strike",
                     "energy", "price", "market", "court", "ruling", "police", "report", "school", "health", "water"]
        for index in 0..<120 {
            func sentence() -> String {
                (0..<Int(generator.next() % 12 + 4)).map { _ in words[Int(generator.next() % UInt64(words.count))] }
                    .joined(separator: " ") + "."
            }
            directory.write("dumps/\(index).txt", sampleArticle(
                title: "Story \(sentence())", lead: sentence() + " " + sentence(),
                sections: [("Background \(words[index % words.count])", sentence() + " " + sentence() + " " + sentence())]))
        }
        return (directory, try makeEngine(indexing: directory))
    }

    @Test func fts5CompatibleConfigurationEqualsBuiltInBM25() throws {
        let (directory, engine) = try Self.corpus()
        _ = directory
        for query in ["harbour", "storm coast", "council OR budget", "\"market price\"", "title:vote", "police -court", "heading:water"] {
            let match = try SearchEngine.compile(query, mode: .all)
            let rows = try engine.store.read("compare") { db in
                try Row.fetchAll(db, sql: """
                    SELECT rowid, ns_rank(sections_fts, ?) AS ours, bm25(sections_fts, 1.0, 1.0, 1.0, 0.0) AS theirs
                    FROM sections_fts WHERE sections_fts MATCH ?
                    """, arguments: [RankingParameters.fts5Compatible.encoded, match])
            }
            #expect(!rows.isEmpty, "\(query) matches")
            for row in rows {
                let ours: Double = row["ours"], theirs: Double = row["theirs"]
                #expect(abs(ours + theirs) <= 1e-9 * max(1, abs(theirs)), "\(query): row \(row[0] as Int64)")
            }
            let oursOrder = rows.sorted { ($0["ours"] as Double, $1[0] as Int64) > ($1["ours"] as Double, $0[0] as Int64) }.map { $0[0] as Int64 }
            let theirsOrder = rows.sorted { ($0["theirs"] as Double, $0[0] as Int64) < ($1["theirs"] as Double, $1[0] as Int64) }.map { $0[0] as Int64 }
            #expect(oursOrder == theirsOrder)
        }
    }

    @Test func explanationAddsUpToTheScore() throws {
        let (directory, engine) = try Self.corpus()
        _ = directory
        var options = SearchOptions()
        options.explain = true
        let results = try engine.search("storm coast", options: options)
        let hit = try #require(results.hits.first)
        let explanation = try #require(hit.explanation)
        #expect(abs(explanation.total - hit.score) < 1e-9)
        #expect(abs((explanation.phrases.reduce(0) { $0 + $1.score } + explanation.proximity) * explanation.coordination - explanation.total) < 1e-9)
        #expect(explanation.phrases.count == 2)
        #expect(explanation.phrases.allSatisfy { !$0.fields.isEmpty && $0.idf > 0 })
    }

    @Test func rankersAgreeOnWhatMatches() throws {
        let (directory, engine) = try Self.corpus()
        _ = directory
        var options = SearchOptions()
        options.ranker = .fts5
        #expect(try engine.search("storm coast", options: options).total == engine.search("storm coast").total)
    }
}
