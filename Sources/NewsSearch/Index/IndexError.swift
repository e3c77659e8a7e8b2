/// Why an index could not be opened, read or written.
///
/// Each message names the index file, says what happened and what to do; none quotes
/// SQLite's own text, which means nothing to someone searching news. Faults of the
/// file or the machine (damage, a full disk, a read-only folder) are reported as such,
/// never as a problem with the user's query.
public enum IndexError: Error, CustomStringConvertible, Sendable, Equatable {
    case notFound(path: String)
    /// The file exists but is not a newssearch index: `what` says what it is instead.
    case notAnIndex(path: String, what: String)
    case incompatibleVersion(path: String, found: Int, expected: Int)
    case cannotOpen(path: String, reason: String)
    /// The index file is damaged (corrupt pages, a missing table): `detail` says where.
    case damaged(path: String, detail: String)
    case diskFull(path: String)
    case readOnly(path: String)
    /// Another process holds a lock SQLite needed, beyond the busy timeout.
    case busy(path: String)
    case ioError(path: String)
    /// Another `newssearch index` (or `rebuild`, `optimize`) is writing this index.
    case runInProgress(path: String, pid: Int32?)
    /// Any other SQLite failure: the operation and SQLite's numeric result code.
    case database(operation: String, path: String, code: Int32)
    case noRoots
    /// `rebuild` without roots on an index that does not record its own.
    case noRecordedRoots(path: String)

    public var description: String {
        switch self {
        case let .notFound(path):
            "no index at \(path): build one with `newssearch index DIR --index \(path)`"
        case let .notAnIndex(path, what):
            "\(path) is not a newssearch index (\(what)); it was left untouched: pick another --index path"
        case let .incompatibleVersion(path, found, expected) where found > expected:
            "index \(path) was made by a newer newssearch (schema version \(found); this one reads up to \(expected)): use that version, or rebuild it with `newssearch rebuild --index \(path)`"
        case let .incompatibleVersion(path, found, expected):
            "index \(path) has schema version \(found) but this newssearch reads version \(expected): rebuild it with `newssearch rebuild --index \(path)`"
        case let .cannotOpen(path, reason):
            "cannot open index \(path): \(reason)"
        case let .damaged(path, detail):
            "index \(path) is damaged (\(detail)): run `newssearch check --index \(path)` for details, then `newssearch rebuild --index \(path)` to re-make it from the dumps"
        case let .diskFull(path):
            "cannot write index \(path): the disk is full; free some space and run again (everything committed so far is kept)"
        case let .readOnly(path):
            "cannot write index \(path): the file or its folder is read-only; searching it still works, indexing needs write access"
        case let .busy(path):
            "index \(path) is locked by another process that did not let go within 10 s; try again when it has finished"
        case let .ioError(path):
            "cannot read or write index \(path): the operating system reported an input/output error; check the disk"
        case let .runInProgress(path, pid):
            "another index run is in progress on \(path)\(pid.map { " (pid \($0))" } ?? ""); wait for it to finish, or stop it"
        case let .database(operation, path, code):
            "\(operation) failed on index \(path) (SQLite result code \(code)); `newssearch check --index \(path)` tells whether the index is sound"
        case .noRoots:
            "no directory given: name at least one directory or file to index"
        case let .noRecordedRoots(path):
            "index \(path) does not record which folders it was made from (it is older than `rebuild`, or too damaged to read): name them: `newssearch rebuild DIR... --index \(path)`"
        }
    }
}
