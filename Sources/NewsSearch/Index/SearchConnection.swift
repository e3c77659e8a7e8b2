import Foundation
import GRDB

/// A read-only index's connection of its own for searches, beside its pool
/// (``IndexStore/searchRead(_:)``).
///
/// GRDB's pool hands out a reader through a lock, a dispatch barrier and a search of
/// its readers by a generic key path: 36,000 instructions a read, a quarter of a search
/// that finds nothing and 3 % of a median phrase search at 1M sections (measured). A
/// queue of one connection is one dispatch onto its own queue. One search holds it at a
/// time: a search that finds it taken (`serve`'s concurrent requests, or one started
/// inside a search that holds it) reads through the pool as before, so searches still
/// run side by side and never wait for each other here.
final class SearchConnection: Sendable {
    let queue: DatabaseQueue
    /// Held while a search runs on ``queue`` (taken by `try`, never waited for).
    private let taken = NSLock()

    init(path: String, configuration: Configuration) throws {
        queue = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Runs `body` on the connection, or `whenTaken` if another search holds it.
    func read<T>(_ body: (Database) throws -> T, whenTaken: () throws -> T) throws -> T {
        guard taken.try() else { return try whenTaken() }
        defer { taken.unlock() }
        return try queue.unsafeRead(body)
    }
}
