import GRDB

/// The exhaustive path: every section FTS5 matches is scored (`ns_rank`, or FTS5's own
/// `bm25()` with `--ranker fts5`), for what the impact index cannot answer exactly
/// (prefixes, NEAR, nested groups, `--sort date`, facets, `--count`, common phrases) and
/// for `--exhaustive`, the reference the pruned path is tested against.
extension SearchEngine {
    func exhaustiveSearch(_ db: Database, _ request: SearchRequest, stopwatch given: SearchStopwatch) throws -> SearchResults {
        var stopwatch = given
        let options = request.options, parameters = request.parameters
        let (attributes, scope) = try searchFilters(db, options: options)
        var sink = CollectorSink(collector: request.collector(capacity: options.countOnly ? 1 : nil),
                                 scope: scope, attributes: attributes)
        let snippets = options.snippet != nil && options.ranker == .bm25f && !options.countOnly
        // Hits sorted by date are not the best-scoring rows: their phrase instances
        // are recorded by the date the collector's heap needs, not by score.
        let byScore = options.sort == .relevance
        var ranked = request.match
        var expansion: [String] = []
        let typedScan: RankingScan
        if let leaves = request.expandableLeaves {
            let expanded = try expandedScan(db, request, scope: scope, recording: snippets) { id, score in
                sink.offer(section: id, score: score)
            }
            typedScan = expanded.typedScan
            expansion = expanded.words
            if !expansion.isEmpty {
                ranked = try MatchExpression(leaves: leaves, expansion: expansion, weight: parameters.feedback.weight)
            }
        } else {
            let recording: RankingScan.Recording
            if !snippets {
                recording = .none
            } else if !byScore, let lookup = attributes {
                recording = .byKey { row in
                    let article = SectionID.article(of: row)
                    return lookup.admits(article) ? lookup.key(article) : nil
                }
            } else {
                recording = .byScore
            }
            let scan = RankingScan(recording: recording)
            try self.scan(db, match: request.match, ranker: options.ranker, parameters: parameters, context: scan) { id, score in
                sink.offer(section: id, score: score)
                if byScore { scan.threshold = sink.collector.threshold } else { scan.keyThreshold = sink.collector.keyThreshold }
            }
            typedScan = scan
        }
        let entries = options.countOnly ? [] : Array(sink.collector.finish().dropFirst(options.offset))
        var (hits, bodies) = try loadHits(db, entries: entries, offset: options.offset, withBodies: options.snippet != nil)
        stopwatch.endRank()
        if let snippetOptions = options.snippet, !hits.isEmpty {
            let weights = options.ranker == .bm25f ? typedScan.phrases?.idf ?? [] : []
            try attachSnippets(db, hits: &hits, bodies: bodies, entries: entries, match: request.match, weights: weights,
                               options: snippetOptions, recorded: snippets ? RecordedInstances(typedScan) : nil)
        }
        if options.explain, !hits.isEmpty {
            try attachExplanations(db, hits: &hits, entries: entries, match: ranked, parameters: parameters)
            applyRecency(to: &hits, options: options, attributes: sink.attributes)
        }
        stopwatch.endSnippets()
        if options.countOnly { _ = sink.collector.finish() }
        return SearchResults(query: request.text, match: ranked.text, expansion: expansion, total: sink.collector.total,
                             hits: hits, facets: sink.attributes?.facets() ?? [:], timings: stopwatch.finished())
    }

    /// Steps through every section matching `match`, in row-id order, with its score
    /// (higher is better for both rankers). `ns_rank` reads and fills `context`.
    func scan(_ db: Database, match: MatchExpression, ranker: Ranker, parameters: RankingParameters,
              context: RankingScan = RankingScan(), _ body: (Int64, Double) -> Void) throws {
        switch ranker {
        case .bm25f:
            // The scan's context is the statement's last parameter (``SQLPointer``).
            let statement = try db.cachedStatement(sql: """
                SELECT rowid, ns_rank(sections_fts, ?2, ?3, ?4) FROM sections_fts WHERE sections_fts MATCH ?1
                """)
            try SQLPointer.forEachRow(of: statement, arguments: [match.text, parameters.encoded, match.encodedWeights],
                                      passing: context, as: .scan) { row in body(row.int64(0), row.double(1)) }
        case .fts5:
            let statement = try db.cachedStatement(sql: "SELECT rowid, -bm25(sections_fts, 1.0, 1.0, 1.0, 0.0) FROM sections_fts WHERE sections_fts MATCH ?")
            try statement.setArguments([match.text])
            try StatementRows(statement).forEach { row in body(row.int64(0), row.double(1)) }
        }
    }
}
