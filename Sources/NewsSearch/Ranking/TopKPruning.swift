import GRDB

/// Where pruned evaluation sends the sections it scores, and what it asks before.
///
/// The collector passes its threshold in as a value each time it is read: the score
/// the k-th best article has now (minus infinity until k are held). A section whose
/// bound stays below it cannot change the top k.
protocol TopKSink {
    /// The score a section must beat to matter; only ever rises.
    var threshold: Double { get }
    /// Whether a section passes the search's filters (folder, dates, sources).
    func admits(section: Int64) -> Bool
    mutating func add(section: Int64, score: Double)
}

/// Exact top-k evaluation over the impact index, after Turtle & Flood's MaxScore with
/// block maxima (Ding & Suel 2011; Lucene's `MaxScoreBulkScorer`) for queries where any
/// phrase may match, and a block-skipping conjunction (Lucene's
/// `BlockMaxConjunctionBulkScorer`) where all must.
///
/// Invariant: a section is skipped only when an upper bound of its score, times
/// (1 + 1e-9), is below the sink's threshold; every other matching section is scored
/// exactly (``SectionScorer``) and added. The bound of a section is the sum, over the
/// phrases that may match it, of the phrase's block bound (``BM25F/phraseBound``), plus
/// every neighbouring pair's largest proximity bonus; coordination and recency only
/// ever shrink a score (factors ≤ 1). So the top k equals exhaustive scoring's.
struct TopKPruning {
    static let slack = 1 + 1e-9

    let scorer: SectionScorer
    let directory: SegmentDirectory
    var matchers: [PhraseMatcher]
    /// Set once some section was passed over without being scored.
    private(set) var pruned = false
    /// The scored section's phrase matches and the scorer's buffers, reused.
    private var matches: [SectionScorer.Match] = []
    private var scratch = SectionScorer.Scratch()
    private var presentList: [Int] = []

    init(scorer: SectionScorer, directory: SegmentDirectory, matchers: [PhraseMatcher]) {
        self.scorer = scorer
        self.directory = directory
        self.matchers = matchers
    }

    private var proximityWanted: Bool { scorer.bm25f.parameters.proximity > 0 && scorer.query.typedCount > 1 }

    /// The proximity bound of the pairs both of whose phrases are in `present`.
    private func pairBounds(present: (Int) -> Bool) -> Double {
        guard proximityWanted else { return 0 }
        var total = 0.0
        for pair in 0..<(scorer.query.typedCount - 1) where present(pair) && present(pair + 1) {
            total += scorer.pairBound(pair)
        }
        return total
    }

    // MARK: - Every phrase required

    /// The conjunction, driven by the phrase with the fewest blocks (the lead). Its
    /// current block and the other phrases' blocks covering it form a window whose
    /// bound is computed once; a window below the threshold is skipped whole. Inside
    /// one, a section is dropped on the lead's exact part plus the others' block
    /// bounds before any other cursor moves (Lucene's `BlockMaxConjunctionBulkScorer`).
    mutating func runAll<Sink: TopKSink>(into sink: inout Sink, db: Database) throws {
        let phrases = scorer.query.phrases
        let positives = phrases.indices.filter { !phrases[$0].excluded }
            .sorted { matchers[$0].blockCount < matchers[$1].blockCount }
        let negatives = phrases.indices.filter { phrases[$0].excluded }
        guard let lead = positives.first else { return }
        let pairs = pairBounds { !phrases[$0].excluded }
        // The window: documents up to `windowEnd`, with the lead's block bound and the
        // other phrases' block bounds plus every pair's bonus bound.
        var windowEnd = -1, leadBound = 0.0, othersBound = 0.0
        var target = 0
        search: while true {
            try matchers[lead].advance(to: target, db: db)
            target = matchers[lead].document
            guard target != PostingCursor.end else { break }
            let threshold = sink.threshold
            if threshold > -.infinity {
                if target > windowEnd {
                    guard let block = matchers[lead].bound(at: target) else { break }
                    leadBound = scorer.phraseBound(lead, bound: block.bound)
                    windowEnd = block.lastDocument
                    othersBound = pairs
                    for phrase in positives.dropFirst() {
                        guard let other = matchers[phrase].bound(at: target) else { break search }
                        othersBound += scorer.phraseBound(phrase, bound: other.bound)
                        windowEnd = min(windowEnd, other.lastDocument)
                    }
                }
                if (leadBound + othersBound) * Self.slack < threshold {
                    pruned = true
                    target = windowEnd + 1
                    continue
                }
                let leadScore = phrases[lead].weight
                    * scorer.phraseScore(lead, frequencies: matchers[lead].frequencies, lengths: matchers[lead].fieldLengths())
                if (leadScore + othersBound) * Self.slack < threshold {
                    pruned = true
                    target += 1
                    continue
                }
            }
            for phrase in positives.dropFirst() {
                try matchers[phrase].advance(to: target, db: db)
                let document = matchers[phrase].document
                if document == PostingCursor.end { break search }
                if document > target {
                    target = document
                    continue search
                }
            }
            for phrase in negatives {
                try matchers[phrase].advance(to: target, db: db)
                if matchers[phrase].document == target {
                    target += 1
                    continue search
                }
            }
            try score(target, present: positives, into: &sink, db: db)
            target += 1
        }
    }

    // MARK: - Any phrase suffices

    /// Block-max MaxScore in windows (Lucene's `MaxScoreBulkScorer`). Phrases whose
    /// whole-list bounds together cannot reach the threshold never drive (essential are
    /// the others). A window runs from the first document an essential phrase holds to
    /// the end of the first of their blocks there; in it each phrase is bounded by its
    /// blocks that overlap it. A window whose bounds together fall short is passed over
    /// whole; in the others the phrases whose window bounds cannot reach the threshold
    /// together (the weak ones) only confirm: a candidate is a document a strong phrase
    /// holds, and it is scored only if its strong phrases' exact parts plus the weak
    /// bounds can reach the threshold.
    ///
    /// With `expansionOnly`, only sections holding an expansion phrase count (the second
    /// pass of an expanded search, ``TopKSearch/run(into:expansionOnly:db:)``): the
    /// typed phrases then never drive, they only confirm.
    mutating func runAny<Sink: TopKSink>(into sink: inout Sink, expansionOnly: Bool = false, db: Database) throws {
        let phrases = scorer.query.phrases
        let count = phrases.count
        let confirmOnly = expansionOnly ? phrases.indices.filter { !phrases[$0].expansion } : []
        // Each pair's bonus is charged to its second phrase: a pair only scores when both match.
        var charged = [Double](repeating: 0, count: count)
        if proximityWanted {
            for pair in 0..<(scorer.query.typedCount - 1) { charged[pair + 1] += scorer.pairBound(pair) }
        }
        let maxima = (0..<count).map { scorer.phraseBound($0, bound: matchers[$0].postingsBound) + charged[$0] }
        // Phrases that only confirm come first, whatever their bounds.
        let order = confirmOnly + (0..<count).filter { !confirmOnly.contains($0) }.sorted { maxima[$0] < maxima[$1] }
        for phrase in 0..<count { try matchers[phrase].advance(to: 0, db: db) }
        var present = [Bool](repeating: false, count: count)
        var windowMaxima = [Double](repeating: 0, count: count)
        var windowOrder = order
        var required: [Int] = []
        var next = 0
        while true {
            let threshold = sink.threshold
            var essentialFrom = confirmOnly.count, sum = confirmOnly.reduce(0.0) { $0 + maxima[$1] }
            while essentialFrom < count, (sum + maxima[order[essentialFrom]]) * Self.slack < threshold {
                sum += maxima[order[essentialFrom]]
                essentialFrom += 1
            }
            if essentialFrom > 0 { pruned = true }
            guard essentialFrom < count else { break }
            var start = PostingCursor.end
            for index in essentialFrom..<count {
                let phrase = order[index]
                try matchers[phrase].advance(to: next, db: db)
                start = min(start, matchers[phrase].document)
            }
            guard start != PostingCursor.end else { break }
            var windowEnd = Int.max
            for index in essentialFrom..<count {
                guard let block = matchers[order[index]].bound(at: start) else { continue }
                windowEnd = min(windowEnd, block.lastDocument)
            }
            var windowSum = 0.0
            for phrase in 0..<count {
                let block = matchers[phrase].maxBound(from: start, through: windowEnd) { scorer.phraseBound(phrase, bound: $0) }
                windowMaxima[phrase] = block.map { min(maxima[phrase], $0.score + charged[phrase]) } ?? 0
                windowSum += windowMaxima[phrase]
            }
            next = windowEnd == Int.max ? PostingCursor.end : windowEnd + 1
            if windowSum * Self.slack < threshold {
                pruned = true
                continue
            }
            // A phrase without which the others' bounds cannot reach the threshold must
            // match: the window is then a conjunction of such phrases (Lucene's
            // `scoreInnerWindowAsConjunction`), led by the one with the fewest blocks.
            required.removeAll(keepingCapacity: true)
            for phrase in 0..<count where windowMaxima[phrase] > 0 && (windowSum - windowMaxima[phrase]) * Self.slack < threshold
                && confirmOnly.isEmpty {
                required.append(phrase)
            }
            if !required.isEmpty {
                required.sort { matchers[$0].blockCount < matchers[$1].blockCount }
                try scoreConjunction(required, from: start, through: windowEnd, maxima: windowMaxima, charged: charged,
                                     present: &present, into: &sink, db: db)
                continue
            }
            windowOrder[confirmOnly.count...].sort { windowMaxima[$0] < windowMaxima[$1] }
            var strongFrom = confirmOnly.count, weakSum = confirmOnly.reduce(0.0) { $0 + windowMaxima[$1] }
            while strongFrom < count, (weakSum + windowMaxima[windowOrder[strongFrom]]) * Self.slack < threshold {
                weakSum += windowMaxima[windowOrder[strongFrom]]
                strongFrom += 1
            }
            if strongFrom > 0 { pruned = true }
            for index in strongFrom..<count { try matchers[windowOrder[index]].advance(to: start, db: db) }
            while true {
                var target = PostingCursor.end
                for index in strongFrom..<count { target = min(target, matchers[windowOrder[index]].document) }
                guard target <= windowEnd else { break }
                // The strong phrases' exact parts, then the weak ones, strongest bound first.
                var exact = 0.0
                var lengths = SIMD4<UInt32>.zero
                for index in 0..<count { present[index] = false }
                for index in strongFrom..<count where matchers[windowOrder[index]].document == target {
                    let phrase = windowOrder[index]
                    if !present.contains(true) { lengths = matchers[phrase].fieldLengths() }
                    present[phrase] = true
                    exact += phrases[phrase].weight * scorer.phraseScore(phrase, frequencies: matchers[phrase].frequencies, lengths: lengths)
                        + charged[phrase]
                }
                if try confirm(target, optional: windowOrder[..<strongFrom].reversed(), bounds: windowMaxima, remaining: weakSum,
                               exact: exact, lengths: lengths, charged: charged, present: &present, threshold: sink.threshold, db: db),
                   sink.admits(section: directory.sectionIDs[target]) {
                    try score(target, present: presentPhrases(present), into: &sink, db: db)
                } else {
                    pruned = true
                }
                for index in strongFrom..<count where matchers[windowOrder[index]].document == target {
                    try matchers[windowOrder[index]].next(db: db)
                }
            }
        }
    }

    /// The documents in `first...last` where every phrase of `required` matches (the
    /// first leading), each scored unless the required phrases' exact parts plus the
    /// others' window `maxima` cannot reach the threshold; the others then confirm.
    private mutating func scoreConjunction<Sink: TopKSink>(_ required: [Int], from first: Int, through last: Int, maxima: [Double],
                                                           charged: [Double], present: inout [Bool],
                                                           into sink: inout Sink, db: Database) throws {
        let phrases = scorer.query.phrases
        let count = phrases.count
        pruned = true   // documents missing a required phrase are passed over
        var othersBound = 0.0
        let others = (0..<count).filter { !required.contains($0) }.sorted { maxima[$0] > maxima[$1] }
        for phrase in others { othersBound += maxima[phrase] }
        var target = first
        search: while target <= last {
            try matchers[required[0]].advance(to: target, db: db)
            target = matchers[required[0]].document
            guard target <= last else { return }
            for phrase in required.dropFirst() {
                try matchers[phrase].advance(to: target, db: db)
                if matchers[phrase].document != target {
                    target = matchers[phrase].document
                    continue search
                }
            }
            var exact = 0.0
            let lengths = matchers[required[0]].fieldLengths()
            for index in 0..<count { present[index] = false }
            for phrase in required {
                present[phrase] = true
                exact += phrases[phrase].weight * scorer.phraseScore(phrase, frequencies: matchers[phrase].frequencies, lengths: lengths)
                    + charged[phrase]
            }
            if try confirm(target, optional: others, bounds: maxima, remaining: othersBound, exact: exact, lengths: lengths,
                           charged: charged, present: &present, threshold: sink.threshold, db: db),
               sink.admits(section: directory.sectionIDs[target]) {
                try score(target, present: presentPhrases(present), into: &sink, db: db)
            }
            target += 1
        }
    }

    /// Whether a candidate at `target` may still reach the threshold, its phrases so far
    /// scoring `exact` (with their pairs' charges) and the `optional` ones, in order, at
    /// most their `bounds`, `remaining` in all: each optional phrase in turn is moved to
    /// the candidate, gives up its bound and adds its exact part if it matches there;
    /// false as soon as what is known plus what is left falls short (Lucene's MaxScore
    /// order). Marks the optional phrases that match in `present`.
    private mutating func confirm(_ target: Int, optional: some Sequence<Int>, bounds: [Double], remaining: Double,
                                  exact: Double, lengths: SIMD4<UInt32>, charged: [Double], present: inout [Bool],
                                  threshold: Double, db: Database) throws -> Bool {
        var remaining = remaining, exact = exact
        if (exact + remaining) * Self.slack < threshold { return false }
        for phrase in optional {
            remaining -= bounds[phrase]
            try matchers[phrase].advance(to: target, db: db)
            if matchers[phrase].document == target {
                present[phrase] = true
                exact += scorer.query.phrases[phrase].weight
                    * scorer.phraseScore(phrase, frequencies: matchers[phrase].frequencies, lengths: lengths) + charged[phrase]
            }
            if (exact + max(0, remaining)) * Self.slack < threshold { return false }
        }
        return true
    }

    /// The phrases marked in `present`, in order, in a buffer kept from section to section.
    private mutating func presentPhrases(_ present: [Bool]) -> [Int] {
        presentList.removeAll(keepingCapacity: true)
        for phrase in present.indices where present[phrase] { presentList.append(phrase) }
        return presentList
    }

    // MARK: - Scoring one section

    /// Scores `document`, where the phrases `present` match, unless its bound with those
    /// phrases known (``SectionScorer/bound(_:lengths:)``: exact but for the proximity
    /// bonus) cannot reach the threshold; adds it to the sink.
    private mutating func score<Sink: TopKSink>(_ document: Int, present: [Int], into sink: inout Sink, db: Database) throws {
        let section = directory.sectionIDs[document]
        guard sink.admits(section: section) else { return }
        let lengths = directory.fieldLengths(document)
        // Reused from section to section (present marks and offsets cleared), so that
        // scoring allocates nothing per section.
        if matches.count != matchers.count { matches = [SectionScorer.Match](repeating: SectionScorer.Match(), count: matchers.count) }
        for index in matches.indices where matches[index].present {
            matches[index].present = false
            for field in 0..<4 { matches[index].offsets[field].removeAll(keepingCapacity: true) }
        }
        for phrase in present {
            matches[phrase].present = true
            matches[phrase].frequencies = matchers[phrase].frequencies
        }
        if proximityWanted {
            // Only the proximity bonus is not known exactly before the offsets are read.
            if scorer.bound(matches, lengths: lengths) * Self.slack < sink.threshold {
                pruned = true
                return
            }
            for phrase in present where !scorer.query.phrases[phrase].expansion {
                for field in 0..<4 where matches[phrase].frequencies[field] > 0 {
                    try matchers[phrase].appendOffsets(field: field, to: &matches[phrase].offsets[field], db: db)
                }
            }
        }
        sink.add(section: section, score: scorer.score(matches, lengths: lengths, scratch: &scratch))
    }
}
