/// Why a search could not produce results.
public enum SearchError: Error, CustomStringConvertible, Sendable {
    case query(QueryError)
    case index(IndexError)
    /// FTS5 refused an expression the compiler built: a newssearch bug, never user error.
    case internalQuery(query: String)
    /// The search ran past its time limit and was stopped.
    case tooSlow(limit: Double)

    public var description: String {
        switch self {
        case .query(let error): "query: \(error)"
        case .index(let error): "\(error)"
        case .internalQuery(let query):
            "newssearch could not run the query `\(query)` (this is a bug in newssearch; please report it with the query)"
        case .tooSlow(let limit):
            "query: the search was stopped after \(limit.formatted(.number.precision(.fractionLength(0...1)))) s: it matches too much of the index at once; use fewer or rarer words, a phrase, or a field (`title:word`)"
        }
    }
}
