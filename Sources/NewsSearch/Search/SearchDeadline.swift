import Foundation
import GRDB
import GRDBSQLite

/// A wall-clock bound on one search, enforced inside SQLite.
///
/// Query limits bound what a query may say (``QueryLimits``), but not what it costs on
/// a given index: 512 common words OR-ed read every posting of each. SQLite's progress
/// handler is called every few thousand virtual-machine steps, FTS5 scans included;
/// once the deadline has passed it interrupts the statement (`SQLITE_INTERRUPT`), which
/// the engine reports as ``SearchError/tooSlow(limit:)``. The check costs one clock
/// read per 4,096 steps. The pruned search's own loops run no statements (they read
/// postings through BLOB handles): they ask ``check()`` as they open each word and
/// move from window to window.
final class SearchDeadline: @unchecked Sendable {
    /// Steps between checks of the clock.
    static let interval: Int32 = 4096

    let limit: Double
    private let deadline: UInt64

    init(seconds: Double) {
        limit = seconds
        deadline = DispatchTime.now().uptimeNanoseconds &+ UInt64(max(0, seconds) * 1e9)
    }

    var hasPassed: Bool { DispatchTime.now().uptimeNanoseconds >= deadline }

    /// Throws ``SearchError/tooSlow(limit:)`` once the deadline has passed.
    func check() throws {
        if hasPassed { throw SearchError.tooSlow(limit: limit) }
    }

    /// Runs `body` with the deadline installed on `db`'s connection, and removes it after.
    func enforce<T>(on db: Database, _ body: () throws -> T) rethrows -> T {
        let connection = db.sqliteConnection
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_progress_handler(connection, Self.interval, { context in
            guard let context else { return 0 }
            return Unmanaged<SearchDeadline>.fromOpaque(context).takeUnretainedValue().hasPassed ? 1 : 0
        }, context)
        defer { sqlite3_progress_handler(connection, 0, nil, nil) }
        return try withExtendedLifetime(self) { try body() }
    }
}
