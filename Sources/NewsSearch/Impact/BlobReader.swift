import GRDB
import GRDBSQLite

/// Reads rows, or byte ranges of rows, of one BLOB column of one table with integer row
/// ids (`impact_postings.data`, `impact_positions.data`) through one incremental-BLOB
/// handle, which `sqlite3_blob_reopen` moves from row to row.
///
/// A prepared statement costs the VDBE run and a copy of the whole value into memory of
/// SQLite's before the caller copies it again; the handle costs one b-tree seek per row
/// and copies the bytes asked for straight into the caller's buffer, and a second range
/// of the same row costs no seek at all. Measured here: an offsets read about 1.1 µs where the
/// statement took 1.6; a word's postings rows about half the instructions and the time.
///
/// The handle belongs to the connection of the transaction that made the reader: a
/// reader lives within it (a search's words, or a merge's reading of its segments before
/// it deletes them) and closes the handle when it goes; a read on another connection is a
/// programming error and stops the process. Used only while no row it may be on changes:
/// a handle's row deleted under it would expire it.
/// A row the index should hold and does not, or holds shorter than it says, is
/// reported as damage.
final class BlobReader {
    /// The table (`impact_postings` or `impact_positions`) whose `data` is read.
    let table: String
    private let connection: OpaquePointer?
    private var handle: OpaquePointer?
    /// The row the handle is on, and its size in bytes.
    private var row: Int64 = -1
    private var rowBytes = 0
    /// The table's name in messages: `postings`, `positions`.
    private var name: Substring { table.dropFirst("impact_".count) }

    init(_ db: Database, table: String) {
        connection = db.sqliteConnection
        self.table = table
    }

    deinit {
        if let handle { sqlite3_blob_close(handle) }
    }

    /// Reads the bytes of row `id` in `range`, on `db`'s connection, into the start of
    /// `buffer`, which grows if it is shorter (and is never shortened, so that reusing
    /// it writes no bytes but those read); returns how many were read.
    func read(row id: Int64, range: Range<Int>, into buffer: inout [UInt8], db: Database) throws -> Int {
        try move(to: id, db: db)
        guard range.upperBound <= rowBytes else {
            throw IndexError.impactDamage(detail: "\(name): row \(id) holds \(rowBytes) bytes, the index says \(range.upperBound)")
        }
        let count = range.count
        guard count > 0 else { return 0 }
        if buffer.count < count { buffer.append(contentsOf: repeatElement(0, count: count - buffer.count)) }
        let status = buffer.withUnsafeMutableBytes { sqlite3_blob_read(handle, $0.baseAddress, Int32(count), Int32(range.lowerBound)) }
        guard status == SQLITE_OK else { throw failure(status) }
        return count
    }

    /// Appends the whole of row `id` to `bytes`, reserving room for `reserve` rows of
    /// its size when `bytes` is empty (a word's rows are of about one size a segment);
    /// returns the row's size.
    func append(row id: Int64, to bytes: inout [UInt8], reserve: Int, db: Database) throws -> Int {
        try move(to: id, db: db)
        let count = rowBytes
        guard count > 0 else { return 0 }
        if bytes.isEmpty { bytes.reserveCapacity(count * reserve + BitPacking.readPadding) }
        let start = bytes.count
        var status = SQLITE_OK
        bytes.append(contentsOf: repeatElement(0, count: count))
        bytes.withUnsafeMutableBytes { buffer in
            status = sqlite3_blob_read(handle, buffer.baseAddress! + start, Int32(count), 0)
        }
        guard status == SQLITE_OK else { throw failure(status) }
        return count
    }

    private func move(to id: Int64, db: Database) throws {
        precondition(db.sqliteConnection == connection, "a BlobReader is used only in the read that made it")
        guard id != row else { return }
        row = -1
        let status: Int32
        if let handle {
            status = sqlite3_blob_reopen(handle, id)
        } else {
            status = sqlite3_blob_open(connection, "main", table, "data", id, 0, &handle)
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

    /// The error for `status`. SQLite's plain `SQLITE_ERROR` here says the row is missing
    /// or holds no blob: the impact index lost or spoiled a row it lists.
    private func failure(_ status: Int32) -> Error {
        let message = String(cString: sqlite3_errmsg(connection))
        if status == SQLITE_ERROR {
            return IndexError.impactDamage(detail: "\(name): \(message)")
        }
        return DatabaseError(resultCode: ResultCode(rawValue: status), message: "impact \(name): \(message)")
    }
}
