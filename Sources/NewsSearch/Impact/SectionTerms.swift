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
    /// sort over first-seen slots) leaves each term's offsets in order. `slotOf` is the
    /// caller's scratch, indexed by term number, -1 where a term has no slot; it is left so.
    init(fields: [FieldTokens], slotOf: inout [Int32]) {
        var slots: [Int32] = []
        var offsetOfToken: [UInt32] = []
        var counts: [Int] = []
        let tokens = fields.reduce(0) { $0 + $1.terms.count }
        slots.reserveCapacity(tokens)
        offsetOfToken.reserveCapacity(tokens)
        for (field, tokens) in fields.enumerated() {
            lengths[field] = UInt32(tokens.terms.count)
            // Added whole: a lane incremented at a variable index goes through the stack
            // and stalls the next token's read of it.
            var unit = SIMD4<UInt32>.zero
            unit[field] = 1
            for (offset, term) in tokens.terms.enumerated() {
                let number = Int(term)
                if number >= slotOf.count { slotOf += repeatElement(-1, count: number + 1 - slotOf.count) }
                var slot = slotOf[number]
                if slot < 0 {
                    slot = Int32(terms.count)
                    slotOf[number] = slot
                    terms.append(term)
                    frequencies.append(.zero)
                    counts.append(0)
                }
                slots.append(slot)
                offsetOfToken.append(UInt32(offset))
                frequencies[Int(slot)] &+= unit
                counts[Int(slot)] += 1
            }
        }
        for term in terms { slotOf[Int(term)] = -1 }
        var next = [Int](repeating: 0, count: terms.count)
        var running = 0
        for slot in 0..<terms.count {
            next[slot] = running
            running += counts[slot]
        }
        offsets = [UInt32](repeating: 0, count: slots.count)
        for (token, slot) in slots.enumerated() {
            offsets[next[Int(slot)]] = offsetOfToken[token]
            next[Int(slot)] += 1
        }
    }

    /// The same, with a scratch of its own.
    init(fields: [FieldTokens]) {
        var slotOf: [Int32] = []
        self.init(fields: fields, slotOf: &slotOf)
    }

    init() {}
}
