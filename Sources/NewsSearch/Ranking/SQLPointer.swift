import GRDB
import GRDBSQLite

/// Hands a Swift object to one of newssearch's FTS5 functions for the run of one
/// statement, through SQLite's pointer-passing interface (`sqlite3_bind_pointer`,
/// `sqlite3_value_pointer`): the function reads its inputs from the object and leaves
/// its outputs there, and the caller reads them back when the statement is done.
///
/// This is how a scan's state travels (``RankingScan``, ``RowRecorder``): as a value of
/// the statement, never as state kept per connection. A pointer is seen only by a
/// function that asks for its exact ``Tag``, and SQL text cannot make one, so a query
/// cannot forge it.
enum SQLPointer {
    /// What an object passed to a function is; a function accepts only its own tag.
    enum Tag {
        case scan, spans, explanations

        var name: StaticString {
            switch self {
            case .scan: "newssearch.scan"
            case .spans: "newssearch.spans"
            case .explanations: "newssearch.explanations"
            }
        }

        var cString: UnsafePointer<CChar> {
            UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)
        }
    }

    /// Steps `statement` with `arguments` bound to its first parameters and `object` to
    /// its last one, calling `body` with each row; `object` stays alive throughout and is
    /// unbound afterwards, so the statement (cached) never holds a dangling pointer.
    static func forEachRow(of statement: Statement, arguments: StatementArguments, passing object: AnyObject,
                           as tag: Tag, _ body: (StatementRows.Columns) throws -> Void) throws {
        statement.setUncheckedArguments(arguments)
        let handle = statement.sqliteStatement
        defer { sqlite3_clear_bindings(handle) }
        try withExtendedLifetime(object) {
            let status = sqlite3_bind_pointer(handle, sqlite3_bind_parameter_count(handle),
                                              Unmanaged.passUnretained(object).toOpaque(), tag.cString, nil)
            guard status == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: status), message: "cannot pass \(tag) to SQLite")
            }
            try StatementRows(statement).forEach(body)
        }
    }

    /// The object passed as `value` under `tag`, or nil when the argument is anything else.
    static func object<Object: AnyObject>(_ value: OpaquePointer?, tag: Tag, as type: Object.Type) -> Object? {
        guard let value, let raw = sqlite3_value_pointer(value, tag.cString) else { return nil }
        return Unmanaged<Object>.fromOpaque(raw).takeUnretainedValue()
    }
}

/// Values an FTS5 function computes per row, collected for the caller (the spans of
/// `ns_spans`, the explanations of `ns_explain`).
final class RowRecorder<Value> {
    var values: [Int64: Value] = [:]
}
