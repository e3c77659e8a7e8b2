/// Why a query cannot be run, with the 1-based character column it concerns.
public enum QueryError: Error, CustomStringConvertible, Equatable, Sendable {
    case empty
    case onlyStopwords
    case nothingSearchable(String)
    case missingOperand(operator: String, column: Int)
    case unmatchedClose(column: Int)
    case unclosedGroup(column: Int)
    case onlyExclusions
    case emptyField(field: String, column: Int)
    case tooManyTerms(count: Int, limit: Int)

    public var description: String {
        switch self {
        case .empty:
            "the query is empty: type words to search for"
        case .onlyStopwords:
            "the query has only very common words (like `the`, `of`): add a more specific word"
        case .nothingSearchable(let text):
            "`\(text)` has no letters or digits to search for"
        case let .missingOperand(op, column):
            "`\(op)` at column \(column) needs a search term on \(op == "NOT" ? "its right" : "each side")"
        case .unmatchedClose(let column):
            "`)` at column \(column) has no matching `(`"
        case .unclosedGroup(let column):
            "`(` at column \(column) is never closed: add `)`"
        case .onlyExclusions:
            "a part of the query only excludes words (`-word`, `NOT word`): add a word to search for beside it"
        case let .emptyField(field, column):
            "`\(field):` at column \(column) needs a word or phrase after it"
        case let .tooManyTerms(count, limit):
            "the query has \(count) terms, more than the \(limit) newssearch accepts: shorten it"
        }
    }
}
