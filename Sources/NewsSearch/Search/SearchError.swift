/// Why a search could not produce results.
public enum SearchError: Error, CustomStringConvertible, Sendable {
    case query(QueryError)
    case index(IndexError)
    /// FTS5 refused an expression the compiler built: a newssearch bug, never user error.
    case internalQuery(query: String)

    public var description: String {
        switch self {
        case .query(let error): "query: \(error)"
        case .index(let error): "\(error)"
        case .internalQuery(let query):
            "newssearch could not run the query `\(query)` (this is a bug in newssearch; please report it with the query)"
        }
    }
}
