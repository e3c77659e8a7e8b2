import Foundation
import Hummingbird
import NewsSearch

/// An API failure as the client sees it: an HTTP status and the JSON body
/// `{"error": "...", "position": N}` (`position`, the 1-based column in the query, only
/// when the error concerns one place). The message is one line a user can act on; it
/// never carries SQLite text or a stack trace.
public struct APIError: Error, Sendable, Equatable {
    public var status: HTTPResponse.Status
    public var message: String
    public var position: Int?

    public init(_ status: HTTPResponse.Status, _ message: String, position: Int? = nil) {
        self.status = status
        self.message = message
        self.position = position
    }

    struct Body: Encodable {
        var error: String
        var position: Int?
    }

    /// The JSON response for this error.
    func response() -> Response {
        JSONResponse.make(Body(error: message, position: position), status: status)
    }

    /// What a library failure means to a client: an unusable query is the client's (400),
    /// a missing or damaged index is the server's (503), a newssearch bug is 500 with the
    /// library's one-line message (which names no SQL).
    static func from(_ error: SearchError) -> APIError {
        switch error {
        case .query(let query):
            APIError(.badRequest, "query: \(query)", position: query.column)
        case .index(let index):
            from(index)
        case .internalQuery:
            APIError(.internalServerError, error.description)
        case .tooSlow:
            APIError(.serviceUnavailable, error.description)
        }
    }

    static func from(_ error: IndexError) -> APIError {
        APIError(.serviceUnavailable, "the index cannot be read: \(error)")
    }

    static let timedOut = APIError(.serviceUnavailable,
                                   "the request took longer than the server's time limit: try a more specific query or try again")
}

extension QueryError {
    /// The 1-based column the error concerns, when it concerns one place in the query.
    var column: Int? {
        switch self {
        case let .missingOperand(_, column), let .unmatchedClose(column), let .unclosedGroup(column),
             let .emptyField(_, column), let .prefixTooShort(_, column, _), let .badDistance(_, column, _),
             let .unknownField(_, column, _), let .misplacedFilter(_, column):
            column
        case let .tooDeep(_, column, _):
            column
        case .empty, .onlyStopwords, .nothingSearchable, .onlyExclusions, .tooManyTerms, .tooLong, .tooManyPrefixes, .onlyFilters:
            nil
        }
    }
}
