import Foundation

/// One ranker against another on one collection: the relative change of each measure
/// and the paired randomisation test's p-value on per-query nDCG@10 (``Significance``).
public struct Comparison: Sendable, Codable, Equatable {
    public var collection: String
    public var judged: Int
    public var ranker: Evaluator.Scores
    public var reference: Evaluator.Scores
    /// Relative change of nDCG@10, MAP and P@10 (0.05 is +5 %); 0 where the reference is 0.
    public var ndcgGain: Double
    public var mapGain: Double
    public var p10Gain: Double
    /// Two-sided p-value of the difference in per-query nDCG@10.
    public var pValue: Double

    /// Compares `ranker` with `reference` in a report that holds both (and per-query
    /// nDCG@10 for the test); nil when either is missing.
    public init?(_ report: Evaluator.Report, ranker: String, reference: String) {
        guard let mine = report.rankers[ranker], let base = report.rankers[reference] else { return nil }
        collection = report.collection
        judged = report.judged
        self.ranker = mine
        self.reference = base
        func gain(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b - 1 : 0 }
        ndcgGain = gain(mine.ndcg10, base.ndcg10)
        mapGain = gain(mine.map, base.map)
        p10Gain = gain(mine.p10, base.p10)
        let a = report.perQuery?[ranker] ?? [:], b = report.perQuery?[reference] ?? [:]
        let queries = a.keys.filter { b[$0] != nil }.sorted()
        pValue = Significance.randomisationTest(queries.map { a[$0]! }, queries.map { b[$0]! })
    }

    /// The mean relative nDCG@10 change over collections (each collection counts once).
    public static func meanGain(_ comparisons: [Comparison]) -> Double {
        comparisons.isEmpty ? 0 : comparisons.map(\.ndcgGain).reduce(0, +) / Double(comparisons.count)
    }
}
