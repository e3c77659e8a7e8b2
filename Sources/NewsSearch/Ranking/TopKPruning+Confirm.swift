import GRDB

// MARK: - Confirming a candidate

/// A candidate's optional phrases, moved to it one at a time in MaxScore's order, each
/// giving up its bound and adding its exact part if it matches there, until what is known
/// plus what is left falls short of the threshold.
extension TopKPruning {
    /// Whether a candidate at `target` may still reach the threshold, its phrases so far
    /// scoring `exact` (with their pairs' charges) and the `optional` ones, in order, at
    /// most their `bounds`, `remaining` in all: each optional phrase in turn is moved to
    /// the candidate, gives up its bound and adds its exact part if it matches there;
    /// false as soon as what is known plus what is left falls short (Lucene's MaxScore
    /// order). Marks the optional phrases that match in `present`.
    mutating func confirm(_ target: Int, optional: some Sequence<Int>, bounds: [Double], remaining: Double,
                                  exact: Double, lengths: SIMD4<UInt32>, charged: [Double], present: inout [Bool],
                                  threshold: Double, db: Database) throws -> Bool {
        var remaining = remaining, exact = exact
        if (exact + remaining) * Self.slack < threshold { return false }
        for phrase in optional {
            remaining -= bounds[phrase]
            try matchers[phrase].advance(to: target, db: db)
            if matchers[phrase].document == target {
                present[phrase] = true
                exact += scorer.query.phrases[phrase].weight
                    * scorer.phraseScore(phrase, frequencies: matchers[phrase].frequencies, lengths: lengths) + charged[phrase]
            }
            if (exact + max(0, remaining)) * Self.slack < threshold { return false }
        }
        return true
    }

    /// ``confirm(_:optional:bounds:remaining:exact:lengths:charged:present:threshold:db:)``
    /// for at most 64 optional phrases: their matches as bits (bit `i`: `optional[i]`),
    /// nil when the candidate falls short; `lengths`, the candidate's field lengths, read
    /// on first need. Most candidates fall short here: nothing is marked or read for them.
    mutating func confirmedMatches(_ target: Int, optional: [Int], bounds: [Double], remaining: Double, exact: Double,
                                   lengths: inout SIMD4<UInt32>?, charged: [Double], threshold: Double,
                                   db: Database) throws -> UInt64? {
        var remaining = remaining, known = exact, matches: UInt64 = 0
        if (known + remaining) * Self.slack < threshold { return nil }
        for (bit, phrase) in optional.enumerated() {
            remaining -= bounds[phrase]
            try matchers[phrase].advance(to: target, db: db)
            if matchers[phrase].document == target {
                matches |= 1 << UInt64(bit)
                if lengths == nil { lengths = directory.fieldLengths(target) }
                known += scorer.query.phrases[phrase].weight
                    * scorer.phraseScore(phrase, frequencies: matchers[phrase].frequencies, lengths: lengths!) + charged[phrase]
            }
            if (known + max(0, remaining)) * Self.slack < threshold { return nil }
        }
        return matches
    }
}
