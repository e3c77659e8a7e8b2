import Foundation
import GRDB
import GRDBSQLite

/// The façade of the library: query text in, ranked hits with snippets out.
///
/// One search: parse and compile the query (``QueryParser``, ``FTS5Compiler``); scan
/// every matching section once, scoring it in Swift (`ns_rank`) or with FTS5's
/// `bm25()`, grouping sections into articles as they stream by (``ArticleCollector``);
/// then, for the page of hits only, load titles and text, phrase spans (`ns_spans`),
/// snippets (``PassageSelector``) and explanations.
public struct SearchEngine: Sendable {
    public let store: IndexStore

    public init(store: IndexStore) {
        self.store = store
    }

    /// Ranking parameters stored in the index (`newssearch config`), or the defaults.
    public func storedParameters() -> RankingParameters {
        let json = try? store.read("reading ranking parameters") { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'ranking'")
        }
        guard let json = json ?? nil, let data = json.data(using: .utf8),
              let parameters = try? JSONDecoder().decode(RankingParameters.self, from: data) else { return .default }
        return parameters
    }

    /// Stores ranking parameters in the index for later searches.
    public func store(parameters: RankingParameters) throws(IndexError) {
        let json = String(decoding: (try? JSONEncoder().encode(parameters)) ?? Data(), as: UTF8.self)
        try store.write("saving ranking parameters") { db in
            try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('ranking', ?)", arguments: [json])
        }
    }

    /// Parses and compiles a query; the first stage of ``search(_:options:)``.
    public static func compile(_ text: String, mode: QueryParser.Mode) throws(SearchError) -> String {
        try compile(parse(text, mode: mode))
    }

    static func parse(_ text: String, mode: QueryParser.Mode) throws(SearchError) -> QueryNode {
        do {
            return try QueryParser.parse(text, mode: mode)
        } catch {
            throw .query(error)
        }
    }

    static func compile(_ query: QueryNode) throws(SearchError) -> String {
        do {
            return try FTS5Compiler.compile(query)
        } catch {
            throw .query(error)
        }
    }

    /// The typed terms and phrases of a natural-language query that feedback may add
    /// to: a bare list of words and phrases, OR-ed. Queries with operators, fields or
    /// exclusions say exactly what they want and are not expanded.
    static func expandableLeaves(of query: QueryNode) -> [QueryNode]? {
        switch query {
        case .term(_, prefix: false), .phrase: return [query]
        case let .or(children):
            let plain = children.allSatisfy { if case .term(_, prefix: false) = $0 { true } else if case .phrase = $0 { true } else { false } }
            return plain ? children : nil
        default: return nil
        }
    }

    public func search(_ text: String, options requested: SearchOptions = SearchOptions()) throws(SearchError) -> SearchResults {
        var timings = SearchTimings()
        let start = ContinuousClock.now
        var clock = start
        let (query, queryFilters) = try Self.parseWithFilters(text, mode: requested.mode)
        let options = Self.merging(queryFilters, into: requested)
        var match = try Self.compile(query)
        timings.parse = clock.duration(to: .now).seconds
        clock = .now
        let parameters = options.parameters ?? storedParameters()
        do {
            let deadline = options.timeLimit.map(SearchDeadline.init(seconds:))
            return try store.pool.read { db in try Self.enforcing(deadline, on: db) {
                if let results = try prunedSearch(db, text: text, query: query, match: match, options: options,
                                                  parameters: parameters, timings: timings, start: start, clock: clock) {
                    return results
                }
                var collector = ArticleCollector(capacity: options.countOnly ? 1 : options.offset + options.limit,
                                                 groupByArticle: !options.sectionsOnly, keepSections: options.listSections)
                let session = RankingSession.of(db)
                session?.begin(recording: options.snippet != nil && options.ranker == .bm25f && !options.countOnly)
                var attributes = try AttributeScan.isNeeded(options)
                    ? AttributeScan(attributes: ArticleAttributes.load(db, schemaVersion: store.schemaVersion, cache: store.attributeCache), options: options) : nil
                let scope = options.folders.isEmpty ? nil : try FolderScope.load(db, folders: options.folders)
                // Hits sorted by date are not the best-scoring rows: their phrase instances
                // are recorded by the date the collector's heap needs, not by score.
                let byScore = options.sort == .relevance
                func add(_ id: Int64, _ score: Double) {
                    guard scope?.admits(section: id) ?? true else { return }
                    guard attributes != nil else { return collector.add(section: id, score: score) }
                    let article = SectionID.article(of: id)
                    guard attributes!.admits(article) else { return }
                    attributes!.count(article)
                    collector.add(section: id, score: score * attributes!.factor(article), key: attributes!.key(article))
                }
                let typedMatch = match
                var expansion: [String] = []
                if options.ranker == .bm25f, options.mode == .any, parameters.feedback.isEnabled,
                   let typed = Self.expandableLeaves(of: query), typed.count >= parameters.feedback.minimumTerms {
                    expansion = try expandedScan(db, match: match, parameters: parameters, options: options,
                                                 scope: scope) { id, score in
                        add(id, score)
                    }
                    if !expansion.isEmpty { match = try Self.compile(.or(typed + expansion.map { .term($0, prefix: false) })) }
                } else {
                    if !byScore, let lookup = attributes {
                        session?.recordingKey = { row in
                            let article = SectionID.article(of: row)
                            return lookup.admits(article) ? lookup.key(article) : nil
                        }
                    }
                    try scan(db, match: match, ranker: options.ranker, parameters: parameters) { id, score in
                        add(id, score)
                        if byScore { session?.threshold = collector.threshold } else { session?.keyThreshold = collector.keyThreshold }
                    }
                }
                let expansionWeights = Array(repeating: parameters.feedback.weight, count: expansion.count)
                let entries = options.countOnly ? [] : Array(collector.finish().dropFirst(options.offset))
                let weights = options.ranker == .bm25f ? session?.lastIDF ?? [] : []
                var (hits, bodies) = try loadHits(db, entries: entries, offset: options.offset,
                                                  withBodies: options.snippet != nil)
                timings.rank = clock.duration(to: .now).seconds
                clock = .now
                if let snippetOptions = options.snippet, !hits.isEmpty {
                    try attachSnippets(db, hits: &hits, bodies: bodies, entries: entries, match: typedMatch, weights: weights,
                                       options: snippetOptions)
                }
                if options.explain, !hits.isEmpty {
                    try attachExplanations(db, hits: &hits, entries: entries, match: match, parameters: parameters,
                                           expansionWeights: expansionWeights)
                    if options.recencyHalfLife != nil, let attributes {
                        for index in hits.indices where hits[index].explanation != nil {
                            let factor = attributes.factor(hits[index].article.id)
                            hits[index].explanation?.recency = factor
                            hits[index].explanation?.total *= factor
                        }
                    }
                }
                timings.snippets = clock.duration(to: .now).seconds
                timings.total = start.duration(to: .now).seconds
                if options.countOnly { _ = collector.finish() }
                return SearchResults(query: text, match: match, expansion: expansion, total: collector.total,
                                     hits: hits, facets: attributes?.facets() ?? [:], timings: timings)
            } }
        } catch let error as SearchError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
            throw .tooSlow(limit: options.timeLimit ?? 0)
        } catch {
            throw Self.searchError(error, query: text, path: store.path)
        }
    }

    /// Runs `body` under `deadline`, if there is one.
    static func enforcing<T>(_ deadline: SearchDeadline?, on db: Database, _ body: () throws -> T) rethrows -> T {
        guard let deadline else { return try body() }
        return try deadline.enforce(on: db, body)
    }

    /// What a failure inside a search means: a fault of the index or the machine is
    /// reported as such (``IndexError``); only FTS5 refusing an expression the compiler
    /// built is a newssearch bug.
    static func searchError(_ error: any Error, query: String, path: String) -> SearchError {
        switch error {
        case let error as SearchError: return error
        case let error as IndexError: return .index(error)
        case let error as DatabaseError:
            let mapped = IndexError.from(error, path: path, operation: "searching")
            return mapped.isFault ? .index(mapped) : .internalQuery(query: query)
        default: return .internalQuery(query: query)
        }
    }

    /// Steps through every section matching `match`, in row-id order, with its score
    /// (higher is better for both rankers).
    func scan(_ db: Database, match: String, ranker: Ranker, parameters: RankingParameters,
              expansionWeights: [Double] = [], _ body: (Int64, Double) -> Void) throws {
        let statement: Statement
        switch ranker {
        case .bm25f:
            statement = try db.cachedStatement(sql: "SELECT rowid, ns_rank(sections_fts, ?, ?) FROM sections_fts WHERE sections_fts MATCH ?")
            try statement.setArguments([parameters.encoded, Self.weightList(expansionWeights), match])
        case .fts5:
            statement = try db.cachedStatement(sql: "SELECT rowid, -bm25(sections_fts, 1.0, 1.0, 1.0, 0.0) FROM sections_fts WHERE sections_fts MATCH ?")
            try statement.setArguments([match])
        }
        try StatementRows(statement).forEach { row in body(row.int64(0), row.double(1)) }
    }

    /// The FTS5-only baseline of the benchmarks: `ORDER BY bm25() LIMIT k` over sections,
    /// no Swift work per row. Returns the section ids.
    public func baselineTopSections(match: String, limit: Int) throws(SearchError) -> [Int64] {
        do {
            return try store.pool.read { db in
                try Int64.fetchAll(db, sql: """
                    SELECT rowid FROM sections_fts WHERE sections_fts MATCH ?
                    ORDER BY bm25(sections_fts, 1.0, 1.0, 1.0, 0.0) LIMIT ?
                    """, arguments: [match, limit])
            }
        } catch {
            throw Self.searchError(error, query: match, path: store.path)
        }
    }

    /// Ranks with pseudo-relevance feedback and returns the words it added.
    ///
    /// The first scan ranks the typed query, keeping every row's score (``RowScores``)
    /// and the phrase instances of rows that can be hits on their own; its best sections
    /// give the expansion words; a second scan scores the expansion words alone (they
    /// are rare by construction, so their doclists are short); the two are summed per
    /// row in row order and fed to `add`. The typed phrases' IDF and sizes stay in the
    /// session for the snippets, which show what was typed.
    private func expandedScan(_ db: Database, match: String, parameters: RankingParameters, options: SearchOptions,
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

    /// A hit section's whole body, read for its snippet.
    struct Body {
        var text: String
        /// Where its tokens start, if the index has that (``TokenMarks``).
        var marks: TokenMarks?
    }

    /// The hits' article and section details, and with `withBodies` the start of the hit
    /// sections' bodies for the snippets, in one statement.
    func loadHits(_ db: Database, entries: [ArticleCollector.Entry], offset: Int,
                          withBodies: Bool) throws -> (hits: [SearchHit], bodies: [Int64: Body]) {
        guard !entries.isEmpty else { return ([], [:]) }
        // The hits come first in the list, so `j.key` (the list position) tells a hit
        // from another matching section of its article, whose body is not needed.
        let ids = entries.map(\.section) + entries.flatMap { $0.sections.map(\.id) }
        // An index of schema version 1, searched before its next index run, has no marks.
        let marks = store.schemaVersion >= 2 ? "s.token_marks" : "NULL"
        // Version 3 has the article attributes; older indexes are searched without them.
        let attributes = store.schemaVersion >= 3 ? "a.date_utc, a.source, a.category, s.line" : "NULL, NULL, NULL, NULL"
        let statement = try db.cachedStatement(sql: """
            SELECT s.id, s.ordinal, s.heading, a.id, a.external_id, a.title, a.record, a.author, a.date, a.url, f.path,
                   CASE WHEN j.key < ?1 THEN s.body END, CASE WHEN j.key < ?1 THEN \(marks) END, \(attributes)
            FROM json_each(?2) j JOIN sections s ON s.id = j.value
            JOIN articles a ON a.id = s.article_id JOIN files f ON f.id = a.file_id
            """)
        try statement.setArguments([withBodies ? entries.count : 0, Self.jsonList(ids)])
        var articles: [Int64: SearchHit.ArticleInfo] = [:]
        var sections: [Int64: SearchHit.SectionInfo] = [:]
        var bodies: [Int64: Body] = [:]
        try StatementRows(statement).forEach { row in
            let id = row.int64(0)
            sections[id] = SearchHit.SectionInfo(ordinal: row.int(1), heading: row.text(2) ?? "", score: 0)
            articles[id] = SearchHit.ArticleInfo(id: row.int64(3), externalID: row.text(4), title: row.text(5) ?? "",
                                                 path: row.text(10) ?? "", record: row.int(6), author: row.text(7),
                                                 date: row.text(8), url: row.text(9),
                                                 dateSeconds: row.isNull(13) ? nil : row.int64(13), source: row.text(14),
                                                 categories: row.text(15).map { $0.split(separator: "\n").map(String.init) } ?? [],
                                                 line: row.isNull(16) ? nil : row.int(16))
            // The whole body: SQLite holds it in memory for the row already, and a match
            // may be anywhere in it. The selector examines only the text around the
            // matches, and the token marks let the locator start near each one.
            if let text = row.text(11) {
                bodies[id] = Body(text: text, marks: row.withBlob(12) { TokenMarks(encoded: $0) } ?? nil)
            }
        }
        let hits: [SearchHit] = entries.enumerated().compactMap { index, entry in
            guard let article = articles[entry.section], var section = sections[entry.section] else { return nil }
            section.score = entry.score
            let others = entry.sections.filter { $0.id != entry.section }.sorted { $0.score > $1.score }.compactMap { other in
                sections[other.id].map { SearchHit.SectionInfo(ordinal: $0.ordinal, heading: $0.heading, score: other.score) }
            }
            return SearchHit(rank: offset + index + 1, score: entry.score, article: article, section: section,
                             matchingSections: entry.matchingSections, otherSections: others, snippet: nil, explanation: nil)
        }
        return (hits, bodies)
    }

    /// Phrase instances of hit sections known without asking FTS5 again.
    struct RecordedInstances {
        var instances: (Int64) -> ArraySlice<PhraseInstance>?
        var phraseSizes: [Int32]
    }

    func attachSnippets(_ db: Database, hits: inout [SearchHit], bodies: [Int64: Body],
                        entries: [ArticleCollector.Entry],
                        match: String, weights: [Double], options: SnippetOptions,
                        recorded given: RecordedInstances? = nil) throws {
        let session = RankingSession.of(db)
        let recorded = given ?? (session?.recordsInstances == true
            ? session.map { session in RecordedInstances(instances: { session.instances(ofRow: $0) }, phraseSizes: session.phraseSizes) }
            : nil)
        let recording = recorded != nil
        var spansBySection: [Int64: [MatchSpan]] = [:]
        let unrecorded = entries.map(\.section).filter { recorded?.instances($0) == nil }
        if !unrecorded.isEmpty {
            // FTS5's own bm25() ranked, or query expansion lifted a row the typed query
            // alone ranked too low to record: ask FTS5 for these hits' spans.
            let rows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT rowid, ns_spans(sections_fts) FROM sections_fts
                WHERE sections_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))
                """), arguments: [match, Self.jsonList(unrecorded)])
            while let row = try rows.next() {
                spansBySection[row[0]] = Self.decodeSpans(row[1], column: 2)
            }
        }
        let selector = PassageSelector(options: options)
        for index in hits.indices {
            let section = entries[index].section
            guard let start = bodies[section] else { continue }
            let body = start.text
            let text = body.isEmpty ? hits[index].section.heading : body
            var spans = spansBySection[section] ?? []
            if recording, let recorded, let found = recorded.instances(section) {
                let instances = Self.instancesNearTheFirst(found)
                let session = session ?? RankingSession()
                if session.tokenizer == nil { session.tokenizer = IndexTokenizer(db: db) }
                if let tokenizer = session.tokenizer {
                    spans = body.utf8.withContiguousStorageIfAvailable { bytes in
                        var locator = TokenLocator(tokenizer: tokenizer, bytes: bytes, marks: start.marks)
                        return MatchSpans.spans(of: instances, column: 2, phraseSizes: recorded.phraseSizes) {
                            locator.range(ofToken: $0)
                        }
                    } ?? []
                }
            }
            if body.isEmpty { spans = [] }
            hits[index].snippet = selector.snippet(text: text, spans: spans, weights: weights)
        }
    }

    /// Body matches located for a snippet lie within this many tokens after the body's
    /// first match (about 12,000 characters of prose): far more than a snippet shows,
    /// and it bounds the tokenizing when a common word matches all over a 250 KB section.
    static let snippetReachTokens: Int32 = 2_000

    /// The body instances within ``snippetReachTokens`` of the first one.
    static func instancesNearTheFirst(_ instances: ArraySlice<PhraseInstance>) -> [PhraseInstance] {
        let body = Int32(2)
        guard let first = instances.lazy.filter({ $0.column == body }).map(\.offset).min() else { return [] }
        return instances.filter { $0.column == body && $0.offset - first < snippetReachTokens }
    }

    /// Expansion weights as `ns_rank` reads them: comma-separated, empty for none.
    static func weightList(_ weights: [Double]) -> String {
        weights.map { "\($0)" }.joined(separator: ",")
    }

    /// A JSON array of ids, bound as one argument so that the statement stays cached.
    static func jsonList(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    /// Decodes `ns_spans` output, keeping the spans of one column.
    static func decodeSpans(_ encoded: String, column: Int) -> [MatchSpan] {
        encoded.split(separator: ";").compactMap { item in
            let parts = item.split(separator: ":").compactMap { Int($0) }
            guard parts.count == 4, parts[0] == column, parts[1] < parts[2] else { return nil }
            return MatchSpan(range: parts[1]..<parts[2], phrase: parts[3])
        }
    }

    func attachExplanations(_ db: Database, hits: inout [SearchHit], entries: [ArticleCollector.Entry],
                                    match: String, parameters: RankingParameters, expansionWeights: [Double]) throws {
        var bySection: [Int64: Explanation] = [:]
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT rowid, ns_explain(sections_fts, ?, ?) FROM sections_fts
            WHERE sections_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))
            """), arguments: [parameters.encoded, Self.weightList(expansionWeights), match, Self.jsonList(entries.map(\.section))])
        while let row = try rows.next() {
            let json: String = row[1]
            bySection[row[0]] = (try? JSONDecoder().decode(Explanation.self, from: Data(json.utf8)))?.named(by: match)
        }
        for index in hits.indices { hits[index].explanation = bySection[entries[index].section] }
    }
}
