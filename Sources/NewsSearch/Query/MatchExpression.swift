/// An FTS5 `MATCH` expression together with what its phrases are: the typed query's
/// phrases first, in FTS5's phrase order, then any expansion words of
/// ``PseudoRelevanceFeedback``, each with its weight.
///
/// `ns_rank` tells expansion phrases from typed ones by counting from the end, so they
/// must come last: this type is the one place an expression with expansion words is
/// built, and it puts them there.
struct MatchExpression: Sendable, Equatable {
    /// The expression handed to FTS5 (``FTS5Compiler``).
    let text: String
    /// The weights of the expression's last phrases, which are expansion words.
    let expansionWeights: [Double]

    /// The query as typed.
    init(_ query: QueryNode) throws(QueryError) {
        text = try FTS5Compiler.compile(query)
        expansionWeights = []
    }

    /// The typed `leaves` (OR-ed) followed by the expansion `words`, each weighing `weight`.
    init(leaves: [QueryNode], expansion words: [String], weight: Double) throws(QueryError) {
        text = try FTS5Compiler.compile(.or(leaves + words.map { .term($0, prefix: false) }))
        expansionWeights = Array(repeating: weight, count: words.count)
    }

    /// The expansion `words` alone (OR-ed), scored as expansion phrases.
    init(expansion words: [String], weight: Double) throws(QueryError) {
        try self.init(leaves: [], expansion: words, weight: weight)
    }

    /// The expansion weights as `ns_rank` reads them: comma-separated, empty for none.
    var encodedWeights: String {
        expansionWeights.map { "\($0)" }.joined(separator: ",")
    }

    /// The weights of ``encodedWeights``.
    static func weights(decoding text: String) -> [Double] {
        text.split(separator: ",").compactMap { Double($0) }
    }
}
