/// A parsed query made ready for the impact index: its phrases in FTS5's phrase order,
/// each as index terms with its column filter and weight, and the shape that joins them.
///
/// FTS5 numbers the phrases of a `MATCH` expression in the order the compiler writes
/// them (``FTS5Compiler``: an AND's positive children, then its exclusions); the ranker's
/// proximity bonus pairs neighbours in that order, so the prepared query keeps it.
/// Shapes the impact index cannot evaluate make ``init(_:expansion:tokenize:)`` return
/// nil and the search scores every match through FTS5 instead: prefixes (`tele*`), NEAR
/// groups, nested groups (`(a OR b) c`), exclusions of groups, and words that the
/// tokenizer turns into nothing.
struct PreparedQuery {
    /// Which fields a phrase may match in: bit *f* for FTS5 column *f*.
    typealias ColumnMask = UInt8
    /// What an unfielded word searches: every column but the author.
    static let defaultColumns: ColumnMask = IndexSchema.Column.title.bit | IndexSchema.Column.heading.bit | IndexSchema.Column.body.bit
    static let allColumns: ColumnMask = IndexSchema.Column.allCases.reduce(0) { $0 | $1.bit }

    struct Phrase: Equatable {
        /// The phrase's index terms, in order (one for a word).
        var terms: [String]
        var columns: ColumnMask
        /// 1 for a typed phrase; the feedback weight for an expansion term.
        var weight: Double = 1
        /// An exclusion: matching sections are not hits, and it never scores.
        var excluded = false
        /// An expansion term of pseudo-relevance feedback (scored as a group of its own).
        var expansion = false
    }

    enum Shape: Equatable {
        /// Every positive phrase must match and no excluded one.
        case all
        /// At least one phrase must match.
        case any
    }

    let phrases: [Phrase]
    let shape: Shape
    /// How many phrases the user typed (exclusions included): the expansion terms follow
    /// them. Stored, since the scorer reads it for every section it scores.
    let typedCount: Int

    /// Phrases the user typed (not exclusions, not expansion terms), by FTS5 number.
    var typedPositives: [Int] { phrases.indices.filter { !phrases[$0].excluded && !phrases[$0].expansion } }

    init?(_ query: QueryNode, expansion: [String] = [], expansionWeight: Double = 0,
          tokenize: (String) -> [String]) {
        func leaf(_ node: QueryNode, columns: ColumnMask) -> Phrase? {
            switch node {
            case let .term(word, prefix: false):
                let terms = tokenize(word)
                return terms.isEmpty || terms.contains("") ? nil : Phrase(terms: terms, columns: columns)
            case let .phrase(text):
                let terms = tokenize(text)
                return terms.isEmpty || terms.contains("") ? nil : Phrase(terms: terms, columns: columns)
            case let .field(field, child):
                return leaf(child, columns: Self.mask(of: field))
            default:
                return nil
            }
        }
        var phrases: [Phrase] = []
        var shape = Shape.all
        switch query {
        case let .and(children):
            var excluded: [Phrase] = []
            for child in children {
                if case let .not(inner) = child {
                    let parts: [QueryNode]
                    if case let .or(alternatives) = inner { parts = alternatives } else { parts = [inner] }
                    for part in parts {
                        guard var phrase = leaf(part, columns: Self.defaultColumns) else { return nil }
                        phrase.excluded = true
                        excluded.append(phrase)
                    }
                } else {
                    guard let phrase = leaf(child, columns: Self.defaultColumns) else { return nil }
                    phrases.append(phrase)
                }
            }
            guard !phrases.isEmpty else { return nil }
            phrases += excluded
            shape = .all
        case let .or(children):
            for child in children {
                guard let phrase = leaf(child, columns: Self.defaultColumns) else { return nil }
                phrases.append(phrase)
            }
            shape = .any
        default:
            guard let phrase = leaf(query, columns: Self.defaultColumns) else { return nil }
            phrases = [phrase]
            shape = .all
        }
        guard !phrases.isEmpty else { return nil }
        if !expansion.isEmpty {
            guard shape == .any || phrases.count == 1 else { return nil }
            shape = .any
            for word in expansion {
                let terms = tokenize(word)
                guard !terms.isEmpty, !terms.contains("") else { return nil }
                phrases.append(Phrase(terms: terms, columns: Self.defaultColumns, weight: expansionWeight, expansion: true))
            }
        }
        self.shape = shape
        self.phrases = phrases
        typedCount = phrases.filter { !$0.expansion }.count
    }

    static func mask(of field: QueryField) -> ColumnMask {
        field.column.bit
    }
}
