import Foundation
import GRDB
import GRDBSQLite

/// Per-connection state shared between the ranking function and the search engine.
///
/// The ranking function leaves here what the snippet stage needs, so that snippets do
/// not have to run the full-text query a second time: each phrase's IDF and size, and
/// the phrase instances (`xInst`) of every row that scored at least ``threshold``. The
/// engine raises the threshold to the score of the worst article in its top-k heap as
/// the scan goes, so only rows that can still be hits are kept: a final hit always
/// scored at least the heap's minimum at the time it was seen, since that minimum only
/// grows.
final class RankingSession: @unchecked Sendable {
    var lastIDF: [Double] = []
    /// Sections containing each phrase of the last query (its doclist lengths).
    var lastDocumentFrequencies: [Int64] = []
    var phraseSizes: [Int32] = []
    var recordsInstances = false
    var threshold = -Double.infinity
    /// With hits sorted by a key (a date) rather than the score: the row's key, or nil
    /// when the row is filtered out. Rows are then recorded when their key reaches
    /// ``keyThreshold`` (the collector's), whatever their score.
    var recordingKey: ((Int64) -> Double?)?
    var keyThreshold = -Double.infinity

    /// Whether a row scoring `score` can still be a hit, so its instances are worth keeping.
    /// The row id is asked for only when hits are sorted by key (this runs per row).
    func shouldRecord(score: Double, row: () -> Int64) -> Bool {
        guard let recordingKey else { return score >= threshold }
        guard let key = recordingKey(row()) else { return false }
        return key >= keyThreshold
    }
    /// Recorded instances, row after row, and where each recorded row's run starts:
    /// flat arrays, so recording a row allocates nothing once capacity is reached.
    private(set) var recordedInstances: [PhraseInstance] = []
    private(set) var recordedRows: [(row: Int64, start: Int, count: Int)] = []
    /// Rows were recorded in increasing row-id order (FTS5 scans in that order).
    private var recordedInOrder = true
    /// The index's own tokenizer on this connection, created on first use.
    var tokenizer: IndexTokenizer?
    /// The index's tokenizer with stemming, for query expansion, created on first use.
    var stemmer: IndexTokenizer?

    /// Clears per-query state before a scan.
    func begin(recording: Bool) {
        recordsInstances = recording
        threshold = -.infinity
        recordingKey = nil
        keyThreshold = -.infinity
        recordedInstances.removeAll(keepingCapacity: true)
        recordedRows.removeAll(keepingCapacity: true)
        recordedInOrder = true
        lastIDF = []
        phraseSizes = []
    }

    /// Keeps the current row's phrase instances, read again from FTS5 (which caches
    /// them per row): only rows that can still be hits pay for the copy.
    func recordInstances(api: UnsafePointer<Fts5ExtensionApi>, fts: OpaquePointer) throws(RankingError) {
        var count: Int32 = 0
        guard api.pointee.xInstCount(fts, &count) == SQLITE_OK else { throw .statistics("instance count") }
        let row = api.pointee.xRowid(fts)
        if let last = recordedRows.last, last.row >= row { recordedInOrder = false }
        recordedRows.append((row, recordedInstances.count, Int(count)))
        var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
        for index in 0..<count {
            guard api.pointee.xInst(fts, index, &phrase, &column, &offset) == SQLITE_OK else { throw .statistics("instance") }
            recordedInstances.append(PhraseInstance(phrase: phrase, column: column, offset: offset))
        }
    }

    /// The recorded instances of `row` (its latest recording), or nil if it was not
    /// recorded. A scan visits rows in row-id order, once each, so the recordings are
    /// sorted by row: a binary search.
    func instances(ofRow row: Int64) -> ArraySlice<PhraseInstance>? {
        guard recordedInOrder else {
            return recordedRows.last { $0.row == row }.map { recordedInstances[$0.start..<($0.start + $0.count)] }
        }
        var low = 0, high = recordedRows.count
        while low < high {
            let middle = (low + high) / 2
            if recordedRows[middle].row < row { low = middle + 1 } else { high = middle }
        }
        guard low < recordedRows.count, recordedRows[low].row == row else { return nil }
        let entry = recordedRows[low]
        return recordedInstances[entry.start..<(entry.start + entry.count)]
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var sessions: [OpaquePointer: RankingSession] = [:]

    static func attach(to db: Database) -> RankingSession {
        let session = RankingSession()
        if let connection = db.sqliteConnection {
            lock.withLock { sessions[connection] = session }
        }
        return session
    }

    static func of(_ db: Database) -> RankingSession? {
        guard let connection = db.sqliteConnection else { return nil }
        return lock.withLock { sessions[connection] }
    }
}
