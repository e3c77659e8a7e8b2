/// The parsed form of a user query: what they asked for, before any FTS5 syntax.
///
/// Text in leaves is kept exactly as typed; the FTS5 tokenizer decides later what the
/// words are, so `U.S.`, `20.04` and `Korea’s` mean what they mean in the index.
public indirect enum QueryNode: Sendable, Equatable {
    /// One word; `prefix` when typed as `word*`.
    case term(String, prefix: Bool)
    /// Words that must appear next to each other in order (`"exact phrase"`).
    case phrase(String)
    /// Terms or phrases within `distance` tokens of each other (`NEAR(a b, 5)`, `"a b"~5`).
    case near([QueryNode], distance: Int)
    /// Every child must match.
    case and([QueryNode])
    /// At least one child must match.
    case or([QueryNode])
    /// Excluded (`-word`, `NOT word`); only meaningful beside something to match.
    case not(QueryNode)
    /// The child must match in the given field.
    case field(QueryField, QueryNode)
}

/// A field that a query can be restricted to with `name:`.
public enum QueryField: String, Sendable, CaseIterable {
    case title, heading, body, author

    /// FTS5 column filter for this field.
    var columns: String { rawValue }
    /// The index column this field searches.
    var column: IndexSchema.Column {
        switch self {
        case .title: .title
        case .heading: .heading
        case .body: .body
        case .author: .author
        }
    }
}

extension QueryNode {
    /// Number of words FTS5 looks up: each term, and each word of a phrase or NEAR
    /// group, as the index's tokenizer splits them (`U.S.` is two).
    var searchWordCount: Int {
        switch self {
        case .term(let text, _): max(1, TokenizerView.wordCount(text))
        case .phrase(let text): TokenizerView.wordCount(text)
        case .near(let items, _): items.reduce(0) { $0 + $1.searchWordCount }
        case .and(let children), .or(let children): children.reduce(0) { $0 + $1.searchWordCount }
        case .not(let child), .field(_, let child): child.searchWordCount
        }
    }

    /// `.and(parts)`, with parts that are themselves `.and` spliced in (`a (b c)` is
    /// `a b c`), so that needless nesting never reaches FTS5.
    static func flatAnd(_ parts: [QueryNode]) -> QueryNode {
        .and(parts.flatMap { part -> [QueryNode] in if case let .and(inner) = part { inner } else { [part] } })
    }

    /// `.or(parts)`, with parts that are themselves `.or` spliced in.
    static func flatOr(_ parts: [QueryNode]) -> QueryNode {
        .or(parts.flatMap { part -> [QueryNode] in if case let .or(inner) = part { inner } else { [part] } })
    }
}
