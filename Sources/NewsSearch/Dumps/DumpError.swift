/// Why a dump file, or one record in it, could not be read.
///
/// Each case renders as a single line a user can act on; the indexer reports it and
/// goes on with the rest of the corpus.
public enum DumpError: Error, CustomStringConvertible, Equatable, Sendable {
    case unreadable(path: String, reason: String)
    case empty(path: String)
    case binary(path: String)
    case tooLarge(path: String, bytes: Int, limit: Int)
    case malformedRecord(path: String, record: Int, reason: String)
    case noArticles(path: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "\(path): cannot read file (\(reason))"
        case let .empty(path): "\(path): empty file"
        case let .binary(path): "\(path): binary content, not a text dump"
        case let .tooLarge(path, bytes, limit):
            "\(path): \(bytes) bytes is over the --max-file-size limit of \(limit) bytes"
        case let .malformedRecord(path, record, reason): "\(path): record \(record): \(reason)"
        case let .noArticles(path): "\(path): no article found in file"
        }
    }

    /// A short reason used to group skipped files in the index summary.
    public var reasonKey: String {
        switch self {
        case .unreadable: "unreadable"
        case .empty: "empty"
        case .binary: "binary"
        case .tooLarge: "too large"
        case .malformedRecord: "malformed"
        case .noArticles: "no articles"
        }
    }
}
