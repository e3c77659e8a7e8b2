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
}
