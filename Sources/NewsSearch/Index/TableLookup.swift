import GRDB
import GRDBSQLite

/// Whether a table, or a table's column, exists, from SQLite's own parsed schema
/// (`sqlite3_table_column_metadata`): a hash look-up. GRDB's `tableExists` compared the
/// name with every schema object it keeps (8k instructions a call, twice a search,
/// measured), and its cache is checked against the database by GRDB's `read`, not by a
/// search's (``IndexStore/searchRead(_:)``). Views and temporary tables do not count.
///
/// SQLite brings its copy of the schema up to date when a statement of the transaction
/// reads a table of `main` (a pragma does not), not for this look-up: ask after one, or a
/// table another connection created since may be missed. A schema SQLite cannot load
/// (damage, no memory) is an error, not an absent table.
enum TableLookup {
    static func exists(_ table: String, in db: Database) throws -> Bool {
        try answer(sqlite3_table_column_metadata(db.sqliteConnection, "main", table, nil, nil, nil, nil, nil, nil), db)
    }

    /// Whether `table` exists and has a column named `column`.
    static func exists(column: String, of table: String, in db: Database) throws -> Bool {
        try answer(sqlite3_table_column_metadata(db.sqliteConnection, "main", table, column, nil, nil, nil, nil, nil), db)
    }

    /// `SQLITE_ERROR` is SQLite's "no such table or column"; any other failure is thrown.
    private static func answer(_ code: Int32, _ db: Database) throws -> Bool {
        switch code {
        case SQLITE_OK: return true
        case SQLITE_ERROR: return false
        default:
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }
}
