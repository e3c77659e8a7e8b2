/// What the first pass of an expanded search (``ExpansionMerge``) knows of the typed part
/// of any section's score: a section of an article the pass did not list scores at most
/// the last listed article's typed score, for it would be listed otherwise (at most 0 when
/// the pass listed every article with a match). This holds for the sections the second
/// pass admits because both passes admit the same ones: the same folder scope, and no
/// attribute filters (with them there is no second pass of this kind). The typed phrases' block bounds add up
/// to far more (each bounds its own best posting), so the second pass, which ranks only
/// sections holding an added word, bounds the typed part of the others by this ceiling
/// (``TopKPruning/runAny(into:expansionOnly:ceiling:db:)``).
///
/// A section's typed part is the same number in both passes: the same phrases, scored by
/// the same formula in the same order (``SectionScorer``), its proximity bonus included.
struct TypedCeiling {
    /// The most a section outside ``listed`` scores for the typed phrases.
    let score: Double
    /// The global documents of the listed articles' sections, in increasing order.
    let listed: [ClosedRange<Int>]

    /// Whether a document in `first...last` may be a section of a listed article.
    func lists(from first: Int, through last: Int) -> Bool {
        listed.contains { $0.lowerBound <= last && first <= $0.upperBound }
    }
}
