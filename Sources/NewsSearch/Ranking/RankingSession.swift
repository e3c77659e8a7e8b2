import Foundation
import GRDB

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
    var phraseSizes: [Int32] = []
    var recordsInstances = false
    var threshold = -Double.infinity
    /// Recorded instances, row after row, and where each recorded row's run starts:
    /// flat arrays, so recording a row allocates nothing once capacity is reached.
    private(set) var recordedInstances: [PhraseInstance] = []
    private(set) var recordedRows: [(row: Int64, start: Int, count: Int)] = []
    /// The index's own tokenizer on this connection, created on first use.
    var tokenizer: IndexTokenizer?

    /// Clears per-query state before a scan.
    func begin(recording: Bool) {
        recordsInstances = recording
        threshold = -.infinity
        recordedInstances.removeAll(keepingCapacity: true)
        recordedRows.removeAll(keepingCapacity: true)
        lastIDF = []
        phraseSizes = []
    }

    func record(row: Int64, _ instances: [PhraseInstance]) {
        recordedRows.append((row, recordedInstances.count, instances.count))
        recordedInstances.append(contentsOf: instances)
    }

    /// The recorded instances of the given rows (the latest recording of each).
    func instances(of rows: Set<Int64>) -> [Int64: [PhraseInstance]] {
        var result: [Int64: [PhraseInstance]] = [:]
        for entry in recordedRows where rows.contains(entry.row) {
            result[entry.row] = Array(recordedInstances[entry.start..<(entry.start + entry.count)])
        }
        return result
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
