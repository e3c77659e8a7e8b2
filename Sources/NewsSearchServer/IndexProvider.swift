import Foundation
import NewsSearch

/// The one read-only ``IndexStore`` the server searches (a WAL pool of read
/// connections), re-opened when the index file at the path is replaced or rewritten.
///
/// WAL readers see every commit of an `index` run in another process without help; what
/// they cannot see is a different file: one rebuilt and renamed into place (a new inode),
/// or written in a way that changed the main file's modification time. Each request
/// compares the file's inode and mtime (one `stat`) with those of the open store and
/// opens the file again when they differ. Requests already running keep the store they
/// started with.
final class IndexProvider: @unchecked Sendable {
    /// What identifies the file a store was opened on.
    struct FileIdentity: Equatable {
        var device: UInt64
        var inode: UInt64
        var modified: timespec

        static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.device == rhs.device && lhs.inode == rhs.inode
                && lhs.modified.tv_sec == rhs.modified.tv_sec && lhs.modified.tv_nsec == rhs.modified.tv_nsec
        }

        static func of(_ path: String) -> FileIdentity? {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            #if canImport(Darwin)
            let modified = info.st_mtimespec
            #else
            let modified = info.st_mtim
            #endif
            return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), modified: modified)
        }
    }

    let path: String
    private let lock = NSLock()
    private var store: IndexStore
    private var identity: FileIdentity?
    /// How many times the file has been opened (the first included); tests read it.
    private(set) var openings = 1

    /// Opens the index at `path`; throws when there is none or it is not an index.
    init(path: String) throws(IndexError) {
        self.path = path
        identity = FileIdentity.of(path)
        store = try IndexStore(path: path)
    }

    /// The store to search now: the open one, or a new one if the file changed.
    func current() throws(IndexError) -> IndexStore {
        let now = FileIdentity.of(path)
        lock.lock()
        defer { lock.unlock() }
        guard let now else { throw .notFound(path: path) }
        if now != identity {
            store = try IndexStore(path: path)
            identity = now
            openings += 1
        }
        return store
    }

    /// How many times the index has been opened so far.
    var openCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return openings
    }
}
