import GRDB

// MARK: - A MaxScore window's strong words, a word at a time

extension TopKPruning {
    /// Scores a MaxScore window's candidates (``runAny(into:expansionOnly:ceiling:db:)``)
    /// a strong phrase at a time, when every strong phrase is a single word whose postings
    /// in the window lie in its current block: each word's exact parts there are computed
    /// for the whole run at once (``LeadScores``) and summed per document
    /// (``WindowParts``); then, in document order, a document whose sum plus the weak
    /// phrases' bounds (`weakSum`) can reach the threshold is confirmed by the weak
    /// phrases as ``confirm(_:optional:bounds:remaining:exact:lengths:charged:present:threshold:db:)``
    /// does, and only one that still may has its strong words moved to it (which finds
    /// those that match there: a deleted section, or one with the word outside the
    /// phrase's columns, has none) and is scored. Walking the strong words' cursors
    /// together instead cost, per posting, a minimum over the cursors, a move, a
    /// field-length read and a formula, where most postings fall short (three fifths of a
    /// six-word `--any` query's search); and of the postings left, the weak phrases turn
    /// back all but one in seventy (`laborers international union of north america`).
    ///
    /// Returns false, having done nothing, when the window does not qualify.
    mutating func scoreStrongWordsInBulk<Sink: TopKSink>(
        _ strong: ArraySlice<Int>, through windowEnd: Int, weak: [Int], weakSum: Double, confirmRemaining: Double,
        bounds: [Double], charged: [Double], present: inout [Bool], into sink: inout Sink, db: Database
    ) throws -> Bool {
        guard strong.count > 1, strong.count <= WindowParts.maxSlots, weak.count <= UInt64.bitWidth else { return false }
        for phrase in strong {
            guard let word = matchers[phrase].singleWord else { return false }
            // A word whose block ends inside the window has postings in the next one too.
            guard matchers[phrase].document > windowEnd || word.cursor.blockLast >= windowEnd else { return false }
        }
        if windowParts == nil { windowParts = WindowParts() }
        let window = windowParts!
        window.removeAll()
        for (slot, phrase) in strong.enumerated() where matchers[phrase].document <= windowEnd {
            guard let words = leadScores(of: phrase) else { return false }
            let run = words.run(through: windowEnd)
            window.add(run.documents, run.parts, count: run.count, charge: charged[phrase], slot: slot)
        }
        window.sumRuns()
        let phrases = strong.startIndex
        for candidate in 0..<window.count {
            let exact = window.parts[candidate]
            guard (exact + weakSum) * Self.slack >= sink.threshold else {
                pruned = true
                continue
            }
            // The weak phrases confirm first (``confirm``'s order and test), their matches
            // kept as bits: most candidates fail here, before a strong cursor moves or a
            // section's lengths are read.
            let document = window.documents[candidate]
            var lengths: SIMD4<UInt32>?
            guard var weakMatches = try confirmedMatches(document, optional: weak, bounds: bounds, remaining: confirmRemaining,
                                                         exact: exact, lengths: &lengths, charged: charged,
                                                         threshold: sink.threshold, db: db),
                  admits(document, into: sink) else {
                pruned = true
                continue
            }
            // The strong words move to it now, which finds those that match there.
            present.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
            var matched = false
            var slots = window.slots[candidate]
            while slots != 0 {
                let phrase = strong[phrases + slots.trailingZeroBitCount]
                slots &= slots &- 1
                try matchers[phrase].advance(to: document, db: db)
                if matchers[phrase].document == document {
                    present[phrase] = true
                    matched = true
                }
            }
            guard matched else { continue }
            while weakMatches != 0 {
                present[weak[weakMatches.trailingZeroBitCount]] = true
                weakMatches &= weakMatches &- 1
            }
            try score(document, present: presentPhrases(present), into: &sink, db: db)
        }
        return true
    }
}
