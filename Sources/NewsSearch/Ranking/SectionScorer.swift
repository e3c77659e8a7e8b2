/// Scores a section from its postings exactly as `ns_rank` scores it from FTS5's phrase
/// instances (``QueryStatistics/score()``): BM25F per phrase, the proximity bonus over
/// neighbouring typed phrases, the coordination factor; query-expansion terms scored as
/// a second group and added, as the two scans of an expanded search add them.
///
/// Also the bounds the pruning needs: ``phraseBound(_:bound:)`` for a block and
/// ``pairBound(_:)`` for a neighbouring pair's bonus.
struct SectionScorer {
    let bm25f: BM25F
    let query: PreparedQuery
    let idf: [Double]
    /// Sections holding each phrase (within its columns).
    let documentFrequencies: [Int64]
    let averageLengths: [Double]
    /// Sum of the IDF of each group's phrases (the coordination denominator).
    private let totalIDF: (typed: Double, expansion: Double)

    init(query: PreparedQuery, parameters: RankingParameters, totals: ImpactTotals, documentFrequencies: [Int64]) {
        bm25f = BM25F(parameters: parameters)
        self.query = query
        self.documentFrequencies = documentFrequencies
        let rows = max(totals.sections, 1)
        averageLengths = totals.averageLengths
        idf = documentFrequencies.map { [bm25f] in bm25f.idf(rows: rows, containing: $0) }
        var typed = 0.0, expansion = 0.0
        for (index, phrase) in query.phrases.enumerated() {
            if phrase.expansion { expansion += idf[index] } else { typed += idf[index] }
        }
        totalIDF = (typed, expansion)
    }

    /// Phrase `index`'s BM25F score in a section with `frequencies` (already limited to
    /// its columns) and field `lengths`, before its weight.
    @inline(__always)
    func phraseScore(_ index: Int, frequencies: SIMD4<UInt32>, lengths: SIMD4<UInt32>) -> Double {
        bm25f.phraseScore(frequencies: frequencies, lengths: lengths, averageLengths: averageLengths, idf: idf[index])
    }

    /// The most phrase `index` scores (weighted) in any posting under `bound`.
    func phraseBound(_ index: Int, bound: BlockBound) -> Double {
        query.phrases[index].weight
            * bm25f.phraseBound(bound, columns: query.phrases[index].columns, averageLengths: averageLengths, idf: idf[index])
    }

    /// The most the proximity bonus of typed phrases `index` and `index + 1` adds.
    func pairBound(_ index: Int) -> Double {
        let parameters = bm25f.parameters
        guard parameters.proximity > 0 else { return 0 }
        let rarer = min(idf[index], idf[index + 1])
        switch parameters.proximityModel {
        case .gap: return parameters.proximity * rarer
        case .sdm: return SequentialDependence.bound(idf: rarer, parameters: parameters)
        }
    }

    /// What the scorer needs of one phrase in one section.
    struct Match {
        var present = false
        var frequencies = SIMD4<UInt32>.zero
        /// Start offsets of the phrase's occurrences per field, in order (only when asked).
        var offsets: [[UInt32]] = [[], [], [], []]

        /// Back to no match, keeping the offsets' buffers (a match reused from section
        /// to section allocates nothing once they have grown). An empty field's is left
        /// as it is: emptying an array is a call into the runtime, even when it is empty.
        mutating func clear() {
            present = false
            frequencies = .zero
            for field in 0..<4 where !offsets[field].isEmpty { offsets[field].removeAll(keepingCapacity: true) }
        }
    }

    /// Buffers the proximity bonus reuses from section to section, so that scoring a
    /// section allocates nothing once they have grown (the pruned search keeps one).
    struct Scratch {
        fileprivate var instances: [(column: Int, offset: UInt32, phrase: Int)] = []
        fileprivate var last: [Int32] = []
        fileprivate var minimumGaps: [Int32] = []
        fileprivate var ordered: [Int32] = []
        fileprivate var unordered: [Int32] = []
    }

    /// The exact score of a section whose phrases matched as `matches` (one per phrase,
    /// excluded phrases absent), with field `lengths`.
    func score(_ matches: [Match], lengths: SIMD4<UInt32>) -> Double {
        var scratch = Scratch()
        return score(matches, lengths: lengths, scratch: &scratch)
    }

    /// ``score(_:lengths:)`` with buffers kept by the caller.
    func score(_ matches: [Match], lengths: SIMD4<UInt32>, scratch: inout Scratch) -> Double {
        combine(matches, lengths: lengths) { proximity(matches, scratch: &scratch) }
    }

    /// At least ``score(_:lengths:)`` of a section where `matches` are present (their
    /// offsets not needed): the same sum with each neighbouring pair of present typed
    /// phrases given its largest proximity bonus (``pairBound(_:)``), the exact score
    /// but for that bonus. It lets a section drop out before its offsets are read.
    func bound(_ matches: [Match], lengths: SIMD4<UInt32>) -> Double {
        combine(matches, lengths: lengths) {
            var bonus = 0.0
            for pair in 0..<max(0, query.typedCount - 1) where matches[pair].present && matches[pair + 1].present {
                bonus += pairBound(pair)
            }
            return bonus
        }
    }

    /// The score of `matches` with the typed group's proximity bonus from `bonus`: each
    /// group's BM25F sum, the typed one plus the bonus, times its coordination factor.
    @inline(__always)
    private func combine(_ matches: [Match], lengths: SIMD4<UInt32>, bonus: () -> Double) -> Double {
        var typed = 0.0, typedIDF = 0.0, typedPresent = false
        var expansion = 0.0, expansionIDF = 0.0, expansionPresent = false
        for (index, phrase) in query.phrases.enumerated() where matches[index].present {
            let value = phraseScore(index, frequencies: matches[index].frequencies, lengths: lengths)
            if phrase.expansion {
                expansionPresent = true
                if value > 0 { expansionIDF += idf[index] }
                expansion += phrase.weight * value
            } else {
                typedPresent = true
                if value > 0 { typedIDF += idf[index] }
                typed += phrase.weight * value
            }
        }
        let exponent = bm25f.parameters.coordination
        var total = 0.0
        if typedPresent {
            if query.typedCount > 1 { typed += bonus() }
            total = typed * Coordination.factor(matchedIDF: typedIDF, totalIDF: totalIDF.typed, exponent: exponent)
        }
        if expansionPresent {
            total += expansion * Coordination.factor(matchedIDF: expansionIDF, totalIDF: totalIDF.expansion, exponent: exponent)
        }
        return total
    }

    /// The proximity bonus, from the instances in FTS5's `xInst` order (column, offset,
    /// phrase), walked as ``QueryStatistics/load(api:fts:)`` walks them.
    private func proximity(_ matches: [Match], scratch: inout Scratch) -> Double {
        let parameters = bm25f.parameters
        guard parameters.proximity > 0 else { return 0 }
        let phraseCount = query.phrases.count
        let typedCount = query.typedCount
        if !scratch.instances.isEmpty { scratch.instances.removeAll(keepingCapacity: true) }
        for (phrase, match) in matches.enumerated() where match.present && !query.phrases[phrase].expansion {
            for column in 0..<4 where parameters.weights[column] != 0 {
                for offset in match.offsets[column] { scratch.instances.append((column, offset, phrase)) }
            }
        }
        scratch.instances.sort { ($0.column, $0.offset, $0.phrase) < ($1.column, $1.offset, $1.phrase) }
        Self.reset(&scratch.last, to: -1, count: phraseCount * 4)
        Self.reset(&scratch.minimumGaps, to: 0, count: max(1, phraseCount))
        Self.reset(&scratch.ordered, to: 0, count: max(1, phraseCount))
        Self.reset(&scratch.unordered, to: 0, count: max(1, phraseCount))
        func note(neighbour: Int, offset: Int32, column: Int, pair: Int) {
            let previous = scratch.last[neighbour * 4 + column]
            guard previous >= 0 else { return }
            let size = Int32(query.phrases[neighbour].terms.count)
            let gap = max(1, offset - (previous + size - 1))
            if scratch.minimumGaps[pair] == 0 || gap < scratch.minimumGaps[pair] { scratch.minimumGaps[pair] = gap }
            if gap <= parameters.proximityWindow { scratch.unordered[pair] += 1 }
            if neighbour == pair, previous + size == offset { scratch.ordered[pair] += 1 }
        }
        for index in scratch.instances.indices {
            let instance = scratch.instances[index]
            let p = instance.phrase, offset = Int32(instance.offset)
            if p > 0 { note(neighbour: p - 1, offset: offset, column: instance.column, pair: p - 1) }
            if p + 1 < phraseCount { note(neighbour: p + 1, offset: offset, column: instance.column, pair: p) }
            scratch.last[p * 4 + instance.column] = offset
        }
        let pairs = 0..<(typedCount - 1)
        return scratch.minimumGaps.withUnsafeBufferPointer { gaps in
            switch parameters.proximityModel {
            case .gap:
                return ProximityBonus.bonus(minimumGaps: UnsafeBufferPointer(rebasing: gaps[pairs]), idf: idf, parameters: parameters)
            case .sdm:
                return scratch.ordered.withUnsafeBufferPointer { orderedPairs in
                    scratch.unordered.withUnsafeBufferPointer { unorderedPairs in
                        SequentialDependence.bonus(ordered: UnsafeBufferPointer(rebasing: orderedPairs[pairs]),
                                                   unordered: UnsafeBufferPointer(rebasing: unorderedPairs[pairs]),
                                                   idf: idf, parameters: parameters)
                    }
                }
            }
        }
    }

    /// `buffer` as `count` copies of `value`, keeping its capacity.
    private static func reset(_ buffer: inout [Int32], to value: Int32, count: Int) {
        if buffer.count == count {
            for index in buffer.indices { buffer[index] = value }
            return
        }
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: repeatElement(value, count: count))
    }
}
