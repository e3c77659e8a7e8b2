/// Why an index could not be opened, read or written.
public enum IndexError: Error, CustomStringConvertible, Sendable {
    case notFound(path: String)
    case notAnIndex(path: String)
    case incompatibleVersion(path: String, found: Int, expected: Int)
    case cannotOpen(path: String, reason: String)
    case database(operation: String, reason: String)
    case noRoots

    public var description: String {
        switch self {
        case let .notFound(path):
            "no index at \(path): build one with `newssearch index DIR --index \(path)`"
        case let .notAnIndex(path):
            "\(path) is not a newssearch index (it is another file); pick another --index path"
        case let .incompatibleVersion(path, found, expected):
            "index \(path) has schema version \(found) but this newssearch reads version \(expected): rebuild it with `newssearch index DIR --index NEW_PATH`"
        case let .cannotOpen(path, reason):
            "cannot open index \(path): \(reason)"
        case let .database(operation, reason):
            "index \(operation) failed: \(reason)"
        case .noRoots:
            "no directory given: name at least one directory or file to index"
        }
    }
}
