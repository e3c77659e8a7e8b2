import GRDB
import GRDBSQLite

/// Per-query state of the ranking function, computed once on the first matching row
/// and cached with FTS5's `xSetAuxdata` (never recomputed per row, as in FTS5's own
/// `fts5_aux.c`): N, the mean length of each field, the IDF of each phrase, and scratch
/// buffers reused for every row so that scoring a row allocates nothing.
///
/// Phrases are the typed query's first, then any expansion terms of
/// ``PseudoRelevanceFeedback``, which weigh less and take no part in the proximity bonus.
final class QueryStatistics {
    let scorer: BM25F
    let rowCount: Int64
    let columnCount: Int
    let phraseCount: Int
    /// How many phrases the user typed; the rest are expansion terms.
    let typedPhraseCount: Int
    /// Each phrase's weight in the query: 1 for typed phrases.
    let phraseWeights: [Double]
    let averageLengths: [Double]
    let phraseSizes: [Int32]
    let documentFrequencies: [Int64]
    let idf: [Double]
    /// The scan `ns_rank` records into (``RankingScan``), found once with the statistics:
    /// the same object for every row of the query.
    var scan: RankingScan?

    /// `frequencies[phrase * columnCount + column]` for the current row.
    let frequencies: UnsafeMutableBufferPointer<Int32>
    let lengths: UnsafeMutableBufferPointer<Int32>
    /// Offset of the latest instance of each phrase per column, or -1.
    let lastOffsets: UnsafeMutableBufferPointer<Int32>
    /// Smallest gap between phrase *i* and *i*+1 in the current row, or 0 for none.
    let minimumGaps: UnsafeMutableBufferPointer<Int32>
    /// Occurrences of phrase *i* directly followed by *i*+1 in the current row.
    let orderedPairs: UnsafeMutableBufferPointer<Int32>
    /// Occurrences of phrases *i* and *i*+1 within the proximity window, either order.
    let unorderedPairs: UnsafeMutableBufferPointer<Int32>

    init(api: UnsafePointer<Fts5ExtensionApi>, fts: OpaquePointer, parameters: RankingParameters,
         expansionWeights: [Double] = []) throws(RankingError) {
        scorer = BM25F(parameters: parameters)
        var rows: Int64 = 0
        guard api.pointee.xRowCount(fts, &rows) == SQLITE_OK else { throw .statistics("row count") }
        rowCount = max(rows, 1)
        columnCount = Int(api.pointee.xColumnCount(fts))
        phraseCount = Int(api.pointee.xPhraseCount(fts))
        typedPhraseCount = max(0, phraseCount - expansionWeights.count)
        phraseWeights = Array(repeating: 1, count: typedPhraseCount) + expansionWeights.suffix(phraseCount - typedPhraseCount)
        guard parameters.b.count >= columnCount, parameters.weights.count >= columnCount else {
            throw .statistics("parameters name \(parameters.weights.count) fields, index has \(columnCount)")
        }
        var averages: [Double] = []
        for column in 0..<columnCount {
            var total: Int64 = 0
            guard api.pointee.xColumnTotalSize(fts, Int32(column), &total) == SQLITE_OK else { throw .statistics("column size") }
            averages.append(Double(total) / Double(rowCount))
        }
        averageLengths = averages
        var sizes: [Int32] = []
        var frequenciesByPhrase: [Int64] = []
        for phrase in 0..<phraseCount {
            sizes.append(api.pointee.xPhraseSize(fts, Int32(phrase)))
            var hits: Int64 = 0
            let status = api.pointee.xQueryPhrase(fts, Int32(phrase), &hits) { _, _, counter in
                counter?.assumingMemoryBound(to: Int64.self).pointee += 1
                return SQLITE_OK
            }
            guard status == SQLITE_OK else { throw .statistics("phrase frequency") }
            frequenciesByPhrase.append(hits)
        }
        phraseSizes = sizes
        documentFrequencies = frequenciesByPhrase
        idf = frequenciesByPhrase.map { [scorer, rowCount] in scorer.idf(rows: rowCount, containing: $0) }
        frequencies = .allocate(capacity: max(1, phraseCount * columnCount))
        lengths = .allocate(capacity: max(1, columnCount))
        lastOffsets = .allocate(capacity: max(1, phraseCount * columnCount))
        minimumGaps = .allocate(capacity: max(1, phraseCount))
        orderedPairs = .allocate(capacity: max(1, phraseCount))
        unorderedPairs = .allocate(capacity: max(1, phraseCount))
    }

    deinit {
        frequencies.deallocate()
        lengths.deallocate()
        lastOffsets.deallocate()
        minimumGaps.deallocate()
        orderedPairs.deallocate()
        unorderedPairs.deallocate()
    }

    /// Fetches the statistics cached for this query, creating them on the first row.
    static func cached(api: UnsafePointer<Fts5ExtensionApi>, fts: OpaquePointer,
                       parameters: () -> (RankingParameters, expansionWeights: [Double]),
                       created: (QueryStatistics) -> Void = { _ in }) throws(RankingError) -> QueryStatistics {
        if let raw = api.pointee.xGetAuxdata(fts, 0) {
            return Unmanaged<QueryStatistics>.fromOpaque(raw).takeUnretainedValue()
        }
        let (ranking, expansionWeights) = parameters()
        let statistics = try QueryStatistics(api: api, fts: fts, parameters: ranking, expansionWeights: expansionWeights)
        created(statistics)
        let raw = Unmanaged.passRetained(statistics).toOpaque()
        guard api.pointee.xSetAuxdata(fts, raw, { pointer in
            if let pointer { Unmanaged<QueryStatistics>.fromOpaque(pointer).release() }
        }) == SQLITE_OK else { throw .statistics("cannot cache query statistics") }
        return statistics
    }

    /// Loads the current row's per-field frequencies, field lengths and minimum gaps
    /// between consecutive phrases from the phrase instances (`xInst`).
    func load(api: UnsafePointer<Fts5ExtensionApi>, fts: OpaquePointer) throws(RankingError) {
        frequencies.update(repeating: 0)
        lastOffsets.update(repeating: -1)
        minimumGaps.update(repeating: 0)
        orderedPairs.update(repeating: 0)
        unorderedPairs.update(repeating: 0)
        var instanceCount: Int32 = 0
        guard api.pointee.xInstCount(fts, &instanceCount) == SQLITE_OK else { throw .statistics("instance count") }
        var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
        let weights = scorer.parameters.weights
        for index in 0..<instanceCount {
            guard api.pointee.xInst(fts, index, &phrase, &column, &offset) == SQLITE_OK else { throw .statistics("instance") }
            let p = Int(phrase), c = Int(column)
            frequencies[p * columnCount + c] += 1
            guard weights[c] != 0 else { continue }
            // Instances arrive in position order within a column, so the latest
            // instance of a neighbouring phrase is its nearest one before this one.
            if p > 0 { noteGap(from: p - 1, to: offset, column: c, pair: p - 1) }
            if p + 1 < phraseCount { noteGap(from: p + 1, to: offset, column: c, pair: p) }
            lastOffsets[p * columnCount + c] = offset
        }
        for column in 0..<columnCount {
            var size: Int32 = 0
            guard api.pointee.xColumnSize(fts, Int32(column), &size) == SQLITE_OK else { throw .statistics("column size") }
            lengths[column] = size
        }
    }

    /// Records the gap between the latest instance of `neighbour` and a phrase at `offset`.
    @inline(__always)
    private func noteGap(from neighbour: Int, to offset: Int32, column: Int, pair: Int) {
        let previous = lastOffsets[neighbour * columnCount + column]
        guard previous >= 0 else { return }
        let gap = max(1, offset - (previous + phraseSizes[neighbour] - 1))
        if minimumGaps[pair] == 0 || gap < minimumGaps[pair] { minimumGaps[pair] = gap }
        // Each later instance within the window counts one unordered co-occurrence;
        // the first phrase ending right before the second is an ordered one.
        if gap <= scorer.parameters.proximityWindow { unorderedPairs[pair] += 1 }
        if neighbour == pair, previous + phraseSizes[neighbour] == offset { orderedPairs[pair] += 1 }
    }

    /// The BM25F score plus proximity bonus of the row last given to ``load(api:fts:)``.
    func score() -> Double {
        var total = 0.0
        var matchedIDF = 0.0
        let lengthsView = UnsafeBufferPointer(lengths)
        for phrase in 0..<phraseCount {
            let slice = UnsafeBufferPointer(rebasing: frequencies[(phrase * columnCount)..<((phrase + 1) * columnCount)])
            let phraseScore = scorer.phraseScore(frequencies: slice, lengths: lengthsView, averageLengths: averageLengths, idf: idf[phrase])
            if phraseScore > 0 { matchedIDF += idf[phrase] }
            total += phraseWeights[phrase] * phraseScore
        }
        if typedPhraseCount > 1 {
            let pairs = 0..<(typedPhraseCount - 1)
            switch scorer.parameters.proximityModel {
            case .gap:
                total += ProximityBonus.bonus(minimumGaps: UnsafeBufferPointer(rebasing: minimumGaps[pairs]),
                                              idf: idf, parameters: scorer.parameters)
            case .sdm:
                total += SequentialDependence.bonus(ordered: UnsafeBufferPointer(rebasing: orderedPairs[pairs]),
                                                    unordered: UnsafeBufferPointer(rebasing: unorderedPairs[pairs]),
                                                    idf: idf, parameters: scorer.parameters)
            }
        }
        return total * Coordination.factor(matchedIDF: matchedIDF, totalIDF: totalIDF, exponent: scorer.parameters.coordination)
    }

    /// Sum of all phrases' IDF, the denominator of the coordination factor.
    private(set) lazy var totalIDF: Double = idf.reduce(0, +)
}

/// One match of a query phrase in a row, as FTS5's `xInst` reports it: the phrase's
/// index in the query, the column, and the token offset where the phrase starts.
public struct PhraseInstance: Sendable, Equatable {
    public var phrase: Int32
    public var column: Int32
    public var offset: Int32
}

/// A failure inside a ranking function; reported as an SQL function error.
public enum RankingError: Error, CustomStringConvertible {
    case statistics(String)
    case badParameters

    public var description: String {
        switch self {
        case .statistics(let what): "ranking failed reading \(what) from the full-text index"
        case .badParameters: "ranking parameters could not be read"
        }
    }
}
