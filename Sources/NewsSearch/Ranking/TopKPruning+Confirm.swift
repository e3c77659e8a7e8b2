import GRDB

// MARK: - Confirming a candidate

/// A candidate's optional phrases, moved to it one at a time in MaxScore's order, each
/// giving up its bound and adding its exact part if it matches there, until what is known
/// plus what is left falls short of the threshold (Lucene's MaxScore order).
extension TopKPruning {
    /// Whether a candidate at `target` may still reach the threshold, its phrases so far
    /// scoring `exact` (with their pairs' charges) and the `optional` ones, in order, at
    /// most their `bounds`, `remaining` in all. Marks the optional phrases that match in
    /// `present`.
    mutating func confirm(_ target: Int, optional: some Sequence<Int>, bounds: [Double], remaining: Double,
                          exact: Double, lengths: SIMD4<UInt32>, charged: [Double], present: inout [Bool],
                          threshold: Double, db: Database) throws -> Bool {
        var known: SIMD4<UInt32>? = lengths
        return try confirming(target, optional: optional, bounds: bounds, remaining: remaining, exact: exact,
                              lengths: &known, charged: charged, threshold: threshold, db: db) { _, phrase in
            present[phrase] = true
        }
    }

    /// ``confirm(_:optional:bounds:remaining:exact:lengths:charged:present:threshold:db:)``
    /// for at most 64 optional phrases: their matches as bits (bit `i`: `optional[i]`),
    /// nil when the candidate falls short; `lengths`, the candidate's field lengths, read
    /// on first need. Most candidates fall short here: nothing is marked or read for them.
    mutating func confirmedMatches(_ target: Int, optional: [Int], bounds: [Double], remaining: Double, exact: Double,
                                   lengths: inout SIMD4<UInt32>?, charged: [Double], threshold: Double,
                                   db: Database) throws -> UInt64? {
        var matches: UInt64 = 0
        let reaches = try confirming(target, optional: optional, bounds: bounds, remaining: remaining, exact: exact,
                                     lengths: &lengths, charged: charged, threshold: threshold, db: db) { bit, _ in
            matches |= 1 << UInt64(bit)
        }
        return reaches ? matches : nil
    }

    /// The confirmation both forms share: `matched` hears of each optional phrase that
    /// matches (its place in `optional`, and the phrase).
    @inline(__always)
    private mutating func confirming(_ target: Int, optional: some Sequence<Int>, bounds: [Double], remaining: Double,
                                     exact: Double, lengths: inout SIMD4<UInt32>?, charged: [Double], threshold: Double,
                                     db: Database, matched: (Int, Int) -> Void) throws -> Bool {
        var remaining = remaining, known = exact
        if (known + remaining) * Self.slack < threshold { return false }
        for (place, phrase) in optional.enumerated() {
            remaining -= bounds[phrase]
            try matchers[phrase].advance(to: target, db: db)
            if matchers[phrase].document == target {
                matched(place, phrase)
                if lengths == nil { lengths = directory.fieldLengths(target) }
                known += scorer.query.phrases[phrase].weight
                    * scorer.phraseScore(phrase, frequencies: matchers[phrase].frequencies, lengths: lengths!) + charged[phrase]
            }
            if (known + max(0, remaining)) * Self.slack < threshold { return false }
        }
        return true
    }
}
