import Foundation
import GRDB
import Testing
@testable import NewsSearch
import NewsSearchTestSupport
import NewsSearchTools

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

    /// The scan state reaches the functions only as a bound pointer: SQL text that puts
    /// anything else in its place gets a clear error or no recording, never a crash.
    @Test func scanStateCannotBeForgedFromSQL() throws {
        let (directory, engine) = try Self.corpus()
        _ = directory
        let match = try SearchEngine.compile("storm", mode: .all)
        try engine.store.read("forge") { db in
            let scores = try Double.fetchAll(db, sql: """
                SELECT ns_rank(sections_fts, ?, '', 'newssearch.scan') FROM sections_fts WHERE sections_fts MATCH ?
                """, arguments: [RankingParameters.default.encoded, match])
            #expect(!scores.isEmpty && scores.allSatisfy { $0 > 0 })
            for sql in ["SELECT ns_spans(sections_fts, 42) FROM sections_fts WHERE sections_fts MATCH ?",
                        "SELECT ns_explain(sections_fts, '', '', x'00') FROM sections_fts WHERE sections_fts MATCH ?"] {
                #expect(throws: DatabaseError.self, "\(sql)") { try Row.fetchAll(db, sql: sql, arguments: [match]) }
            }
        }
    }

    /// Each scan records into its own context: a scan with snippets, then a scan of
    /// another query without, on one connection, each keep what they asked for.
    @Test func successiveScansKeepTheirOwnState() throws {
        let (directory, engine) = try Self.corpus()
        _ = directory
        try engine.store.read("scans") { db in
            let recording = RankingScan(recording: .byScore), silent = RankingScan()
            var recorded: [Int64] = []
            try engine.scan(db, match: MatchExpression(.term("storm", prefix: false)), ranker: .bm25f,
                            parameters: .default, context: recording) { id, _ in recorded.append(id) }
            try engine.scan(db, match: MatchExpression(.phrase("storm coast")), ranker: .bm25f,
                            parameters: .default, context: silent) { _, _ in }
            #expect(!recorded.isEmpty)
            #expect(recorded.allSatisfy { recording.instances.instances(ofRow: $0)?.isEmpty == false })
            #expect(recording.phrases?.sizes == [1])
            #expect(silent.phrases?.sizes == [2])
            #expect(silent.instances.instances(ofRow: recorded[0]) == nil)
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
        #expect(explanation.phrases.count == 2)
        #expect(explanation.phrases.allSatisfy { !$0.fields.isEmpty && $0.idf > 0 })
    }

    @Test func rankersAgreeOnWhatMatches() throws {
        let (directory, engine) = try Self.corpus()
        _ = directory
        var options = SearchOptions()
        options.ranker = .fts5
        var exhaustive = SearchOptions()
        exhaustive.exhaustive = true
        #expect(try engine.search("storm coast", options: options).total == engine.search("storm coast", options: exhaustive).total)
        // The pruned search may look at fewer articles, and then says its total is a lower bound.
        let pruned = try engine.search("storm coast")
        let all = try engine.search("storm coast", options: exhaustive).total
        #expect(pruned.total <= all)
        #expect(pruned.totalIsLowerBound || pruned.total == all)
    }

    /// The proximity bonus is what ``ProximityBonus`` says for the gaps written into the
    /// text: `proximity · min(idf) / gap` within the window, nothing beyond it. (The
    /// explanation's proximity is the rest of the score after the per-phrase parts, so
    /// this checks the ranking function's arithmetic against gaps known independently.)
    @Test func proximityBonusFollowsTheGapBetweenTheWords() throws {
        let directory = TemporaryDirectory()
        let filler = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
                      "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango"]
        let gaps = [1, 3, 40]
        for (index, gap) in gaps.enumerated() {
            let between = filler.prefix(gap - 1).joined(separator: " ")
            let text = "Walkers saw the storm \(between) coast from afar today."
            directory.write("dumps/\(index).txt", sampleArticle(title: "Report \(filler[index])", lead: text))
        }
        for index in 0..<6 { directory.write("dumps/other\(index).txt", sampleArticle(title: "Other \(index)", lead: "The storm passed quietly.")) }
        let engine = try makeEngine(indexing: directory)
        var options = SearchOptions()
        options.explain = true
        options.limit = 10
        let parameters = engine.storedParameters()
        let results = try engine.search("storm coast", options: options)
        #expect(results.hits.count == 3)
        for hit in results.hits {
            let explanation = try #require(hit.explanation)
            let index = try #require(Int((hit.article.path as NSString).lastPathComponent.dropLast(4)))
            let gap = gaps[index]
            let idf = explanation.phrases.map(\.idf)
            let expected = gap <= parameters.proximityWindow ? parameters.proximity * idf.min()! / Double(gap) : 0
            #expect(explanation.coordination == 1)
            #expect(abs(explanation.proximity - expected) < 1e-9, "gap \(gap): \(explanation.proximity) vs \(expected)")
        }
    }
}
