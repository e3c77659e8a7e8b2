import Foundation
import GRDB
import GRDBSQLite

/// Snippets and explanations for the page of hits.
extension SearchEngine {
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
