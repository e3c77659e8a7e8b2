/// Where a query matched in one section, column by column, as `ns_spans` finds them
/// with the index's own tokenizer: UTF-8 byte ranges into each column's text.
package struct RowSpans: Sendable {
    private var byColumn: [Int: [MatchSpan]] = [:]

    mutating func append(_ span: MatchSpan, column: Int) {
        byColumn[column, default: []].append(span)
    }

    /// The spans in `column`, in the order FTS5 reported the instances.
    package func spans(in column: IndexSchema.Column) -> [MatchSpan] {
        byColumn[column.rawValue] ?? []
    }
}
