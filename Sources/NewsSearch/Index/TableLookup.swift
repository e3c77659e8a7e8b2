import GRDB
import GRDBSQLite

/// Whether a table of the index exists, from SQLite's own parsed schema
/// (`sqlite3_table_column_metadata` without a column): a hash look-up, where GRDB's
/// `tableExists` compares the name with every schema object it keeps (8k instructions
/// a call, twice a search, measured). Views and temporary tables do not count.
///
/// SQLite's copy of the schema is brought up to date by the statements a transaction
/// runs, not by this look-up: ask after a statement of the same transaction, or a
/// table another connection created since may be missed.
enum TableLookup {
    static func exists(_ table: String, in db: Database) -> Bool {
        sqlite3_table_column_metadata(db.sqliteConnection, "main", table, nil, nil, nil, nil, nil, nil) == SQLITE_OK
    }
}
