/// A section's indexed terms as the impact index stores them: each distinct term with
/// its frequency and token offsets per field, and the section's field lengths.
///
/// Made on the parsing threads with the index's own stemming tokenizer, the same FTS5
/// tokenizer that indexes the text, so the terms, offsets and lengths are the ones FTS5
/// records (the article's title and author are each section's title and author fields).
struct SectionTerms: Sendable {
    /// Tokens per field, in FTS5 column order: FTS5's `xColumnSize`.
    var lengths: SIMD4<UInt32> = .zero
    /// Each distinct term, as its number in the file's ``TermVocabulary``.
    var terms: [Int32] = []
    /// Per term, how often it occurs in each field.
    var frequencies: [SIMD4<UInt32>] = []
    /// Per term in order, per field in order, its offsets in that field.
    var offsets: [UInt32] = []

    /// The tokens of one field.
    struct FieldTokens: Sendable {
        var terms: [Int32]
    }

    /// Builds a section's terms from its fields' tokens (title, heading, body, author).
    /// Tokens come in field and offset order, so a stable grouping by term (a counting
    /// sort over first-seen slots) leaves each term's offsets in order.
    init(fields: [FieldTokens]) {
        var slotOf: [Int32: Int] = [:]
        var slots: [Int] = []
        var offsetOfToken: [UInt32] = []
        var counts: [Int] = []
        for (field, tokens) in fields.enumerated() {
            lengths[field] = UInt32(tokens.terms.count)
            for (offset, term) in tokens.terms.enumerated() {
                let slot: Int
                if let known = slotOf[term] {
                    slot = known
                } else {
                    slot = terms.count
                    slotOf[term] = slot
                    terms.append(term)
                    frequencies.append(.zero)
                    counts.append(0)
                }
                slots.append(slot)
                offsetOfToken.append(UInt32(offset))
                frequencies[slot][field] += 1
                counts[slot] += 1
            }
        }
        var next = [Int](repeating: 0, count: terms.count)
        var running = 0
        for slot in 0..<terms.count {
            next[slot] = running
            running += counts[slot]
        }
        offsets = [UInt32](repeating: 0, count: slots.count)
        for (token, slot) in slots.enumerated() {
            offsets[next[slot]] = offsetOfToken[token]
            next[slot] += 1
        }
    }

    init() {}
}

/// The distinct terms of one dump file, numbered as the parsing thread meets them: its
/// sections name terms by number, so the index writer looks each term up once per file,
/// not once per posting, and a parsed chunk holds each term's text once.
struct TermVocabulary: Sendable {
    private(set) var terms: [String] = []
    private var numbers: [String: Int32] = [:]

    init() {}

    mutating func number(_ term: String) -> Int32 {
        if let known = numbers[term] { return known }
        let number = Int32(terms.count)
        numbers[term] = number
        terms.append(term)
        return number
    }

    mutating func numbers(_ terms: [String]) -> SectionTerms.FieldTokens {
        SectionTerms.FieldTokens(terms: terms.map { number($0) })
    }
}
