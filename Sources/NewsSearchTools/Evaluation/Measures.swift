import Foundation

/// Standard IR measures with trec_eval's definitions.
///
/// A ranking is first put in trec_eval's order: score descending, ties broken by
/// document id descending (string order). `judgements` maps document id to relevance
/// grade; grade > 0 is relevant; unjudged documents count as non-relevant.
///
/// - nDCG@k (`ndcg_cut_k`): `Σ_{i≤k} gain_i / log2(i + 1)` over the ideal ordering of
///   all judged grades; gain is the grade itself.
/// - AP (`map`): the mean of precision at the rank of each relevant document retrieved
///   (within the first 1000), divided by the number of relevant documents R.
/// - P@k (`P_k`): relevant documents in the first k, over k.
/// - Recall@k (`recall_k`): relevant documents in the first k, over R.
public enum Measures {
    /// One retrieved document.
    public struct Ranked: Sendable, Equatable {
        public var document: String
        public var score: Double
        public init(document: String, score: Double) {
            (self.document, self.score) = (document, score)
        }
    }

    /// The ranking in trec_eval's order, cut at `depth`.
    public static func trecOrder(_ ranking: [Ranked], depth: Int = 1000) -> [String] {
        Array(ranking.sorted { $0.score != $1.score ? $0.score > $1.score : $0.document > $1.document }
            .prefix(depth).map(\.document))
    }

    public static func ndcg(_ documents: [String], judgements: [String: Int], at k: Int) -> Double {
        func dcg(_ gains: [Int]) -> Double {
            gains.prefix(k).enumerated().reduce(0) { $0 + Double($1.element) / log2(Double($1.offset) + 2) }
        }
        let ideal = dcg(judgements.values.filter { $0 > 0 }.sorted(by: >))
        guard ideal > 0 else { return 0 }
        return dcg(documents.map { max(0, judgements[$0] ?? 0) }) / ideal
    }

    public static func averagePrecision(_ documents: [String], judgements: [String: Int], depth: Int = 1000) -> Double {
        let relevant = judgements.values.filter { $0 > 0 }.count
        guard relevant > 0 else { return 0 }
        var found = 0
        var sum = 0.0
        for (index, document) in documents.prefix(depth).enumerated() where (judgements[document] ?? 0) > 0 {
            found += 1
            sum += Double(found) / Double(index + 1)
        }
        return sum / Double(relevant)
    }

    public static func precision(_ documents: [String], judgements: [String: Int], at k: Int) -> Double {
        Double(documents.prefix(k).filter { (judgements[$0] ?? 0) > 0 }.count) / Double(k)
    }

    public static func recall(_ documents: [String], judgements: [String: Int], at k: Int) -> Double {
        let relevant = judgements.values.filter { $0 > 0 }.count
        guard relevant > 0 else { return 0 }
        return Double(documents.prefix(k).filter { (judgements[$0] ?? 0) > 0 }.count) / Double(relevant)
    }
}
