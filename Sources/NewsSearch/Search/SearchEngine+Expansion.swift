import Foundation
import GRDB
import GRDBSQLite

/// Query expansion on the exhaustive path: the two scans and the expansion words.
extension SearchEngine {
    /// Ranks with pseudo-relevance feedback and returns the words it added, with the
    /// typed query's scan (its phrase statistics and recorded instances, for snippets
    /// of what was typed).
    ///
    /// The first scan ranks the typed query, keeping every row's score (``RowScores``)
    /// and, with `recording`, the phrase instances of rows that can be hits on their own;
    /// its best sections give the expansion words; a second scan scores the expansion
    /// words alone (they are rare by construction, so their doclists are short); the two
    /// are summed per row in row order and fed to `add`.
    func expandedScan(_ db: Database, _ request: SearchRequest, scope: FolderScope?, recording: Bool,
                      _ add: (Int64, Double) -> Void) throws -> (words: [String], typedScan: RankingScan) {
        let feedback = request.parameters.feedback, options = request.options
        var top = request.collector(capacity: max(feedback.documents, options.offset + options.limit), keepSections: false)
        var typedRows = RowScores()
        let typedScan = RankingScan(recording: recording ? .byScore : .none)
        try scan(db, match: request.match, ranker: .bm25f, parameters: request.parameters, context: typedScan) { id, score in
            typedRows.append(id, score)
            guard scope?.admits(section: id) ?? true else { return }
            top.add(section: id, score: score)
            typedScan.threshold = top.threshold
        }
        let typedPostings = typedScan.phrases?.documentFrequencies.reduce(0, +) ?? 0
        let feedbackSet = Array(top.finish().prefix(feedback.documents))
        let words = PseudoRelevanceFeedback.firstPassIsReliable(topScores: feedbackSet.map(\.score), parameters: feedback)
            ? try expansionWords(db, entries: feedbackSet, parameters: feedback, typedPostings: typedPostings) : []
        var expansionRows = RowScores()
        if !words.isEmpty {
            try scan(db, match: MatchExpression(expansion: words, weight: feedback.weight), ranker: .bm25f,
                     parameters: request.parameters) { id, score in
                expansionRows.append(id, score)
            }
        }
        RowScores.merge(typedRows, expansionRows, add)
        return (words, typedScan)
    }

    /// Reads the first pass's best sections with the index's own stemming tokenizer
    /// and returns the words to add to the query (``PseudoRelevanceFeedback``).
    func expansionWords(_ db: Database, entries: [ArticleCollector.Entry],
                                parameters: FeedbackParameters, typedPostings: Int64) throws -> [String] {
        guard !entries.isEmpty, let stemmer = IndexTokenizer(db: db, stemming: true) else { return [] }
        var texts: [Int64: String] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT s.id, substr(a.title || char(10) || s.heading || char(10) || s.body, 1, ?)
            FROM sections s JOIN articles a ON a.id = s.article_id
            WHERE s.id IN (SELECT value FROM json_each(?))
            """), arguments: [PseudoRelevanceFeedback.readLimit, Self.jsonList(entries.map(\.section))]) {
            texts[row[0]] = row[1]
        }
        // Tokens as numbers in one vocabulary of the feedback sections, each term with
        // the word of its first occurrence (over all sections, in order).
        var vocabulary = TermVocabulary()
        var words: [String] = []
        var firstRanges: [Range<Int>] = []
        let documents = entries.compactMap { entry -> (score: Double, tokens: [Int32])? in
            guard let text = texts[entry.section] else { return nil }
            firstRanges.removeAll(keepingCapacity: true)
            let tokens = stemmer.termNumbers(of: text, vocabulary: &vocabulary, firstRanges: &firstRanges)
            let utf8 = Array(text.utf8)
            for range in firstRanges {
                words.append(String(decoding: utf8[range.clamped(to: 0..<utf8.count)], as: UTF8.self))
            }
            // A token FTS5 gives no text for is not a term.
            return (entry.score, tokens.filter { !vocabulary.terms[Int($0)].isEmpty })
        }
        let candidates = PseudoRelevanceFeedback.candidates(terms: vocabulary.terms, words: words, documents: documents)
        let statistics = try TermStatistics.load(db, terms: candidates.map(\.term))
        return PseudoRelevanceFeedback.expansionWords(from: candidates, statistics: statistics, parameters: parameters,
                                                      typedPostings: typedPostings)
    }
}
