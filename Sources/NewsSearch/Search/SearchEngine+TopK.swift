import GRDB

extension SearchEngine {
    /// The article attributes and folder scope that `options` filter by, if any.
    func searchFilters(_ db: Database, options: SearchOptions) throws -> (AttributeScan?, FolderScope?) {
        let attributes = try AttributeScan.isNeeded(options)
            ? AttributeScan(attributes: ArticleAttributes.load(db, schemaVersion: store.schemaVersion, cache: store.attributeCache),
                            options: options)
            : nil
        return (attributes, options.folders.isEmpty ? nil : try FolderScope.load(db, folders: options.folders))
    }

    /// Puts the recency factor of `--recency-half-life` into the hits' explanations.
    func applyRecency(to hits: inout [SearchHit], options: SearchOptions, attributes: AttributeScan?) {
        guard options.recencyHalfLife != nil, let attributes else { return }
        for index in hits.indices where hits[index].explanation != nil {
            let factor = attributes.factor(hits[index].article.id)
            hits[index].explanation?.recency = factor
            hits[index].explanation?.total *= factor
        }
    }

    /// Whether `options` let the impact index answer: relevance order over BM25F, no
    /// counts of every match (facets, `--count`), not forced to the exhaustive path.
    static func mayPrune(_ options: SearchOptions) -> Bool {
        !options.exhaustive && options.ranker == .bm25f && options.sort == .relevance
            && options.facets.isEmpty && !options.countOnly
    }

    /// The search through the impact index (``TopKSearch``), or nil when it cannot
    /// answer exactly and the exhaustive scan must.
    func prunedSearch(_ db: Database, _ request: SearchRequest, stopwatch given: SearchStopwatch) throws -> SearchResults? {
        let options = request.options, parameters = request.parameters
        // An impact index of an older layout waits for the next index run to rebuild it.
        guard Self.mayPrune(options), store.schemaVersion >= ImpactSchema.layoutVersion else { return nil }
        guard let typed = try TopKSearch.plan(db, query: request.query, expansion: [], parameters: parameters,
                                              cache: store.impactCache, deadline: request.deadline) else {
            return nil
        }
        var stopwatch = given
        let (attributes, scope) = try searchFilters(db, options: options)
        var plan = typed
        var expansion: [String] = []
        var ranked = request.match
        var pruned = false
        var final = CollectorSink(collector: request.collector(), scope: scope, attributes: attributes)
        var finalRanked = false
        var merged: [ArticleCollector.Entry]?
        var firstTotal = 0
        if let leaves = request.expandableLeaves {
            // The first pass ranks the typed query alone, for the feedback sections.
            let firstCapacity = max(parameters.feedback.documents, options.offset + options.limit)
            var first = CollectorSink(collector: request.collector(capacity: firstCapacity, keepSections: false),
                                      scope: scope, attributes: nil)
            let firstPruned = try typed.run(into: &first, deadline: request.deadline, db: db)
            let firstTop = first.collector.finish()
            firstTotal = first.collector.total
            let feedbackSet = Array(firstTop.prefix(parameters.feedback.documents))
            if PseudoRelevanceFeedback.firstPassIsReliable(topScores: feedbackSet.map(\.score), parameters: parameters.feedback) {
                expansion = try expansionWords(db, entries: feedbackSet, parameters: parameters.feedback, typedPostings: typed.typedPostings)
            }
            if expansion.isEmpty, attributes == nil, !options.listSections {
                // Nothing added and nothing more to filter: the first pass is the ranking
                // (as the exhaustive path keeps its first scan's scores).
                final = first
                pruned = firstPruned
                finalRanked = true
            } else if !expansion.isEmpty {
                guard let expanded = try TopKSearch.plan(db, query: request.query, expansion: expansion, parameters: parameters,
                                                         cache: store.impactCache, reusing: typed, deadline: request.deadline)
                else { return nil }
                plan = expanded
                ranked = try MatchExpression(leaves: leaves, expansion: expansion, weight: parameters.feedback.weight)
                if attributes == nil {
                    // Only sections with an added word can score more than the first pass
                    // gave them: rank those, and merge (``ExpansionMerge``).
                    final.floor = ExpansionMerge.floor(firstTop, count: options.offset + options.limit)
                    _ = try expanded.run(into: &final, expansionOnly: true,
                                         ceiling: typed.typedCeiling(page: firstTop, capacity: firstCapacity),
                                         deadline: request.deadline, db: db)
                    pruned = true
                    finalRanked = true
                    merged = ExpansionMerge.merge(typed: firstTop, expanded: final.collector.finish())
                }
            }
        }
        if !finalRanked { pruned = try plan.run(into: &final, deadline: request.deadline, db: db) }
        var entries = Array((merged ?? final.collector.finish()).prefix(options.offset + options.limit).dropFirst(options.offset))
        let details = try plan.details(ofHits: entries.map(\.section), groupByArticle: !options.sectionsOnly,
                                       scoringAll: options.listSections, db: db)
        for index in entries.indices {
            let sections = details.sections[entries[index].section] ?? []
            entries[index].matchingSections = max(entries[index].matchingSections, sections.count)
            if options.listSections {
                entries[index].sections = sections.map { ($0.id, $0.score * (attributes?.factor(SectionID.article(of: $0.id)) ?? 1)) }
            }
        }
        var (hits, bodies) = try loadHits(db, entries: entries, offset: options.offset, withBodies: options.snippet != nil)
        stopwatch.endRank()
        let typedCount = plan.query.typedCount
        if let snippetOptions = options.snippet, !hits.isEmpty {
            let recorded = RecordedInstances(instances: { details.instances[$0].map { $0[...] } },
                                             phraseSizes: plan.query.phrases.prefix(typedCount).map { Int32($0.terms.count) })
            try attachSnippets(db, hits: &hits, bodies: bodies, entries: entries, match: request.match,
                               weights: Array(plan.scorer.idf.prefix(typedCount)), options: snippetOptions, recorded: recorded)
        }
        if options.explain, !hits.isEmpty {
            try attachExplanations(db, hits: &hits, entries: entries, match: ranked, parameters: parameters)
            applyRecency(to: &hits, options: options, attributes: attributes)
        }
        stopwatch.endSnippets()
        var results = SearchResults(query: request.text, match: ranked.text, expansion: expansion, total: max(final.collector.total, merged == nil ? 0 : firstTotal),
                                    hits: hits, facets: [:], timings: stopwatch.finished())
        results.totalIsLowerBound = pruned
        return results
    }
}

/// The collector behind a search, with the search's filters in front of it: folder
/// scope, date and attribute filters, the recency factor and the sort key, and the
/// facet counts of every admitted article.
struct CollectorSink: TopKSink {
    var collector: ArticleCollector
    let scope: FolderScope?
    var attributes: AttributeScan?

    /// A score the page's last result is known to reach (another pass found that many
    /// results scoring at least this): the threshold never starts below it.
    var floor = -Double.infinity

    var threshold: Double { max(collector.threshold, floor) }

    var admitsEverySection: Bool { scope == nil && attributes == nil }

    func admits(section: Int64) -> Bool {
        guard scope?.admits(section: section) ?? true else { return false }
        return attributes?.admits(SectionID.article(of: section)) ?? true
    }

    mutating func add(section: Int64, score: Double) {
        guard attributes != nil else { return collector.add(section: section, score: score) }
        let article = SectionID.article(of: section)
        attributes!.count(article)
        collector.add(section: section, score: score * attributes!.factor(article), key: attributes!.key(article))
    }

    /// Adds `section` if it passes the filters (the exhaustive scan's every match).
    mutating func offer(section: Int64, score: Double) {
        guard admits(section: section) else { return }
        add(section: section, score: score)
    }
}
