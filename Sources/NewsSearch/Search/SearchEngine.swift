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
        do {
            return try FTS5Compiler.compile(QueryParser.parse(text, mode: mode))
        } catch {
            throw .query(error)
        }
    }

    public func search(_ text: String, options: SearchOptions = SearchOptions()) throws(SearchError) -> SearchResults {
        var timings = SearchTimings()
        var clock = ContinuousClock.now
        let match = try Self.compile(text, mode: options.mode)
        timings.parse = clock.duration(to: .now).seconds
        clock = .now
        let parameters = options.parameters ?? storedParameters()
        do {
            return try store.pool.read { db in
                var collector = ArticleCollector(capacity: options.offset + options.limit,
                                                 groupByArticle: !options.sectionsOnly, keepSections: options.listSections)
                let session = RankingSession.of(db)
                session?.begin(recording: options.snippet != nil && options.ranker == .bm25f)
                try scan(db, match: match, ranker: options.ranker, parameters: parameters) { id, score in
                    collector.add(section: id, score: score)
                    session?.threshold = collector.threshold
                }
                let entries = Array(collector.finish().dropFirst(options.offset))
                let weights = options.ranker == .bm25f ? session?.lastIDF ?? [] : []
                var hits = try loadHits(db, entries: entries, offset: options.offset)
                timings.rank = clock.duration(to: .now).seconds
                clock = .now
                if let snippetOptions = options.snippet, !hits.isEmpty {
                    try attachSnippets(db, hits: &hits, entries: entries, match: match, weights: weights, options: snippetOptions)
                }
                if options.explain, !hits.isEmpty {
                    try attachExplanations(db, hits: &hits, entries: entries, match: match, parameters: parameters)
                }
                timings.snippets = clock.duration(to: .now).seconds
                return SearchResults(query: text, match: match, total: collector.total, hits: hits, timings: timings)
            }
        } catch let error as SearchError {
            throw error
        } catch let error as IndexError {
            throw .index(error)
        } catch is DatabaseError {
            throw .internalQuery(query: text)
        } catch {
            throw .internalQuery(query: text)
        }
    }

    /// Steps through every section matching `match`, in row-id order, with its score
    /// (higher is better for both rankers).
    func scan(_ db: Database, match: String, ranker: Ranker, parameters: RankingParameters,
              _ body: (Int64, Double) -> Void) throws {
        let statement: Statement
        switch ranker {
        case .bm25f:
            statement = try db.cachedStatement(sql: "SELECT rowid, ns_rank(sections_fts, ?) FROM sections_fts WHERE sections_fts MATCH ?")
            try statement.setArguments([parameters.encoded, match])
        case .fts5:
            statement = try db.cachedStatement(sql: "SELECT rowid, -bm25(sections_fts, 1.0, 1.0, 1.0, 0.0) FROM sections_fts WHERE sections_fts MATCH ?")
            try statement.setArguments([match])
        }
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let status = sqlite3_step(handle)
            if status == SQLITE_ROW {
                body(sqlite3_column_int64(handle, 0), sqlite3_column_double(handle, 1))
            } else if status == SQLITE_DONE {
                return
            } else {
                throw DatabaseError(resultCode: ResultCode(rawValue: status), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
        }
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
            throw .internalQuery(query: match)
        }
    }

    private func loadHits(_ db: Database, entries: [ArticleCollector.Entry], offset: Int) throws -> [SearchHit] {
        guard !entries.isEmpty else { return [] }
        let ids = entries.map(\.section) + entries.flatMap { $0.sections.map(\.id) }
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT s.id, s.ordinal, s.heading, a.id, a.external_id, a.title, a.record, a.author, a.date, a.url, f.path
            FROM sections s JOIN articles a ON a.id = s.article_id JOIN files f ON f.id = a.file_id
            WHERE s.id IN (SELECT value FROM json_each(?))
            """), arguments: [Self.jsonList(ids)])
        var byID: [Int64: Row] = [:]
        for row in rows { byID[row[0]] = row }
        return entries.enumerated().compactMap { index, entry in
            guard let row = byID[entry.section] else { return nil }
            let article = SearchHit.ArticleInfo(id: row[3], externalID: row[4], title: row[5], path: row[10], record: row[6],
                                                author: row[7], date: row[8], url: row[9])
            let others = entry.sections.filter { $0.id != entry.section }.sorted { $0.score > $1.score }.compactMap { section in
                byID[section.id].map { SearchHit.SectionInfo(ordinal: $0[1], heading: $0[2], score: section.score) }
            }
            return SearchHit(rank: offset + index + 1, score: entry.score,
                             article: article, section: .init(ordinal: row[1], heading: row[2], score: entry.score),
                             matchingSections: entry.matchingSections, otherSections: others, snippet: nil, explanation: nil)
        }
    }

    private func attachSnippets(_ db: Database, hits: inout [SearchHit], entries: [ArticleCollector.Entry],
                                match: String, weights: [Double], options: SnippetOptions) throws {
        let list = Self.jsonList(entries.map(\.section))
        let session = RankingSession.of(db)
        let recorded = session?.recordsInstances == true ? session?.instances(of: Set(entries.map(\.section))) ?? [:] : [:]
        var spansBySection: [Int64: [MatchSpan]] = [:]
        if recorded.isEmpty {
            // FTS5's own bm25() ranked: ask FTS5 for the hits' spans with a second query.
            let rows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT rowid, ns_spans(sections_fts) FROM sections_fts
                WHERE sections_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))
                """), arguments: [match, list])
            while let row = try rows.next() {
                spansBySection[row[0]] = Self.decodeSpans(row[1], column: 2)
            }
        }
        var bodies: [Int64: (heading: String, body: String)] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT id, heading, body FROM sections WHERE id IN (SELECT value FROM json_each(?))"),
                                    arguments: [list]) {
            bodies[row[0]] = (row[1], row[2])
        }
        let selector = PassageSelector(options: options)
        for index in hits.indices {
            let section = entries[index].section
            guard let content = bodies[section] else { continue }
            let text = content.body.isEmpty ? content.heading : content.body
            var spans = spansBySection[section] ?? []
            if let instances = recorded[section], let session {
                if session.tokenizer == nil { session.tokenizer = IndexTokenizer(db: db) }
                let needed = instances.lazy.filter { $0.column == 2 }
                    .map { Int($0.offset) + Int(session.phraseSizes[Int($0.phrase)]) }.max() ?? 0
                let tokens = needed == 0 ? [] : session.tokenizer?.tokenRanges(of: content.body, limit: needed) ?? []
                spans = MatchSpans.spans(of: instances, column: 2, phraseSizes: session.phraseSizes, tokens: tokens)
            }
            if content.body.isEmpty { spans = [] }
            hits[index].snippet = selector.snippet(text: text, spans: spans, weights: weights)
        }
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

    private func attachExplanations(_ db: Database, hits: inout [SearchHit], entries: [ArticleCollector.Entry],
                                    match: String, parameters: RankingParameters) throws {
        var bySection: [Int64: Explanation] = [:]
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT rowid, ns_explain(sections_fts, ?) FROM sections_fts
            WHERE sections_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))
            """), arguments: [parameters.encoded, match, Self.jsonList(entries.map(\.section))])
        while let row = try rows.next() {
            let json: String = row[1]
            bySection[row[0]] = try? JSONDecoder().decode(Explanation.self, from: Data(json.utf8))
        }
        for index in hits.indices { hits[index].explanation = bySection[entries[index].section] }
    }
}
