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
    case tooLong(bytes: Int, limit: Int)
    case tooDeep(token: String, column: Int?, limit: Int)
    case tooManyPrefixes(count: Int, limit: Int)
    case prefixTooShort(word: String, column: Int, minimum: Int)
    case badDistance(text: String, column: Int, limit: Int)
    case unknownField(field: String, column: Int, known: [String])
    case misplacedFilter(field: String, column: Int)
    case onlyFilters

    public var description: String {
        switch self {
        case .empty:
            "the query is empty: type words to search for"
        case .onlyStopwords:
            "the query has only very common words (like `the`, `of`): add a more specific word"
        case .nothingSearchable(let text):
            "`\(Self.shown(text))` has no letters or digits to search for"
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
            "the query has \(count) search words (words in phrases and NEAR count too), more than the \(limit) newssearch accepts: shorten it"
        case let .tooLong(bytes, limit):
            "the query is \(bytes) bytes long, more than the \(limit) newssearch accepts: shorten it"
        case let .tooDeep(token, column?, limit):
            "`\(token)` at column \(column) is nested more than \(limit) levels deep, the most newssearch accepts: "
                + (token == "(" ? "remove some parentheses" : "remove some fields")
        case let .tooDeep(_, nil, limit):
            "the query is nested more than \(limit) levels deep, the most newssearch accepts: remove some parentheses"
        case let .tooManyPrefixes(count, limit):
            "the query has \(count) prefix searches (`word*`), more than the \(limit) newssearch accepts: spell some words out"
        case let .prefixTooShort(word, column, minimum):
            "the prefix search `\(Self.shown(word))*` at column \(column) is too short: the word before `*` needs at least \(minimum) letters or digits"
        case let .unknownField(field, column, known):
            "`\(Self.shown(field)):` at column \(column) is not a field: use one of \(known.map { "`\($0):`" }.joined(separator: ", ")), or put the word in quotes"
        case let .misplacedFilter(field, column):
            "`\(field):` at column \(column) filters the whole query: put it outside parentheses, OR and NOT"
        case .onlyFilters:
            "the query has only filters (`source:`, `category:`, …): add a word to search for"
        case let .badDistance(text, column, limit):
            "the distance `\(Self.shown(text))` at column \(column) is not a whole number from 0 to \(limit): write for example `NEAR(a b, 5)` or `\"a b\"~5`"
        }
    }

    /// User text as a message shows it: at most 60 scalars, and invisible controls and
    /// direction marks written as `\u{…}` so they cannot reorder or hide the message
    /// (joiners, which emoji are made of, are kept).
    static func shown(_ text: String) -> String {
        let limit = 60
        var result = ""
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index == limit { result += "…"; break }
            switch scalar.properties.generalCategory {
            case .format where scalar == "\u{200C}" || scalar == "\u{200D}":
                result.unicodeScalars.append(scalar)
            case .control, .format, .lineSeparator, .paragraphSeparator:
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
