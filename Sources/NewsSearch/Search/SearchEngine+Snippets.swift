import Foundation
import GRDB
import GRDBSQLite

/// Snippets and explanations for the page of hits.
extension SearchEngine {
    /// Phrase instances of hit sections known without asking FTS5 again.
    struct RecordedInstances {
        var instances: (Int64) -> ArraySlice<PhraseInstance>?
        var phraseSizes: [Int32]

        init(instances: @escaping (Int64) -> ArraySlice<PhraseInstance>?, phraseSizes: [Int32]) {
            self.instances = instances
            self.phraseSizes = phraseSizes
        }

        /// What an exhaustive scan recorded.
        init(_ scan: RankingScan) {
            let recording = scan.instances
            self.init(instances: { recording.instances(ofRow: $0) }, phraseSizes: scan.phrases?.sizes ?? [])
        }
    }

    /// Which rows ``matchSpans(_:match:rows:)`` reads.
    package enum SpanRows {
        case sections([Int64])
        case article(Int64)
    }

    /// Where `match` matches in each of `rows` that it matches, from `ns_spans`.
    package static func matchSpans(_ db: Database, match: String, rows: SpanRows) throws -> [Int64: RowSpans] {
        let recorder = RowRecorder<RowSpans>()
        let statement: Statement, arguments: StatementArguments
        switch rows {
        case let .sections(ids):
            statement = try db.cachedStatement(sql: """
                SELECT ns_spans(sections_fts, ?3) FROM sections_fts
                WHERE sections_fts MATCH ?1 AND rowid IN (SELECT value FROM json_each(?2))
                """)
            arguments = [match, jsonList(ids)]
        case let .article(id):
            let range = SectionID.range(of: id)
            statement = try db.cachedStatement(sql: """
                SELECT ns_spans(sections_fts, ?4) FROM sections_fts
                WHERE sections_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3
                """)
            arguments = [match, range.lowerBound, range.upperBound]
        }
        try SQLPointer.forEachRow(of: statement, arguments: arguments, passing: recorder, as: .spans) { _ in }
        return recorder.values
    }

    func attachSnippets(_ db: Database, hits: inout [SearchHit], bodies: [Int64: Body],
                        entries: [ArticleCollector.Entry],
                        match: MatchExpression, weights: [Double], options: SnippetOptions,
                        recorded: RecordedInstances?) throws {
        var spansBySection: [Int64: [MatchSpan]] = [:]
        let unrecorded = entries.map(\.section).filter { recorded?.instances($0) == nil }
        if !unrecorded.isEmpty {
            // FTS5's own bm25() ranked, or query expansion lifted a row the typed query
            // alone ranked too low to record: ask FTS5 for these hits' spans.
            for (row, spans) in try Self.matchSpans(db, match: match.text, rows: .sections(unrecorded)) {
                spansBySection[row] = spans.spans(in: .body)
            }
        }
        let tokenizer = recorded == nil ? nil : IndexTokenizer(db: db)
        let selector = PassageSelector(options: options)
        for index in hits.indices {
            let section = entries[index].section
            guard let start = bodies[section] else { continue }
            let body = start.text
            let text = body.isEmpty ? hits[index].section.heading : body
            var spans = spansBySection[section] ?? []
            if let recorded, let tokenizer, let found = recorded.instances(section) {
                let instances = Self.instancesNearTheFirst(found)
                spans = body.utf8.withContiguousStorageIfAvailable { bytes in
                    var locator = TokenLocator(tokenizer: tokenizer, bytes: bytes, marks: start.marks)
                    return MatchSpans.spans(of: instances, column: Int32(IndexSchema.Column.body.rawValue),
                                            phraseSizes: recorded.phraseSizes) {
                        locator.range(ofToken: $0)
                    }
                } ?? []
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
        let body = Int32(IndexSchema.Column.body.rawValue)
        guard let first = instances.lazy.filter({ $0.column == body }).map(\.offset).min() else { return [] }
        return instances.filter { $0.column == body && $0.offset - first < snippetReachTokens }
    }

    /// A JSON array of ids, bound as one argument so that the statement stays cached.
    static func jsonList(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    func attachExplanations(_ db: Database, hits: inout [SearchHit], entries: [ArticleCollector.Entry],
                            match: MatchExpression, parameters: RankingParameters) throws {
        let recorder = RowRecorder<Explanation>()
        let statement = try db.cachedStatement(sql: """
            SELECT ns_explain(sections_fts, ?3, ?4, ?5) FROM sections_fts
            WHERE sections_fts MATCH ?1 AND rowid IN (SELECT value FROM json_each(?2))
            """)
        try SQLPointer.forEachRow(of: statement, arguments: [match.text, Self.jsonList(entries.map(\.section)),
                                                             parameters.encoded, match.encodedWeights],
                                  passing: recorder, as: .explanations) { _ in }
        for index in hits.indices {
            hits[index].explanation = recorder.values[entries[index].section]?.named(by: match.text)
        }
    }
}
