/// What the tools target (`NewsSearchTools`, the snippet benchmark) reads of the search
/// engine's internals, by `package` access: kept in this one file so that the engine's
/// own files need no `package` of their own and a change there shows here.
extension SearchEngine {
    /// The spans in `column` of an `ns_spans` result (``decodeSpans(_:column:)``).
    package static func matchSpans(_ encoded: String, column: Int) -> [MatchSpan] {
        decodeSpans(encoded, column: column)
    }
}
