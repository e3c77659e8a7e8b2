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
    /// Whether every section passes (no filters): a candidate's section id, a cache miss
    /// when read, is then read only for the sections added.
    var admitsEverySection: Bool { get }
    mutating func add(section: Int64, score: Double)
}

/// Exact top-k evaluation over the impact index, after Turtle & Flood's MaxScore with
/// block maxima (Ding & Suel 2011; Lucene's `MaxScoreBulkScorer`) for queries where any
/// phrase may match (``runAny(into:expansionOnly:db:)``, in `TopKPruning+MaxScore.swift`),
/// and a block-skipping conjunction (Lucene's `BlockMaxConjunctionBulkScorer`) where all
/// must (``runAll(into:db:)``, here, with the scoring of one section both share).
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
    /// The search's time limit, checked as each window is entered.
    let deadline: SearchDeadline?
    /// Set once some section was passed over without being scored.
    var pruned = false
    /// The scored section's phrase matches and the scorer's buffers, reused.
    private var matches: [SectionScorer.Match] = []
    private var scratch = SectionScorer.Scratch()
    private var presentList: [Int] = []
    /// The phrases a window's conjunction does not require, reused from window to window.
    var othersList: [Int] = []
    private var leadScoreList: [LeadScores?] = []
    /// A MaxScore window's strong words' parts, made on first use and reused (``WindowParts``).
    var windowParts: WindowParts?

    init(scorer: SectionScorer, directory: SegmentDirectory, matchers: [PhraseMatcher], deadline: SearchDeadline? = nil) {
        self.scorer = scorer
        self.directory = directory
        self.matchers = matchers
        self.deadline = deadline
    }

    var proximityWanted: Bool { scorer.bm25f.parameters.proximity > 0 && scorer.query.typedCount > 1 }

    /// The proximity bound of the pairs both of whose phrases are in `present`.
    func pairBounds(present: (Int) -> Bool) -> Double {
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
        let leadScores = leadScores(of: lead)
        // The window: documents up to `windowEnd`, with the lead's block bound and the
        // other phrases' block bounds plus every pair's bonus bound.
        var windowEnd = -1, leadBound = 0.0, othersBound = 0.0
        // Per phrase, the last document of its block in the window and that block's bound.
        // Windows only move on, so a phrase whose block reaches past the new window's first
        // document keeps it: a common word's block spans many of a rarer word's windows,
        // and its bound was computed again for each (`"the book of life"`: 52,000 bounds
        // a search, 14 % of its instructions).
        let leads = matchers.map(\.leadCursor)
        var blockLast = [Int](repeating: -1, count: phrases.count)
        var blockBound = [Double](repeating: 0, count: phrases.count)
        /// Moves the window to the one holding `document`; false when a phrase has no block left.
        func moveWindow(to document: Int) throws -> Bool {
            try deadline?.check()
            for phrase in positives where document > blockLast[phrase] {
                guard let block = leads[phrase].bound(at: document) else { return false }
                blockLast[phrase] = block.lastDocument
                blockBound[phrase] = scorer.phraseBound(phrase, bound: block.bound)
            }
            leadBound = blockBound[lead]
            windowEnd = blockLast[lead]
            othersBound = pairs
            for position in 1..<positives.count {
                othersBound += blockBound[positives[position]]
                windowEnd = min(windowEnd, blockLast[positives[position]])
            }
            return true
        }
        var target = 0
        search: while true {
            if sink.threshold > -.infinity {
                // First from the block headers alone: a window that cannot reach the
                // threshold is passed over without decoding the lead's block. Inside the
                // window only its bound is checked again (the threshold may have risen):
                // the headers were read for it already.
                if target > windowEnd {
                    let possible = matchers[lead].firstPossible(from: target)
                    guard possible != PostingCursor.end else { break }
                    if try !moveWindow(to: possible) { break }
                }
                if (leadBound + othersBound) * Self.slack < sink.threshold {
                    pruned = true
                    target = windowEnd + 1
                    continue
                }
            }
            try matchers[lead].advance(to: target, db: db)
            target = matchers[lead].document
            guard target != PostingCursor.end else { break }
            let threshold = sink.threshold
            if threshold > -.infinity {
                // Past the window checked above: check the one it landed in first.
                if target > windowEnd { continue }
                if let leadScores {
                    let next = leadScores.firstReaching(threshold, others: othersBound, through: windowEnd)
                    if next != target {
                        pruned = true
                        target = next
                        continue
                    }
                } else {
                    let leadScore = phrases[lead].weight
                        * scorer.phraseScore(lead, frequencies: matchers[lead].frequencies, lengths: matchers[lead].fieldLengths())
                    if (leadScore + othersBound) * Self.slack < threshold {
                        pruned = true
                        target += 1
                        continue
                    }
                }
            }
            // By index: a slice of `positives` retained and released the array at every
            // candidate (a few per cent of a median AND, measured).
            for position in 1..<positives.count {
                let phrase = positives[position]
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

    /// The parts of phrase `index` read a block at a time, when it is a single word
    /// (``LeadScores``); made once a search per phrase.
    mutating func leadScores(of index: Int) -> LeadScores? {
        if leadScoreList.count != matchers.count { leadScoreList = Array(repeating: nil, count: matchers.count) }
        if let made = leadScoreList[index] { return made }
        guard let word = matchers[index].singleWord else { return nil }
        let made = LeadScores(scorer: scorer, phrase: index, cursor: word.cursor, columns: word.columns, directory: directory)
        leadScoreList[index] = made
        return made
    }

    /// The phrases marked in `present`, in order, in a buffer kept from section to section.
    mutating func presentPhrases(_ present: [Bool]) -> [Int] {
        presentList.removeAll(keepingCapacity: true)
        for phrase in present.indices where present[phrase] { presentList.append(phrase) }
        return presentList
    }

    // MARK: - Scoring one section

    /// Scores `document`, where the phrases `present` match, unless its bound with those
    /// phrases known (``SectionScorer/bound(_:lengths:)``: exact but for the proximity
    /// bonus) cannot reach the threshold; adds it to the sink.
    mutating func score<Sink: TopKSink>(_ document: Int, present: [Int], into sink: inout Sink, db: Database) throws {
        guard admits(document, into: sink) else { return }
        let lengths = directory.fieldLengths(document)
        // Reused from section to section (present marks and offsets cleared), so that
        // scoring allocates nothing per section.
        if matches.count != matchers.count { matches = [SectionScorer.Match](repeating: SectionScorer.Match(), count: matchers.count) }
        for index in matches.indices where matches[index].present { matches[index].clear() }
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
        sink.add(section: directory.sectionIDs[document], score: scorer.score(matches, lengths: lengths, scratch: &scratch))
    }

    /// Whether `sink` takes `document`'s section, its id read only when the sink filters.
    @inline(__always) func admits<Sink: TopKSink>(_ document: Int, into sink: Sink) -> Bool {
        sink.admitsEverySection || sink.admits(section: directory.sectionIDs[document])
    }
}
