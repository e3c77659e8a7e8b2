import GRDB
import GRDBSQLite

/// Steps a prepared statement and reads each row's columns straight from SQLite.
///
/// For the reads on a search's latency path (the scan, the hits' details and bodies):
/// GRDB's `Row` copies every value and decodes it through generic conversions, which
/// cost more than the reads themselves on a sub-millisecond query.
struct StatementRows {
    private let statement: Statement

    /// The statement, whose arguments are already set.
    init(_ statement: Statement) {
        self.statement = statement
    }

    /// Calls `body` with each row in turn, then resets the statement.
    func forEach(_ body: (Columns) throws -> Void) throws {
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let status = sqlite3_step(handle)
            if status == SQLITE_ROW {
                try body(Columns(handle: handle))
            } else if status == SQLITE_DONE {
                return
            } else {
                throw DatabaseError(resultCode: ResultCode(rawValue: status),
                                    message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
            }
        }
    }

    /// The current row: valid only inside the `forEach` body that received it.
    struct Columns {
        let handle: OpaquePointer

        func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
        func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
        func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }
        func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

        /// The column's UTF-8 text (invalid sequences repaired), or nil for NULL.
        func text(_ column: Int32) -> String? {
            guard !isNull(column), let pointer = sqlite3_column_text(handle, column) else { return nil }
            let count = Int(sqlite3_column_bytes(handle, column))
            return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
        }

        /// Calls `body` with the column's bytes (valid only during the call); nil for NULL.
        @discardableResult
        func withBlob<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T? {
            guard !isNull(column) else { return nil }
            let pointer = sqlite3_column_blob(handle, column)
            let count = Int(sqlite3_column_bytes(handle, column))
            return body(UnsafeBufferPointer(start: pointer?.assumingMemoryBound(to: UInt8.self), count: pointer == nil ? 0 : count))
        }

        /// The column's text up to `limit` characters (Unicode scalars), and whether
        /// there was more; nil for NULL. Only the kept bytes are copied.
        func text(_ column: Int32, limit: Int) -> (text: String, truncated: Bool)? {
            guard !isNull(column), let pointer = sqlite3_column_text(handle, column) else { return nil }
            let bytes = UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column)))
            // A character takes at least one byte: a short text cannot be over the limit.
            var end = bytes.count
            if bytes.count > limit {
                var characters = 0
                end = 0
                while end < bytes.count {
                    if bytes[end] & 0xC0 != 0x80 {
                        if characters == limit { break }
                        characters += 1
                    }
                    end += 1
                }
            }
            return (String(decoding: UnsafeBufferPointer(rebasing: bytes[..<end]), as: UTF8.self), end < bytes.count)
        }
    }
}
