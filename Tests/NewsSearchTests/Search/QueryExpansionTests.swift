import Foundation
import Testing
@testable import NewsSearch
import NewsSearchTestSupport

/// Natural-language (`--any`) queries are expanded with words from their top hits.
@Suite struct QueryExpansionTests {
    /// Four articles on eye pressure, one of which never says "glaucoma" or "drops",
    /// and unrelated filler (which says "drops" too, so the typed words have postings
    /// enough for the expansion budget) so that the shared eye words are rare.
    static func engine() throws -> (TemporaryDirectory, SearchEngine) {
        let directory = TemporaryDirectory()
        var lines = [
            #"{"id": "g1", "title": "Glaucoma drops", "text": "Timolol drops lower intraocular pressure in glaucoma."}"#,
            #"{"id": "g2", "title": "Glaucoma trial", "text": "In glaucoma, timolol eye drops reduced intraocular pressure."}"#,
            #"{"id": "g3", "title": "Glaucoma care", "text": "Glaucoma patients used timolol; intraocular pressure fell."}"#,
            #"{"id": "t1", "title": "Beta blockers", "text": "Timolol lowers intraocular pressure in hypertensive eyes."}"#,
        ]
        for index in 0..<60 {
            lines.append(#"{"id": "f\#(index)", "title": "Harbour report \#(index)", "text": "Rain drops fell as ferries and fishing boats filled the harbour on day \#(index)."}"#)
        }
        directory.write("dumps/eyes.jsonl", lines.joined(separator: "\n") + "\n")
        return (directory, try makeEngine(indexing: directory))
    }

    /// `--any` search options; the test queries are short, so expansion is allowed
    /// from one word unless `minimumTerms` says otherwise.
    static func options(feedbackWeight: Double? = nil, minimumTerms: Int = 1, mode: QueryParser.Mode = .any) -> SearchOptions {
        var options = SearchOptions()
        options.mode = mode
        options.limit = 20
        var parameters = RankingParameters.default
        parameters.feedback.minimumTerms = minimumTerms
        if let feedbackWeight { parameters.feedback.weight = feedbackWeight }
        options.parameters = parameters
        return options
    }

    @Test func aSectionInOtherWordsIsFoundThroughTheTopHitsVocabulary() throws {
        let (directory, engine) = try Self.engine()
        _ = directory
        let plain = try engine.search("glaucoma drops", options: Self.options(feedbackWeight: 0))
        #expect(plain.expansion.isEmpty)
        #expect(!plain.hits.contains { $0.article.externalID == "t1" })
        let expanded = try engine.search("glaucoma drops", options: Self.options())
        #expect(expanded.expansion.contains("timolol"))
        #expect(expanded.expansion.contains("intraocular"))
        let ids = expanded.hits.map(\.article.externalID)
        #expect(Set(ids.prefix(3)) == ["g1", "g2", "g3"])
        #expect(ids.contains("t1"))
    }

    @Test func snippetsHighlightOnlyWhatWasTyped() throws {
        let (directory, engine) = try Self.engine()
        _ = directory
        let results = try engine.search("glaucoma drops", options: Self.options())
        let highlighted = Set(results.hits.flatMap { $0.snippet?.highlightedTexts ?? [] }.map { $0.lowercased() })
        #expect(highlighted == ["glaucoma", "drops"])
    }

    @Test func queriesThatSayExactlyWhatTheyWantAreNotExpanded() throws {
        let (directory, engine) = try Self.engine()
        _ = directory
        #expect(try engine.search("glaucoma drops", options: Self.options(mode: .all)).expansion.isEmpty)
        #expect(try engine.search("glaucoma -trial", options: Self.options()).expansion.isEmpty)
        #expect(try engine.search("title:glaucoma drops", options: Self.options()).expansion.isEmpty)
        #expect(try engine.search("glauc*", options: Self.options()).expansion.isEmpty)
        // By default only queries of four or more words are expanded.
        #expect(try engine.search("glaucoma drops", options: Self.options(minimumTerms: 4)).expansion.isEmpty)
        #expect(try !engine.search("glaucoma eye drops trial", options: Self.options(minimumTerms: 4)).expansion.isEmpty)
        var baseline = Self.options()
        baseline.ranker = .fts5
        #expect(try engine.search("glaucoma drops", options: baseline).expansion.isEmpty)
    }

    @Test func expansionTermsAreExplainedWithTheirWeight() throws {
        let (directory, engine) = try Self.engine()
        _ = directory
        var options = Self.options()
        options.explain = true
        let results = try engine.search("glaucoma drops", options: options)
        // Two scans summed per row score exactly what one scan of the expanded query would.
        for hit in results.hits {
            let total = try #require(hit.explanation?.total)
            #expect(abs(total - hit.score) < 1e-9 * max(1, hit.score))
        }
        let explanation = try #require(results.hits.first { $0.article.externalID == "t1" }?.explanation)
        #expect(explanation.phrases.allSatisfy { $0.phrase < 2 ? $0.weight == 1 : $0.weight == RankingParameters.default.feedback.weight })
        #expect(explanation.phrases.filter { $0.score > 0 }.allSatisfy { $0.phrase >= 2 })
    }
}
