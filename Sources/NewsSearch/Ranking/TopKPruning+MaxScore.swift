import GRDB

// MARK: - Any phrase suffices

extension TopKPruning {
    /// Block-max MaxScore in windows (Lucene's `MaxScoreBulkScorer`). Phrases whose
    /// whole-list bounds together cannot reach the threshold never drive (essential are
    /// the others). A window runs from the first document an essential phrase may hold
    /// (by its block headers) to the end of the first of their blocks there; in it each
    /// phrase is bounded by its blocks that overlap it. A window whose bounds together
    /// fall short is passed over whole, no block decoded; in the others the phrases whose
    /// window bounds cannot reach the threshold together (the weak ones) only confirm:
    /// a candidate is a document a strong phrase holds, and it is scored only if its
    /// strong phrases' exact parts plus the weak bounds can reach the threshold.
    ///
    /// With `expansionOnly`, only sections holding an expansion phrase count (the second
    /// pass of an expanded search, ``TopKSearch/run(into:expansionOnly:ceiling:db:)``): the
    /// typed phrases then never drive, they only confirm; and with `ceiling`, in a window
    /// without a section of the first pass's articles their part together is bounded by
    /// the ceiling too (``TypedCeiling``), which makes added words weak and windows pass.
    mutating func runAny<Sink: TopKSink>(into sink: inout Sink, expansionOnly: Bool = false, ceiling: TypedCeiling? = nil,
                                         db: Database) throws {
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
        let leads = matchers.map(\.leadCursor)
        var present = [Bool](repeating: false, count: count)
        var windowMaxima = [Double](repeating: 0, count: count)
        var windowOrder = order
        var weakOrder: [Int] = []
        var strongDocuments = [Int](repeating: 0, count: count)
        var required: [Int] = []
        var next = 0
        while true {
            try deadline?.check()
            let threshold = sink.threshold
            var essentialFrom = confirmOnly.count, sum = confirmOnly.reduce(0.0) { $0 + maxima[$1] }
            while essentialFrom < count, (sum + maxima[order[essentialFrom]]) * Self.slack < threshold {
                sum += maxima[order[essentialFrom]]
                essentialFrom += 1
            }
            if essentialFrom > 0 { pruned = true }
            guard essentialFrom < count else { break }
            // From the block headers alone, so that a window whose bounds fall short is
            // passed over without decoding a block.
            var start = PostingCursor.end
            for index in essentialFrom..<count { start = min(start, matchers[order[index]].firstPossible(from: next)) }
            guard start != PostingCursor.end else { break }
            var windowEnd = Int.max
            for index in essentialFrom..<count {
                guard let block = leads[order[index]].bound(at: start) else { continue }
                windowEnd = min(windowEnd, block.lastDocument)
            }
            var windowSum = 0.0
            for phrase in 0..<count {
                let block = leads[phrase].maxBound(from: start, through: windowEnd) { scorer.phraseBound(phrase, bound: $0) }
                windowMaxima[phrase] = block.map { min(maxima[phrase], $0.score + charged[phrase]) } ?? 0
                windowSum += windowMaxima[phrase]
            }
            // The confirming typed phrases' part together: their bounds' sum, or the
            // first pass's ceiling where it is lower and holds for every section here.
            var typedSum = 0.0
            for phrase in confirmOnly { typedSum += windowMaxima[phrase] }
            var typedBound = typedSum
            if let ceiling, ceiling.score < typedSum, !ceiling.lists(from: start, through: windowEnd) {
                typedBound = ceiling.score
                windowSum -= typedSum - typedBound
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
            var strongFrom = confirmOnly.count, weakSum = typedBound
            while strongFrom < count, (weakSum + windowMaxima[windowOrder[strongFrom]]) * Self.slack < threshold {
                weakSum += windowMaxima[windowOrder[strongFrom]]
                strongFrom += 1
            }
            if strongFrom > 0 { pruned = true }
            // The weak phrases confirm strongest bound first, so that what they may add
            // falls fastest; the typed phrases of an expanded pass, kept in front of
            // `windowOrder`, are sorted in among them (on the longest expanded queries
            // confirming them last cost a fifth of the time, measured).
            weakOrder.removeAll(keepingCapacity: true)
            weakOrder.append(contentsOf: windowOrder[..<strongFrom].reversed())
            if !confirmOnly.isEmpty { weakOrder.sort { windowMaxima[$0] > windowMaxima[$1] } }
            // The strong phrases' current documents side by side: every candidate reads
            // them three times, and through the matchers they were a quarter of this
            // loop's instructions on the longest expanded queries (measured).
            let strongCount = count - strongFrom
            for slot in 0..<strongCount {
                let phrase = windowOrder[strongFrom + slot]
                try matchers[phrase].advance(to: start, db: db)
                strongDocuments[slot] = matchers[phrase].document
            }
            // Several strong words: their parts summed a word at a time.
            if try scoreStrongWordsInBulk(windowOrder[strongFrom...], through: windowEnd, weak: weakOrder, weakSum: weakSum,
                                          confirmRemaining: weakSum - typedBound + typedSum, bounds: windowMaxima,
                                          charged: charged, present: &present, into: &sink, db: db) {
                continue
            }
            // One strong word: its postings whose part with the weak bounds falls short
            // are passed by their parts read a block at a time.
            let soleStrong = strongCount == 1 ? leadScores(of: windowOrder[strongFrom]) : nil
            while true {
                var target = PostingCursor.end
                for slot in 0..<strongCount { target = min(target, strongDocuments[slot]) }
                guard target <= windowEnd else { break }
                if let soleStrong, sink.threshold > -.infinity {
                    let reaching = soleStrong.firstReaching(sink.threshold, others: weakSum, through: windowEnd)
                    if reaching != target {
                        pruned = true
                        try matchers[windowOrder[strongFrom]].advance(to: reaching, db: db)
                        strongDocuments[0] = matchers[windowOrder[strongFrom]].document
                        continue
                    }
                }
                // The strong phrases' exact parts, then the weak ones, strongest bound first.
                var exact = 0.0
                var lengths: SIMD4<UInt32>?
                present.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
                for slot in 0..<strongCount where strongDocuments[slot] == target {
                    let phrase = windowOrder[strongFrom + slot]
                    if lengths == nil { lengths = matchers[phrase].fieldLengths() }
                    let lengths = lengths!
                    present[phrase] = true
                    exact += phrases[phrase].weight * scorer.phraseScore(phrase, frequencies: matchers[phrase].frequencies, lengths: lengths)
                        + charged[phrase]
                }
                // `confirm` gives up the weak phrases' bounds one by one, so it starts from
                // their sum; with the ceiling the candidate may fall short before it.
                if (exact + weakSum) * Self.slack >= sink.threshold,
                   try confirm(target, optional: weakOrder, bounds: windowMaxima, remaining: weakSum - typedBound + typedSum,
                               exact: exact, lengths: lengths ?? .zero, charged: charged, present: &present, threshold: sink.threshold, db: db),
                   admits(target, into: sink) {
                    try score(target, present: presentPhrases(present), into: &sink, db: db)
                } else {
                    pruned = true
                }
                for slot in 0..<strongCount where strongDocuments[slot] == target {
                    let phrase = windowOrder[strongFrom + slot]
                    try matchers[phrase].next(db: db)
                    strongDocuments[slot] = matchers[phrase].document
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
        // In a buffer kept from window to window (a window is a block: hundreds a search).
        othersList.removeAll(keepingCapacity: true)
        for phrase in 0..<count where !required.contains(phrase) { othersList.append(phrase) }
        othersList.sort { maxima[$0] > maxima[$1] }
        let others = othersList
        for phrase in others { othersBound += maxima[phrase] }
        // A single-word lead's postings whose part, with the other required phrases'
        // window bounds and the others', falls short are passed by their parts read a
        // block at a time (``LeadScores``).
        let leadScores = leadScores(of: required[0])
        var leadOthers = othersBound + charged[required[0]]
        for position in 1..<required.count { leadOthers += maxima[required[position]] }
        var target = first
        search: while target <= last {
            try matchers[required[0]].advance(to: target, db: db)
            target = matchers[required[0]].document
            guard target <= last else { return }
            if let leadScores, sink.threshold > -.infinity {
                let reaching = leadScores.firstReaching(sink.threshold, others: leadOthers, through: last)
                if reaching != target {
                    target = reaching
                    continue
                }
            }
            // By index: a slice retained and released `required` at every candidate.
            for position in 1..<required.count {
                let phrase = required[position]
                try matchers[phrase].advance(to: target, db: db)
                if matchers[phrase].document != target {
                    target = matchers[phrase].document
                    continue search
                }
            }
            // The lead's part as ``LeadScores`` computed it to judge the posting, where it did.
            let lengths = matchers[required[0]].fieldLengths()
            var exact = 0.0
            for phrase in required {
                let part = phrase == required[0] ? leadScores?.currentPart : nil
                exact += (part ?? phrases[phrase].weight
                          * scorer.phraseScore(phrase, frequencies: matchers[phrase].frequencies, lengths: lengths)) + charged[phrase]
            }
            if others.count <= UInt64.bitWidth {
                var known: SIMD4<UInt32>? = lengths
                if var matches = try confirmedMatches(target, optional: others, bounds: maxima, remaining: othersBound,
                                                      exact: exact, lengths: &known, charged: charged,
                                                      threshold: sink.threshold, db: db),
                   admits(target, into: sink) {
                    present.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
                    for phrase in required { present[phrase] = true }
                    while matches != 0 {
                        present[others[matches.trailingZeroBitCount]] = true
                        matches &= matches &- 1
                    }
                    try score(target, present: presentPhrases(present), into: &sink, db: db)
                }
            } else {
                present.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
                for phrase in required { present[phrase] = true }
                if try confirm(target, optional: others, bounds: maxima, remaining: othersBound, exact: exact, lengths: lengths,
                               charged: charged, present: &present, threshold: sink.threshold, db: db),
                   admits(target, into: sink) {
                    try score(target, present: presentPhrases(present), into: &sink, db: db)
                }
            }
            target += 1
        }
    }
}
