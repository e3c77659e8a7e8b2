import Foundation

/// Pseudo-relevance feedback: query expansion from the query's own top hits, after the
/// relevance model RM3 (Lavrenko & Croft 2001; Abdul-Jaleel et al. 2004).
///
/// A natural-language query misses sections that say the same thing in other words.
/// Questions and descriptions (at least ``FeedbackParameters/minimumTerms`` words
/// besides stopwords) are expanded; shorter keyword queries are precise already and
/// would pay a second pass for little. The first pass ranks as usual; its top `D`
/// sections (``FeedbackParameters/documents``) are taken as relevant, and every term
/// *t* they contain is weighted by the relevance model times the term's rarity:
///
///     w(t) = idf(t) · Σ_d  exp(s_d − s_max) · tf(t, d) / |d|
///
/// where `s_d` is section *d*'s first-pass score (the best hit weighs 1, one scoring a
/// point less 0.37), `tf(t, d)` the count of *t* in its title, heading and body, `|d|`
/// their length in tokens, and `idf(t) = ln(1 + N / n_t)` from the index's term counts
/// (``TermStatistics``). Terms in more than ``commonShare`` of all sections, stopwords,
/// numbers and terms of two letters or fewer are never chosen: they say little about
/// the topic and a common term's doclist is slow to scan. The `T` heaviest terms
/// (``FeedbackParameters/terms``) whose doclists together stay within ``postingShare``
/// of the typed terms' are added to the query as optional terms of weight
/// ``FeedbackParameters/weight`` each, against 1 for a typed term; a typed term that is
/// chosen again counts twice, as RM3's interpolation of query and feedback models does.
/// Only the first ``readLimit`` characters of each section are read,
/// and only the ``shortlist`` heaviest terms are looked up for rarity. The second pass
/// ranks with the expanded query. Terms are compared as the index
/// stores them (folded and stemmed), so `closes` and `closed` are one term; each is
/// queried as a word the text contained.
public enum PseudoRelevanceFeedback {
    /// One feedback section: its first-pass score and its tokens in text order, each
    /// as the indexed term and the word it came from. Only the word of a term's first
    /// occurrence (over all documents, in order) is read: later ones may be empty.
    public struct Document: Sendable {
        public var score: Double
        public var tokens: [(term: String, word: String)]

        public init(score: Double, tokens: [(term: String, word: String)]) {
            self.score = score
            self.tokens = tokens
        }
    }

    /// Characters read from each feedback section (title, heading and body): enough
    /// for any news section's vocabulary, and a bound on the cost of a huge one.
    public static let readLimit = 10_000

    /// The expansion terms' doclists together hold at most this share of the typed
    /// terms' postings, so expansion adds at most half the typed query's scan.
    public static let postingShare = 0.5

    /// Terms in more than this share of the sections are never added.
    public static let commonShare = 0.1
    /// How many of the relevance model's heaviest terms are weighed by rarity: the
    /// rest weigh too little to reach the top even if they were unique.
    public static let shortlist = 300

    /// One candidate expansion term: the indexed term, the word to query it by, and
    /// its relevance-model weight (before rarity).
    public struct Candidate: Sendable, Equatable {
        public var term: String
        public var word: String
        public var weight: Double
    }

    /// The relevance model of the feedback sections: the ``shortlist`` heaviest terms
    /// that may expand a query, heaviest first (ties in term order).
    public static func candidates(from documents: [Document]) -> [Candidate] {
        // Numbered in order of first occurrence, each with the word it first came from.
        var numbers: [String: Int32] = [:]
        var terms: [String] = [], words: [String] = []
        let numbered = documents.map { document in
            (score: document.score, tokens: document.tokens.map { term, word -> Int32 in
                if let number = numbers[term] { return number }
                numbers[term] = Int32(terms.count)
                terms.append(term)
                words.append(word)
                return Int32(terms.count - 1)
            })
        }
        return candidates(terms: terms, words: words, documents: numbered)
    }

    /// ``candidates(from:)`` of sections whose tokens are numbers: term *n* is `terms[n]`,
    /// first met as the word `words[n]`. Weights add up in an array, one addition a
    /// token: hashing a `String` a token (15,000 for ten sections) was most of the cost
    /// of expanding a query (measured).
    static func candidates(terms: [String], words: [String], documents: [(score: Double, tokens: [Int32])]) -> [Candidate] {
        guard let best = documents.map(\.score).max() else { return [] }
        var weights = [Double](repeating: 0, count: terms.count)
        var met = [Bool](repeating: false, count: terms.count)
        for document in documents where !document.tokens.isEmpty {
            let share = exp(document.score - best) / Double(document.tokens.count)
            for number in document.tokens {
                weights[Int(number)] += share
                met[Int(number)] = true
            }
        }
        // Heaviest first, then only as many checked as the shortlist takes: the check's
        // string work on every term a section holds cost more than the sort.
        var order = terms.indices.filter { met[$0] }
        order.sort { weights[$0] != weights[$1] ? weights[$0] > weights[$1] : terms[$0] < terms[$1] }
        var candidates: [Candidate] = []
        for number in order where isCandidate(term: terms[number], word: words[number]) {
            candidates.append(Candidate(term: terms[number], word: words[number].lowercased(), weight: weights[number]))
            if candidates.count == shortlist { break }
        }
        return candidates
    }

    /// The words to add to the query, heaviest first (ties in term order); none without
    /// term counts.
    public static func expansionWords(from candidates: [Candidate], statistics: TermStatistics?,
                                      parameters: FeedbackParameters, typedPostings: Int64 = .max) -> [String] {
        guard parameters.terms > 0, let statistics else { return [] }
        let total = Double(statistics.sections)
        var ranked: [(candidate: Candidate, weight: Double)] = []
        for candidate in candidates {
            guard let sections = statistics.frequencies[candidate.term], sections > 0,
                  Double(sections) <= commonShare * total else { continue }
            ranked.append((candidate, candidate.weight * log(1 + total / Double(sections))))
        }
        ranked.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.candidate.term < $1.candidate.term }
        // The expansion scan reads every chosen term's doclist: keep its length within
        // a share of what the typed query read, so expansion at most adds that share.
        var budget = Double(typedPostings) * postingShare
        var words: [String] = []
        for (candidate, _) in ranked where words.count < parameters.terms {
            let postings = Double(statistics.frequencies[candidate.term] ?? 0)
            guard postings <= budget else { continue }
            budget -= postings
            words.append(candidate.word)
        }
        return words
    }

    /// Whether the first pass is worth learning from: it must fill the feedback set (a
    /// query matching fewer than ``FeedbackParameters/documents`` sections is already
    /// specific, and expanding from two or three hits drifts towards whatever they say
    /// besides), and its scores must not be flat (the last feedback section scoring 99 %
    /// of the best or more: the first pass could not tell its hits apart).
    public static func firstPassIsReliable(topScores: [Double], parameters: FeedbackParameters) -> Bool {
        guard parameters.documents > 0, topScores.count >= parameters.documents,
              let best = topScores.max(), best > 0 else { return false }
        let last = topScores.sorted(by: >)[parameters.documents - 1]
        return last < 0.99 * best
    }

    /// Whether a term may expand a query: not a stopword, not a number, not a fragment.
    static func isCandidate(term: String, word: String) -> Bool {
        term.count > 2 && !term.allSatisfy(\.isNumber) && !Stopwords.english.contains(word.lowercased())
    }
}
