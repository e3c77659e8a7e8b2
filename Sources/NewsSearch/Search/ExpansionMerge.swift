/// The second pass of an expanded search (pseudo-relevance feedback, `--any`) without
/// scoring every match again.
///
/// Expanded, a section scores its typed score, plus the added words' part when it holds
/// one of them (the two groups of ``SectionScorer``); an article scores its best
/// section. Let `T(a)` be article *a*'s typed score (the first pass's) and `P(a)` the best
/// expanded score of its sections that hold an added word. Then *a*'s expanded score is
/// `max(T(a), P(a))`: a section without added words scores its typed score, at most
/// `T(a)`; if *a*'s typed best holds an added word, `P(a)` is above `T(a)` already.
///
/// So an article on the expanded page is on the first pass's page with `T` (every
/// article before it by `T` is before it expanded too) or on the second pass's with `P`,
/// which ranks only sections that hold an added word
/// (``TopKSearch/run(into:expansionOnly:db:)``); each article of either takes the larger
/// of the two, and an article found once is ranked no higher than it belongs. And the
/// second pass may start at the first pass's k-th best `T` (``floor(_:count:)``): k
/// articles are known to score at least that.
enum ExpansionMerge {
    /// The `count`-th best typed score of `typed` (best first), or minus infinity when
    /// there are fewer.
    static func floor(_ typed: [ArticleCollector.Entry], count: Int) -> Double {
        count > 0 && typed.count >= count ? typed[count - 1].score : -.infinity
    }

    /// The first pass's best (`typed`) and the second pass's (`expanded`), each article
    /// once with its better entry, best first.
    static func merge(typed: [ArticleCollector.Entry], expanded: [ArticleCollector.Entry]) -> [ArticleCollector.Entry] {
        var best: [Int64: ArticleCollector.Entry] = [:]
        for entry in typed + expanded {
            guard let known = best[entry.article] else {
                best[entry.article] = entry
                continue
            }
            var kept = entry.ranksBefore(known) ? entry : known
            kept.matchingSections = max(entry.matchingSections, known.matchingSections)
            best[entry.article] = kept
        }
        return best.values.sorted { $0.ranksBefore($1) }
    }
}
