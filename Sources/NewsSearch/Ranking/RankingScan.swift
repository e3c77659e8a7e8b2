import GRDBSQLite

/// One exhaustive scan ranked by `ns_rank`: what the scan should keep, going in, and what
/// it learnt, coming out. It reaches the ranking function as an argument of the scan's
/// statement (``SQLPointer``), so nothing outlives the scan or is shared between scans.
///
/// The function leaves here what the snippet stage needs, so that snippets do not run
/// the full-text query a second time: the phrases' IDF and sizes, and the phrase
/// instances (`xInst`) of every row that scored at least ``threshold``. The caller raises
/// the threshold to the score of the worst article in its top-k heap as the scan goes,
/// so only rows that can still be hits are kept: a final hit always scored at least the
/// heap's minimum at the time it was seen, since that minimum only grows.
final class RankingScan {
    /// Which rows' phrase instances to keep.
    enum Recording {
        /// None: no snippets wanted, or another ranker.
        case none
        /// Rows scoring at least ``threshold``.
        case byScore
        /// With hits sorted by a key (a date) rather than the score: rows whose key (the
        /// closure's, nil when the row is filtered out) reaches ``keyThreshold``.
        case byKey((Int64) -> Double?)
    }

    let recording: Recording
    /// The collector's score threshold, raised by the caller as rows stream by.
    var threshold = -Double.infinity
    /// The collector's key threshold, for ``Recording/byKey(_:)``.
    var keyThreshold = -Double.infinity
    /// The query's phrases as the ranking function saw them, once a row matched.
    private(set) var phrases: PhraseStatistics?
    /// The recorded rows' phrase instances.
    private(set) var instances = InstanceRecording()

    init(recording: Recording = .none) {
        self.recording = recording
    }

    /// Whether a row scoring `score` can still be a hit, so its instances are worth keeping.
    /// The row id is asked for only when hits are sorted by key (this runs per row).
    func shouldRecord(score: Double, row: () -> Int64) -> Bool {
        switch recording {
        case .none: return false
        case .byScore: return score >= threshold
        case let .byKey(key):
            guard let key = key(row()) else { return false }
            return key >= keyThreshold
        }
    }

    func noteStatistics(_ statistics: QueryStatistics) {
        phrases = PhraseStatistics(idf: statistics.idf, documentFrequencies: statistics.documentFrequencies,
                                   sizes: statistics.phraseSizes)
    }

    /// Keeps the current row's phrase instances, read again from FTS5 (which caches
    /// them per row): only rows that can still be hits pay for the copy.
    func recordInstances(api: UnsafePointer<Fts5ExtensionApi>, fts: OpaquePointer) throws(RankingError) {
        var count: Int32 = 0
        guard api.pointee.xInstCount(fts, &count) == SQLITE_OK else { throw .statistics("instance count") }
        instances.beginRow(api.pointee.xRowid(fts))
        var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
        for index in 0..<count {
            guard api.pointee.xInst(fts, index, &phrase, &column, &offset) == SQLITE_OK else { throw .statistics("instance") }
            instances.append(PhraseInstance(phrase: phrase, column: column, offset: offset))
        }
    }
}

/// The phrases of a ranked query, in FTS5's phrase order: each one's IDF, the sections
/// containing it (its doclist length) and its size in tokens.
struct PhraseStatistics {
    var idf: [Double]
    var documentFrequencies: [Int64]
    var sizes: [Int32]
}

/// Phrase instances recorded row after row, in flat arrays, so recording a row
/// allocates nothing once capacity is reached.
struct InstanceRecording {
    private var all: [PhraseInstance] = []
    private var rows: [(row: Int64, start: Int)] = []
    /// Rows were recorded in increasing row-id order (FTS5 scans in that order).
    private var inOrder = true

    mutating func beginRow(_ row: Int64) {
        if let last = rows.last, last.row >= row { inOrder = false }
        rows.append((row, all.count))
    }

    mutating func append(_ instance: PhraseInstance) {
        all.append(instance)
    }

    /// The recorded instances of `row` (its latest recording), or nil if it was not
    /// recorded. A scan visits rows in row-id order, once each, so the recordings are
    /// sorted by row: a binary search.
    func instances(ofRow row: Int64) -> ArraySlice<PhraseInstance>? {
        let index: Int
        if inOrder {
            let found = SortedSearch.firstIndex(in: rows, notBelow: row) { $0.row }
            guard found < rows.count, rows[found].row == row else { return nil }
            index = found
        } else {
            guard let last = rows.lastIndex(where: { $0.row == row }) else { return nil }
            index = last
        }
        let end = index + 1 < rows.count ? rows[index + 1].start : all.count
        return all[rows[index].start..<end]
    }
}
