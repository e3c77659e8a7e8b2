import GRDB

/// The transactions an open index runs: reads in a snapshot, writes one at a time, and
/// a search's own read; database failures become ``IndexError`` (but for a search's,
/// which the search maps itself).
extension IndexStore {
    /// Runs `body`, turning database failures into ``IndexError``.
    static func mapping<T>(_ path: String, _ operation: String, _ body: () throws -> T) throws(IndexError) -> T {
        do {
            return try body()
        } catch let error as IndexError {
            throw error
        } catch let error as DatabaseError {
            throw IndexError.from(error, path: path, operation: operation)
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Runs a read in a snapshot, turning database failures into ``IndexError``.
    public func read<T>(_ operation: String, _ body: (Database) throws -> T) throws(IndexError) -> T {
        try Self.mapping(path, operation) { try pool.read(body) }
    }

    /// Runs `body` in one read transaction (one snapshot), as `pool.read` does: on the
    /// store's search connection when it has one and no other search holds it
    /// (``SearchConnection``), else on a reader of the pool. The transaction is begun and
    /// ended by statements the connection keeps: GRDB prepares its `BEGIN` and `COMMIT`
    /// afresh for every read, a tenth of a search that finds nothing (measured). GRDB
    /// checks its schema cache before its own reads only, so `body` must not ask GRDB
    /// about the schema (`tableExists`, `columns(in:)`, primary keys, records by key):
    /// the search path asks SQLite's (``TableLookup``). A search's own path; failures are
    /// the caller's to map.
    func searchRead<T>(_ body: (Database) throws -> T) throws -> T {
        func transaction(_ db: Database) throws -> T {
            try db.cachedStatement(sql: "BEGIN DEFERRED").execute()
            do {
                let value = try body(db)
                try db.cachedStatement(sql: "COMMIT").execute()
                return value
            } catch {
                // Failed or interrupted: the connection is left out of any transaction
                // (GRDB's rollback resets every statement and retries an interrupted one;
                // a transaction left open would stop the process).
                if db.isInsideTransaction { try? db.rollback() }
                throw error
            }
        }
        guard let searchConnection else { return try pool.unsafeRead(transaction) }
        return try searchConnection.read(transaction, whenTaken: { try pool.unsafeRead(transaction) })
    }

    /// Runs one write transaction, turning database failures into ``IndexError``.
    public func write<T>(_ operation: String, _ body: (Database) throws -> T) throws(IndexError) -> T {
        guard access != .read else { throw .readOnly(path: path) }
        return try Self.mapping(path, operation) { try pool.write(body) }
    }
}
