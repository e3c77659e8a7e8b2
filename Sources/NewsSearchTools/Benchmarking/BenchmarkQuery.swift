import NewsSearch

/// A query of a benchmark: its text, the mode it runs in and its class.
public struct BenchmarkQuery: Sendable, Equatable {
    /// The kinds of query reported separately.
    public enum QueryClass: String, Sendable, CaseIterable, Codable {
        case oneWord = "one_word"
        case severalWords = "several_words"
        case phrase
        case or
        case prefix
    }

    /// The forms a plain query-log line can be run in (`--forms`).
    public enum Form: String, Sendable, CaseIterable, Codable {
        /// As typed, in the query language (bare words all required).
        case and
        /// Natural-language keyword search: any word may match (`--any`).
        case keyword
        /// The whole line as one exact phrase.
        case phrase
    }

    public var text: String
    public var mode: QueryParser.Mode
    public var queryClass: QueryClass
    /// The form of the query-log line this query was made from, if it was.
    public var form: Form?

    public init(text: String, mode: QueryParser.Mode, form: Form? = nil) {
        self.text = text
        self.mode = mode
        self.form = form
        queryClass = Self.classify(text, mode: mode)
    }

    /// The queries for one query-log line in each requested form.
    public static func expand(_ line: String, forms: [Form]) -> [BenchmarkQuery] {
        let words = line.split(whereSeparator: \.isWhitespace)
        return forms.compactMap { form in
            switch form {
            case .and: BenchmarkQuery(text: line, mode: .all, form: .and)
            case .keyword: words.count > 1 ? BenchmarkQuery(text: line, mode: .any, form: .keyword) : nil
            case .phrase: words.count > 1 && !line.contains("\"") ? BenchmarkQuery(text: "\"\(line)\"", mode: .all, form: .phrase) : nil
            }
        }
    }

    static func classify(_ text: String, mode: QueryParser.Mode) -> QueryClass {
        if text.contains("\"") || text.contains("NEAR(") { return .phrase }
        let words = text.split(whereSeparator: \.isWhitespace)
        if words.contains("OR") || (mode == .any && words.count > 1) { return .or }
        if text.contains("*") { return .prefix }
        return words.count <= 1 ? .oneWord : .severalWords
    }
}
