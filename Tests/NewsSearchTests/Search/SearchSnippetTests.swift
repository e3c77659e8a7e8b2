import Foundation
import Testing
@testable import NewsSearch
import NewsSearchTestSupport

/// Snippets and explanations of real searches: what a user sees under each hit.
@Suite struct SearchSnippetTests {
    /// An article whose one long section has `word` only far into it.
    static func longSectionEngine(filler sentences: Int, then ending: String) throws -> (TemporaryDirectory, SearchEngine) {
        let directory = TemporaryDirectory()
        let filler = (0..<sentences).map { "Sentence \($0) talks about the harbour council budget at length." }
        directory.write("dumps/long.txt", sampleArticle(title: "A long report", lead: (filler + [ending]).joined(separator: " ")))
        return (directory, try makeEngine(indexing: directory))
    }

    @Test func aMatchFarIntoASectionIsHighlighted() throws {
        // About 30,000 characters of filler before the only match.
        let (directory, engine) = try Self.longSectionEngine(filler: 500, then: "Finally the zeppelin landed safely.")
        _ = directory
        let hit = try #require(try engine.search("zeppelin").hits.first)
        #expect(hit.snippet?.highlightedTexts == ["zeppelin"])
        #expect(hit.snippet?.text.contains("Finally the zeppelin landed safely.") == true)
    }

    @Test func aPhraseFarIntoASectionIsHighlightedWhole() throws {
        let (directory, engine) = try Self.longSectionEngine(filler: 400, then: "Then the border closure began.")
        _ = directory
        let hit = try #require(try engine.search("\"border closure\"").hits.first)
        #expect(hit.snippet?.highlightedTexts == ["border closure"])
    }

    @Test func fragmentsShowSeveralMatchesOfOneWordInTextOrder() throws {
        let directory = TemporaryDirectory()
        let sentences = (0..<30).map { index in
            index % 10 == 3 ? "Sentence \(index) mentions the zeppelin over the bay." : "Sentence \(index) is about the harbour council budget."
        }
        directory.write("dumps/a.txt", sampleArticle(title: "Airships", lead: sentences.joined(separator: " ")))
        let engine = try makeEngine(indexing: directory)
        var options = SearchOptions()
        options.snippet = SnippetOptions(length: 300, fragments: 3)
        let snippet = try #require(try engine.search("zeppelin", options: options).hits.first?.snippet)
        #expect(snippet.highlightedTexts == ["zeppelin", "zeppelin", "zeppelin"])
        #expect(snippet.text.components(separatedBy: " … ").count == 3)
        let order = ["Sentence 3 ", "Sentence 13 ", "Sentence 23 "].compactMap { snippet.text.range(of: $0)?.lowerBound }
        #expect(order.count == 3 && order == order.sorted())
    }

    @Test func explanationNamesEachPhraseByItsWords() throws {
        let directory = TemporaryDirectory()
        let engine = try makeEngine(indexing: directory, roots: [TestSupport.seedsDirectory])
        var options = SearchOptions()
        options.explain = true
        let explanation = try #require(try engine.search("\"border closure\" korea", options: options).hits.first?.explanation)
        #expect(explanation.phrases.map(\.text) == ["border closure", "korea"])
    }

    @Test func phraseTextsAreReadFromTheMatchExpression() {
        let match = #"({title heading body} : "border closure" AND {title heading body} : "kor" *) NOT ({title} : "say ""hi""")"#
        #expect(Explanation.phraseTexts(in: match) == ["border closure", "kor*", "say \"hi\""])
    }

    @Test func explanationJSONKeysAreSnakeCase() throws {
        let directory = TemporaryDirectory()
        let engine = try makeEngine(indexing: directory, roots: [TestSupport.seedsDirectory])
        var options = SearchOptions()
        options.explain = true
        let hit = try #require(try engine.search("korea", options: options).hits.first)
        let line = SearchJSON.line(for: hit)
        #expect(line.contains("\"document_frequency\""))
        #expect(line.contains("\"average_length\""))
        #expect(!line.contains("documentFrequency") && !line.contains("averageLength"))
    }

    @Test func onlyBodyMatchesNearTheFirstAreLocated() {
        let instances: [PhraseInstance] = [
            .init(phrase: 0, column: 0, offset: 1), .init(phrase: 0, column: 2, offset: 40_000),
            .init(phrase: 1, column: 2, offset: 40_000 + SearchEngine.snippetReachTokens - 1),
            .init(phrase: 0, column: 2, offset: 40_000 + SearchEngine.snippetReachTokens),
        ]
        #expect(SearchEngine.instancesNearTheFirst(instances[...]).map(\.offset) == [40_000, 40_000 + SearchEngine.snippetReachTokens - 1])
    }
}
