import Foundation
import GRDB
import GRDBSQLite

/// Query expansion on the exhaustive path: the two scans and the expansion words.
extension SearchEngine {
    /// Ranks with pseudo-relevance feedback and returns the words it added.
    ///
    /// The first scan ranks the typed query, keeping every row's score (``RowScores``)
    /// and the phrase instances of rows that can be hits on their own; its best sections
    /// give the expansion words; a second scan scores the expansion words alone (they
    /// are rare by construction, so their doclists are short); the two are summed per
    /// row in row order and fed to `add`. The typed phrases' IDF and sizes stay in the
    /// session for the snippets, which show what was typed.
    func expandedScan(_ db: Database, match: String, parameters: RankingParameters, options: SearchOptions,
                              scope: FolderScope?, _ add: (Int64, Double) -> Void) throws -> [String] {
        let feedback = parameters.feedback
        var top = ArticleCollector(capacity: max(feedback.documents, options.offset + options.limit),
                                   groupByArticle: !options.sectionsOnly)
        var typedRows = RowScores()
        let session = RankingSession.of(db)
        try scan(db, match: match, ranker: .bm25f, parameters: parameters) { id, score in
            typedRows.append(id, score)
            guard scope?.admits(section: id) ?? true else { return }
            top.add(section: id, score: score)
            session?.threshold = top.threshold
        }
        let typedIDF = session?.lastIDF ?? [], typedSizes = session?.phraseSizes ?? []
        let typedPostings = session?.lastDocumentFrequencies.reduce(0, +) ?? 0
        let feedbackSet = Array(top.finish().prefix(feedback.documents))
        let words = PseudoRelevanceFeedback.firstPassIsReliable(topScores: feedbackSet.map(\.score), parameters: feedback)
            ? try expansionWords(db, entries: feedbackSet, parameters: feedback, typedPostings: typedPostings) : []
        var expansionRows = RowScores()
        if !words.isEmpty {
            let recording = session?.recordsInstances ?? false
            session?.recordsInstances = false
            defer {
                session?.recordsInstances = recording
                session?.lastIDF = typedIDF
                session?.phraseSizes = typedSizes
            }
            let expansionMatch = try Self.compile(.or(words.map { .term($0, prefix: false) }))
            try scan(db, match: expansionMatch, ranker: .bm25f, parameters: parameters,
                     expansionWeights: Array(repeating: feedback.weight, count: words.count)) { id, score in
                expansionRows.append(id, score)
            }
        }
        RowScores.merge(typedRows, expansionRows, add)
        return words
    }

    /// Reads the first pass's best sections with the index's own stemming tokenizer
    /// and returns the words to add to the query (``PseudoRelevanceFeedback``).
    func expansionWords(_ db: Database, entries: [ArticleCollector.Entry],
                                parameters: FeedbackParameters, typedPostings: Int64) throws -> [String] {
        guard !entries.isEmpty, let session = RankingSession.of(db) else { return [] }
        if session.stemmer == nil { session.stemmer = IndexTokenizer(db: db, stemming: true) }
        guard let stemmer = session.stemmer else { return [] }
        var texts: [Int64: String] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT s.id, substr(a.title || char(10) || s.heading || char(10) || s.body, 1, ?)
            FROM sections s JOIN articles a ON a.id = s.article_id
            WHERE s.id IN (SELECT value FROM json_each(?))
            """), arguments: [PseudoRelevanceFeedback.readLimit, Self.jsonList(entries.map(\.section))]) {
            texts[row[0]] = row[1]
        }
        // Only a term's first word is ever read (``PseudoRelevanceFeedback/Document``):
        // later occurrences carry none rather than a string made per token.
        var seen = Set<String>()
        let documents = entries.compactMap { entry -> PseudoRelevanceFeedback.Document? in
            guard let text = texts[entry.section] else { return nil }
            let utf8 = Array(text.utf8)
            let tokens = stemmer.terms(of: text).map { token in
                guard seen.insert(token.term).inserted else { return (token.term, "") }
                return (token.term, String(decoding: utf8[token.range.clamped(to: 0..<utf8.count)], as: UTF8.self))
            }
            return PseudoRelevanceFeedback.Document(score: entry.score, tokens: tokens)
        }
        let candidates = PseudoRelevanceFeedback.candidates(from: documents)
        let statistics = try TermStatistics.load(db, terms: candidates.map(\.term))
        return PseudoRelevanceFeedback.expansionWords(from: candidates, statistics: statistics, parameters: parameters,
                                                      typedPostings: typedPostings)
    }
}
