import GRDB

/// The search path over the impact index: a prepared query's phrases read from
/// `impact_postings`, scored by ``SectionScorer``, pruned by ``TopKPruning`` into the
/// caller's collector; then, for the hits only, every matching section of each hit
/// article (so `matching sections` and `--sections` are exact) and the phrase instances
/// the snippets need.
struct TopKSearch {
    let query: PreparedQuery
    let directory: SegmentDirectory
    let scorer: SectionScorer
    private let postings: [[TermPostings]]
    /// Per phrase of several words, its matches as the counting pass found them.
    private let recorded: [PhraseMatches?]

    /// The plan for `query`, or nil when the impact index cannot answer it exactly
    /// (incomplete index, a shape ``PreparedQuery`` does not take, parameters without bounds).
    /// `reusing` is an earlier plan over the same index whose postings are taken as read
    /// (the typed query's, when the expanded query is planned). `deadline` is checked as
    /// each word is read and each phrase counted.
    static func plan(_ db: Database, query node: QueryNode, expansion: [String], parameters: RankingParameters,
                     cache: ImpactCache, reusing earlier: TopKSearch? = nil, deadline: SearchDeadline? = nil) throws -> TopKSearch? {
        guard BM25F(parameters: parameters).canBound, try ImpactSchema.isComplete(db) else { return nil }
        guard let tokenizer = IndexTokenizer(db: db, stemming: true) else { return nil }
        guard let query = PreparedQuery(node, expansion: expansion, expansionWeight: parameters.feedback.weight,
                                        tokenize: { tokenizer.queryTerms(of: $0) }) else { return nil }
        let directory = try SegmentDirectory.load(db, cache: cache)
        let scales = BoundScales(directory: directory, parameters: parameters)
        var loaded = earlier?.postingsByTerm ?? [:]
        // A phrase with a word that is in no segment matches nothing: its words are not
        // read, and when it is required, no word of the query is (one index seek a word).
        var absent = Set<String>()
        if query.phrases.count > 1 || query.phrases.contains(where: { $0.terms.count > 1 }) {
            for term in Set(query.phrases.flatMap(\.terms)) where loaded[term] == nil {
                if try !TermPostings.exists(term, db: db) { absent.insert(term) }
            }
        }
        let dead = query.phrases.map { $0.terms.contains(where: absent.contains) }
        let nothing = query.shape == .all && query.phrases.indices.contains { !query.phrases[$0].excluded && dead[$0] }
        // A query of one phrase of several words is ranked over the matches its counting
        // pass keeps, few enough that the blocks' tight bounds (a tenth of reading a
        // phrase's words) prune little: its words are read without them, and read again
        // with them when the pass keeps none (too many) or an expanded query, which
        // prunes on them, reuses them.
        let tight = !(query.phrases.count == 1 && query.phrases[0].terms.count > 1)
        let reader = BlobReader(db, table: "impact_postings")
        var postings = try query.phrases.indices.map { index in
            try query.phrases[index].terms.map { term in
                if nothing || dead[index] { return TermPostings(emptyTerm: term) }
                if let known = loaded[term], known.hasTightBounds || !tight { return known }
                try deadline?.check()
                let made = try TermPostings(term: term, db: db, directory: directory, scales: tight ? scales : nil,
                                            positionReads: .blocks, reader: reader)
                loaded[term] = made
                return made
            }
        }
        var frequencies: [Int64] = []
        var recorded: [PhraseMatches?] = []
        for (index, phrase) in query.phrases.enumerated() {
            if phrase.terms.count == 1 {
                frequencies.append(postings[index][0].patterns.documents(in: phrase.columns))
                recorded.append(nil)
            } else {
                // FTS5's IDF of a phrase counts the sections it matches: one pass over
                // them all, whose matches the search then walks instead of matching again.
                var matcher = PhraseMatcher(postings: postings[index], columns: phrase.columns, directory: directory)
                let (count, matches) = try matcher.collect(limit: Self.maxRecordedMatches, deadline: deadline, db: db)
                frequencies.append(count)
                recorded.append(matches)
            }
        }
        if !tight, !nothing, !dead[0], recorded[0] == nil {
            postings[0] = try postings[0].map {
                try deadline?.check()
                return try TermPostings(term: $0.term, db: db, directory: directory, scales: scales, positionReads: .blocks, reader: reader)
            }
        }
        let scorer = SectionScorer(query: query, parameters: parameters, totals: directory.totals, documentFrequencies: frequencies)
        return TopKSearch(query: query, directory: directory, scorer: scorer, postings: postings, recorded: recorded)
    }

    /// The most matches of one phrase kept between passes (24 bytes each).
    static let maxRecordedMatches = 1 << 18

    /// Sections holding each typed phrase, summed (the typed postings feedback weighs).
    var typedPostings: Int64 {
        query.phrases.indices.filter { !query.phrases[$0].expansion }.reduce(0) { $0 + scorer.documentFrequencies[$1] }
    }

    /// The postings read for this plan, by term.
    var postingsByTerm: [String: TermPostings] {
        var byTerm: [String: TermPostings] = [:]
        for phrase in postings { for term in phrase { byTerm[term.term] = term } }
        return byTerm
    }

    func matchers() -> [PhraseMatcher] {
        query.phrases.enumerated().map { index, phrase in
            PhraseMatcher(postings: postings[index], columns: phrase.columns, directory: directory, recorded: recorded[index])
        }
    }

    /// Runs the pruned evaluation into `sink`; true if some section was passed over
    /// (the sink's total is then a lower bound).
    /// With `expansionOnly`, only the sections that hold an expansion phrase are
    /// ranked (the second pass of an expanded search, see ``SearchEngine``'s merge).
    /// `ceiling` is what the first pass knows of the typed part of the sections (``TypedCeiling``).
    /// `deadline` is checked window by window.
    func run<Sink: TopKSink>(into sink: inout Sink, expansionOnly: Bool = false, ceiling: TypedCeiling? = nil,
                             deadline: SearchDeadline? = nil, db: Database) throws -> Bool {
        var pruning = TopKPruning(scorer: scorer, directory: directory, matchers: matchers(), deadline: deadline)
        switch query.shape {
        case .all: try pruning.runAll(into: &sink, db: db)
        case .any: try pruning.runAny(into: &sink, expansionOnly: expansionOnly, ceiling: ceiling, db: db)
        }
        return pruning.pruned
    }

    /// What the hits need beyond their best section's score: every matching section of
    /// each hit article with its score, and the best section's phrase instances.
    struct HitDetails {
        var sections: [Int64: [(id: Int64, score: Double)]] = [:]
        var instances: [Int64: [PhraseInstance]] = [:]
    }

    /// Scores every section of the articles of `hits` (best section ids) again, all
    /// matching sections included, and keeps the typed phrases' instances of the hits.
    /// With `scoringAll` false the other sections are only counted (their scores are
    /// left 0), which reads no offsets but the best sections'.
    func details(ofHits hits: [Int64], groupByArticle: Bool, scoringAll: Bool = true, db: Database) throws -> HitDetails {
        // No page, no details: the matchers are not made (a tenth of a search that finds nothing).
        guard !hits.isEmpty else { return HitDetails() }
        var documents: [(document: Int, section: Int64)] = []
        for hit in hits {
            guard let around = self.documents(around: hit, wholeArticle: groupByArticle) else { continue }
            for candidate in around where !directory.isDeleted(candidate) {
                documents.append((candidate, hit))
            }
        }
        documents.sort { $0.document < $1.document }
        let bests = Set(hits)
        var matchers = matchers()
        var details = HitDetails()
        // Reused from section to section (cleared, keeping their buffers): a hit's
        // article has a few dozen sections, each of which allocated its own.
        var matches = [SectionScorer.Match](repeating: SectionScorer.Match(), count: matchers.count)
        var present = [Bool](repeating: false, count: matchers.count)
        var scratch = SectionScorer.Scratch()
        for (document, hit) in documents {
            let section = directory.sectionIDs[document]
            let needed = scoringAll || bests.contains(section)
            for index in matches.indices { matches[index].clear() }
            for index in matchers.indices {
                try matchers[index].advance(to: document, db: db)
                guard matchers[index].document == document else { continue }
                matches[index].present = true
                guard needed else { continue }
                matches[index].frequencies = matchers[index].frequencies
                for field in 0..<4 where matches[index].frequencies[field] > 0 {
                    try matchers[index].appendOffsets(field: field, to: &matches[index].offsets[field], db: db)
                }
            }
            for index in matches.indices { present[index] = matches[index].present }
            guard query.matches(present) else { continue }
            let score = scoringAll ? scorer.score(matches, lengths: directory.fieldLengths(document), scratch: &scratch) : 0
            details.sections[hit, default: []].append((section, score))
            if bests.contains(section) {
                var instances: [PhraseInstance] = []
                for (index, match) in matches.enumerated() where match.present && !query.phrases[index].expansion {
                    for field in 0..<4 {
                        for offset in match.offsets[field] {
                            instances.append(PhraseInstance(phrase: Int32(index), column: Int32(field), offset: Int32(offset)))
                        }
                    }
                }
                instances.sort { ($0.column, $0.offset, $0.phrase) < ($1.column, $1.offset, $1.phrase) }
                details.instances[section] = instances
            }
        }
        return details
    }

    /// What the first pass of an expanded search, whose page was `page` and which listed
    /// at most `capacity` articles, tells the second of the typed part of every section
    /// (``TypedCeiling``).
    func typedCeiling(page: [ArticleCollector.Entry], capacity: Int) -> TypedCeiling {
        let listed = page.compactMap { documents(around: $0.section, wholeArticle: true) }.sorted { $0.lowerBound < $1.lowerBound }
        return TypedCeiling(score: page.count >= capacity ? page.map(\.score).min() ?? 0 : 0, listed: listed)
    }

    /// The global documents of `section` (live) and, with `wholeArticle`, of the other
    /// sections of its article around it (deleted ones too): one batch wrote them together.
    private func documents(around section: Int64, wholeArticle: Bool) -> ClosedRange<Int>? {
        guard let document = globalDocument(of: section) else { return nil }
        let range = wholeArticle ? SectionID.range(of: SectionID.article(of: section)) : section...section
        var first = document
        while first > 0, range.contains(directory.sectionIDs[first - 1]) { first -= 1 }
        var last = document
        while last + 1 < directory.documentCount, range.contains(directory.sectionIDs[last + 1]) { last += 1 }
        return first...last
    }

    /// The global document of a live section.
    private func globalDocument(of section: Int64) -> Int? {
        for segment in directory.segments.reversed() {
            let range = segment.base..<(segment.base + segment.documents)
            guard let first = directory.sectionIDs[range].first, let last = directory.sectionIDs[range].last,
                  first <= section, section <= last else { continue }
            if let found = SortedSearch.index(of: section, in: directory.sectionIDs[range]), !directory.isDeleted(found) {
                return found
            }
        }
        return nil
    }
}

extension PreparedQuery {
    /// Whether a section where the phrases `present` match is a match of the query.
    func matches(_ present: [Bool]) -> Bool {
        switch shape {
        case .all: phrases.indices.allSatisfy { phrases[$0].excluded != present[$0] || phrases[$0].expansion }
        case .any: present.contains(true)
        }
    }
}
