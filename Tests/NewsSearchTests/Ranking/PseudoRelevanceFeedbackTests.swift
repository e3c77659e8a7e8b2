import Testing
@testable import NewsSearch

@Suite struct PseudoRelevanceFeedbackTests {
    /// Tokens as the index would store them: here the word itself, lowercased.
    static func document(_ text: String, score: Double) -> PseudoRelevanceFeedback.Document {
        let words = text.split(separator: " ").map(String.init)
        return .init(score: score, tokens: words.map { ($0.lowercased(), $0) })
    }

    /// Every term in 10 of 1,000 sections unless given.
    static func statistics(_ frequencies: [String: Int64] = [:], terms: [String]) -> TermStatistics {
        var all = Dictionary(terms.map { ($0, Int64(10)) }) { first, _ in first }
        all.merge(frequencies) { $1 }
        return TermStatistics(sections: 1000, frequencies: all)
    }

    static func words(_ documents: [PseudoRelevanceFeedback.Document], count: Int,
                      frequencies: [String: Int64] = [:]) -> [String] {
        let terms = documents.flatMap { $0.tokens.map(\.term) }
        return PseudoRelevanceFeedback.expansionWords(from: PseudoRelevanceFeedback.candidates(from: documents),
                                                      statistics: statistics(frequencies, terms: terms),
                                                      parameters: FeedbackParameters(terms: count))
    }

    @Test func wordsSharedByTheTopHitsAreChosenNotStopwordsOrNumbers() {
        let documents = [
            Self.document("The timolol drops lowered the intraocular pressure in 1984", score: 10),
            Self.document("Intraocular pressure and timolol in the trial of 1984", score: 9.5),
        ]
        #expect(Self.words(documents, count: 3) == ["intraocular", "pressure", "timolol"])
    }

    @Test func aBetterHitWeighsMore() {
        let documents = [
            Self.document("harbour harbour ferry", score: 12),
            Self.document("airport airport runway", score: 8),
        ]
        #expect(Self.words(documents, count: 1) == ["harbour"])
        let reversed = documents.enumerated().map { index, document in
            PseudoRelevanceFeedback.Document(score: index == 0 ? 8 : 12, tokens: document.tokens)
        }
        #expect(Self.words(reversed, count: 1) == ["airport"])
    }

    @Test func rarerWordsWinAndCommonOnesAreNeverAdded() {
        let documents = [Self.document("said harbour said ferry said", score: 5)]
        // "said" is in half the sections: never added, however often the hits use it.
        #expect(Self.words(documents, count: 3, frequencies: ["said": 500, "ferry": 2]) == ["ferry", "harbour"])
    }

    @Test func expansionReadsAtMostHalfAsManyPostingsAsTheTypedQuery() {
        let documents = [Self.document("ferry harbour pier", score: 5)]
        let candidates = PseudoRelevanceFeedback.candidates(from: documents)
        let statistics = TermStatistics(sections: 1000, frequencies: ["ferry": 30, "harbour": 15, "pier": 5])
        // Typed terms read 40 postings: 20 for expansion; "ferry" (30) does not fit. Rarer first.
        #expect(PseudoRelevanceFeedback.expansionWords(from: candidates, statistics: statistics, parameters: FeedbackParameters(),
                                                       typedPostings: 40) == ["pier", "harbour"])
    }

    @Test func withoutTermCountsNothingIsAdded() {
        let documents = [Self.document("harbour ferry", score: 5)]
        let candidates = PseudoRelevanceFeedback.candidates(from: documents)
        #expect(candidates.map(\.word) == ["ferry", "harbour"])
        #expect(PseudoRelevanceFeedback.expansionWords(from: candidates, statistics: nil, parameters: FeedbackParameters()).isEmpty)
    }

    @Test func oneStemIsOneTermQueriedAsAWordTheTextHad() {
        let documents = [PseudoRelevanceFeedback.Document(score: 1, tokens: [
            ("close", "Closed"), ("close", "closes"), ("border", "border"),
        ])]
        #expect(Self.words(documents, count: 2) == ["closed", "border"])
    }

    /// The shortlist is the heaviest terms that may expand a query, in order: a
    /// stopword heavier than all of them takes no place in it.
    @Test func theShortlistIsTheHeaviestCandidatesInOrder() {
        let shortlist = PseudoRelevanceFeedback.shortlist
        let terms = (0..<(shortlist + 50)).map { "word\(1000 + $0)" }
        var tokens = [(term: String, word: String)](repeating: ("the", "the"), count: shortlist + 100)
        for (index, term) in terms.enumerated() {
            tokens += repeatElement((term: term, word: term), count: shortlist + 50 - index)
        }
        let candidates = PseudoRelevanceFeedback.candidates(from: [.init(score: 1, tokens: tokens)])
        #expect(candidates.map(\.term) == Array(terms.prefix(shortlist)))
    }

    @Test func nothingToReadGivesNothingToAdd() {
        #expect(Self.words([], count: 10).isEmpty)
        #expect(Self.words([Self.document("the of and", score: 1)], count: 10).isEmpty)
        #expect(Self.words([Self.document("harbour", score: 1)], count: 0).isEmpty)
    }
}

@Suite struct FeedbackGuardTests {
    let parameters = FeedbackParameters(documents: 3, terms: 10, weight: 0.5)

    @Test func aFirstPassWithDistinctScoresIsUsed() {
        #expect(PseudoRelevanceFeedback.firstPassIsReliable(topScores: [9, 7, 6, 2], parameters: parameters))
    }

    @Test func tooFewMatchesSkipFeedback() {
        #expect(!PseudoRelevanceFeedback.firstPassIsReliable(topScores: [9, 7], parameters: parameters))
        #expect(!PseudoRelevanceFeedback.firstPassIsReliable(topScores: [], parameters: parameters))
    }

    @Test func flatScoresSkipFeedback() {
        // The third best scores 99.5 % of the best: the first pass cannot tell them apart.
        #expect(!PseudoRelevanceFeedback.firstPassIsReliable(topScores: [4, 3.99, 3.98, 1], parameters: parameters))
    }
}
