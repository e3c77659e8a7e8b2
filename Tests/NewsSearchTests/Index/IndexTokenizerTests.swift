import Foundation
import GRDB
import Testing
@testable import NewsSearch
import NewsSearchTestSupport

/// Numbering a text's terms (the impact index's pass and query expansion's) gives the
/// terms the index's stemming tokenizer gives, and each new term the word it came from.
@Suite struct IndexTokenizerTests {
    @Test(arguments: TokenMarksTests.texts + ["Markets rallied; the market rallies, and rallying markets closed."])
    func numberedTermsAreTheTokenizersTermsWithTheirFirstWords(text: String) throws {
        let directory = TemporaryDirectory()
        let store = try IndexStore(path: directory.indexPath, create: true)
        try store.read("test") { db in
            let stemmer = try #require(IndexTokenizer(db: db, stemming: true))
            let expected = stemmer.terms(of: text)
            var vocabulary = TermVocabulary()
            var firstRanges: [Range<Int>] = []
            let numbers = stemmer.termNumbers(of: text, vocabulary: &vocabulary, firstRanges: &firstRanges)
            #expect(numbers.map { vocabulary.terms[Int($0)] }.filter { !$0.isEmpty } == expected.map(\.term))
            // Each term's first range is where `terms(of:)` first has it.
            #expect(firstRanges.count == vocabulary.count)
            for (number, term) in vocabulary.terms.enumerated() where !term.isEmpty {
                #expect(firstRanges[number] == expected.first { $0.term == term }?.range, "\(term)")
            }
        }
    }

    @Test func aSecondTextNumbersOnlyItsNewTerms() throws {
        let directory = TemporaryDirectory()
        let store = try IndexStore(path: directory.indexPath, create: true)
        try store.read("test") { db in
            let stemmer = try #require(IndexTokenizer(db: db, stemming: true))
            var vocabulary = TermVocabulary()
            var firstRanges: [Range<Int>] = []
            _ = stemmer.termNumbers(of: "Markets rallied", vocabulary: &vocabulary, firstRanges: &firstRanges)
            firstRanges.removeAll()
            let numbers = stemmer.termNumbers(of: "Ferries and rallies", vocabulary: &vocabulary, firstRanges: &firstRanges)
            #expect(numbers.map { vocabulary.terms[Int($0)] } == ["ferri", "and", "ralli"])
            #expect(firstRanges == [0..<7, 8..<11], "ralli was met in the first text")
        }
    }
}
