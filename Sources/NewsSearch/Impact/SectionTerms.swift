/// A section's indexed terms as the impact index stores them: each distinct term with
/// its frequency and token offsets per field, and the section's field lengths.
///
/// Made on the parsing threads with the index's own stemming tokenizer, the same FTS5
/// tokenizer that indexes the text, so the terms, offsets and lengths are the ones FTS5
/// records (the article's title and author are each section's title and author fields).
struct SectionTerms: Sendable {
    /// Tokens per field, in FTS5 column order: FTS5's `xColumnSize`.
    var lengths: SIMD4<UInt32> = .zero
    var terms: [String] = []
    /// Per term, how often it occurs in each field.
    var frequencies: [SIMD4<UInt32>] = []
    /// Per term in order, per field in order, its offsets in that field.
    var offsets: [UInt32] = []

    /// The tokens of one field.
    struct FieldTokens: Sendable {
        var terms: [String]
    }

    /// Builds a section's terms from its fields' tokens (title, heading, body, author).
    init(fields: [FieldTokens]) {
        var occurrences: [(term: String, field: UInt8, offset: UInt32)] = []
        occurrences.reserveCapacity(fields.reduce(0) { $0 + $1.terms.count })
        for (field, tokens) in fields.enumerated() {
            lengths[field] = UInt32(tokens.terms.count)
            for (offset, term) in tokens.terms.enumerated() { occurrences.append((term, UInt8(field), UInt32(offset))) }
        }
        occurrences.sort { a, b in
            if a.term != b.term { return a.term < b.term }
            if a.field != b.field { return a.field < b.field }
            return a.offset < b.offset
        }
        offsets.reserveCapacity(occurrences.count)
        for occurrence in occurrences {
            if terms.last != occurrence.term {
                terms.append(occurrence.term)
                frequencies.append(.zero)
            }
            frequencies[frequencies.count - 1][Int(occurrence.field)] += 1
            offsets.append(occurrence.offset)
        }
    }

    init() {}
}
