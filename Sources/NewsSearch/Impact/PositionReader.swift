import GRDB
import GRDBSQLite

/// Reads byte ranges of `impact_positions` rows through one incremental-BLOB handle,
/// which `sqlite3_blob_reopen` moves from row to row.
///
/// A search wants one block's offsets, a range of its chunk. A prepared statement
/// costs the VDBE run and a copy of the whole chunk (kilobytes for a common word);
/// the handle costs one b-tree seek per row and copies only the range, and a second
/// range of the same row costs no seek at all. Measured here: about 1.1 µs a read
/// where the statement took 1.6.
///
/// The handle belongs to the connection of the read that made the reader: a reader
/// lives within that one read (a search's ``TermPostings``) and closes the handle when
/// it goes; a read on another connection is a programming error and stops the process.
/// Used only in read transactions: a handle's row deleted under it would expire it.
/// A chunk the index should hold and does not, or holds shorter than its blocks say, is
/// reported as damage.
final class PositionReader {
    private let connection: OpaquePointer?
    private var handle: OpaquePointer?
    /// The row the handle is on, and its size in bytes.
    private var row: Int64 = -1
    private var rowBytes = 0

    init(_ db: Database) {
        connection = db.sqliteConnection
    }

    deinit {
        if let handle { sqlite3_blob_close(handle) }
    }

    /// Reads the bytes of row `id` in `range`, on `db`'s connection, into the start of
    /// `buffer`, which grows if it is shorter (and is never shortened, so that reusing
    /// it writes no bytes but those read); returns how many were read.
    func read(row id: Int64, range: Range<Int>, into buffer: inout [UInt8], db: Database) throws -> Int {
        precondition(db.sqliteConnection == connection, "a PositionReader is used only in the read that made it")
        if id != row { try move(to: id) }
        guard range.upperBound <= rowBytes else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT,
                                message: "impact positions: row \(id) holds \(rowBytes) bytes, its blocks say \(range.upperBound)")
        }
        let count = range.count
        guard count > 0 else { return 0 }
        if buffer.count < count { buffer.append(contentsOf: repeatElement(0, count: count - buffer.count)) }
        let status = buffer.withUnsafeMutableBytes { sqlite3_blob_read(handle, $0.baseAddress, Int32(count), Int32(range.lowerBound)) }
        guard status == SQLITE_OK else { throw failure(status) }
        return count
    }

    private func move(to id: Int64) throws {
        row = -1
        let status: Int32
        if let handle {
            status = sqlite3_blob_reopen(handle, id)
        } else {
            status = sqlite3_blob_open(connection, "main", "impact_positions", "data", id, 0, &handle)
        }
        guard status == SQLITE_OK else {
            // A failed move leaves the handle unusable: the next read opens a new one.
            let error = failure(status)
            if let handle { sqlite3_blob_close(handle) }
            handle = nil
            throw error
        }
        row = id
        rowBytes = Int(sqlite3_blob_bytes(handle))
    }

    /// The error for `status`; a missing row (SQLite's plain `SQLITE_ERROR` here) means
    /// the impact index lost a chunk it lists.
    private func failure(_ status: Int32) -> DatabaseError {
        let message = String(cString: sqlite3_errmsg(connection))
        let code = status == SQLITE_ERROR && message.hasPrefix("no such rowid") ? SQLITE_CORRUPT : status
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: "impact positions: \(message)")
    }
}
