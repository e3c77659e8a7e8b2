/// Compiles a ``QueryNode`` into an FTS5 `MATCH` expression.
///
/// Safety invariant: every piece of user text reaches FTS5 inside a double-quoted
/// string with inner quotes doubled, so it is only ever tokenised, never parsed as
/// syntax; all operators, parentheses and column filters are written by this compiler.
/// Quotes are found and doubled per Unicode scalar: FTS5 reads bytes, so a `"` that
/// Swift sees inside one `Character` with a following combining mark is still a quote.
/// Trees nested deeper than ``QueryLimits/maxCompiledParentheses`` or
/// ``QueryLimits/maxCompiledNodes`` are refused (parsed queries never are), which
/// keeps the recursion here and FTS5's parser stack bounded.
/// Every leaf carries a column filter: `{title heading body}` by default (the author
/// column only answers `author:`), or its field's column.
///
/// Examples:
///
///     korea border          →  ({title heading body} : "korea" AND {title heading body} : "border")
///     title:"border closure" →  {title} : "border closure"
///     nuclear -talks         →  ({title heading body} : "nuclear") NOT ({title heading body} : "talks")
public enum FTS5Compiler {
    static let defaultColumns = "title heading body"

    public static func compile(_ node: QueryNode) throws(QueryError) -> String {
        try compile(node, columns: defaultColumns, depth: Depth())
    }

    /// `text` as an FTS5 string: in `"`, every `"` scalar doubled.
    static func quote(_ text: String) -> String {
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in text.unicodeScalars {
            quoted.append(scalar)
            if scalar == "\"" { quoted.append(scalar) }
        }
        quoted.append("\"")
        return String(quoted)
    }

    private static func leaf(_ node: QueryNode) -> String? {
        switch node {
        case let .term(word, prefix): quote(word) + (prefix ? " *" : "")
        case let .phrase(text): quote(text)
        default: nil
        }
    }

    /// How deep the node being compiled is: in nodes, and in parentheses written around it.
    private struct Depth {
        var nodes = 0
        var parentheses = 0

        func entering(parentheses added: Int) throws(QueryError) -> Depth {
            let next = Depth(nodes: nodes + 1, parentheses: parentheses + added)
            guard next.nodes <= QueryLimits.maxCompiledNodes, next.parentheses <= QueryLimits.maxCompiledParentheses else {
                throw .tooDeep(token: "(", column: nil, limit: QueryLimits.maxDepth)
            }
            return next
        }
    }

    private static func compile(_ node: QueryNode, columns: String, depth outer: Depth) throws(QueryError) -> String {
        let depth = try outer.entering(parentheses: 0)
        switch node {
        case .term, .phrase:
            return "{\(columns)} : " + leaf(node)!
        case let .near(items, distance):
            let inner = items.compactMap(leaf).joined(separator: " ")
            return "{\(columns)} : NEAR(\(inner), \(distance))"
        case let .field(field, child):
            return try compile(child, columns: field.columns, depth: depth)
        case let .or(children):
            let inside = try outer.entering(parentheses: 1)
            var parts: [String] = []
            for child in children {
                if case .not = child { throw .onlyExclusions }
                parts.append(try compile(child, columns: columns, depth: inside))
            }
            return "(" + parts.joined(separator: " OR ") + ")"
        case let .and(children):
            let inside = try outer.entering(parentheses: 1)
            var positives: [String] = []
            var negatives: [String] = []
            for child in children {
                if case let .not(excluded) = child {
                    negatives.append(try compile(excluded, columns: columns, depth: inside))
                } else {
                    positives.append(try compile(child, columns: columns, depth: inside))
                }
            }
            guard !positives.isEmpty else { throw .onlyExclusions }
            var expression = "(" + positives.joined(separator: " AND ") + ")"
            if !negatives.isEmpty { expression += " NOT (" + negatives.joined(separator: " OR ") + ")" }
            return expression
        case .not:
            throw .onlyExclusions
        }
    }
}
