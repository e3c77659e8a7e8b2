import Foundation
import NewsSearch
import NewsSearchTools

/// The collection × ranker × measure table of `newssearch eval`; rankers are named as
/// `search --ranker` names them. With two rankers, each collection also gets the first
/// one's change over the second and the p-value of a paired randomisation test.
enum EvalTable {
    static func render(_ reports: [Evaluator.Report], rankers: [String]) -> String {
        var lines = ["collection  judged/queries  ranker    nDCG@10     MAP    P@10  R@100"]
        var sums: [String: (Double, Double, Double, Double)] = [:]
        var comparisons: [Comparison] = []
        for report in reports {
            for name in rankers {
                guard let s = report.rankers[name] else { continue }
                lines.append(String(format: "%@ %6d/%-7d  %@  %7.4f %7.4f %7.4f %6.4f",
                                    QueryBenchTable.pad(report.collection, 11), report.judged, report.queries,
                                    QueryBenchTable.pad(name, 8), s.ndcg10, s.map, s.p10, s.recall100))
                let old = sums[name] ?? (0, 0, 0, 0)
                sums[name] = (old.0 + s.ndcg10, old.1 + s.map, old.2 + s.p10, old.3 + s.recall100)
            }
            if rankers.count == 2, let comparison = Comparison(report, ranker: rankers[0], reference: rankers[1]) {
                comparisons.append(comparison)
                lines.append(String(format: "%@ nDCG@10 %@ vs %@: %+.1f %% (p %@), MAP %+.1f %%, P@10 %+.1f %%",
                                    QueryBenchTable.pad("", 11), rankers[0], rankers[1], comparison.ndcgGain * 100,
                                    pText(comparison.pValue), comparison.mapGain * 100, comparison.p10Gain * 100))
            }
        }
        if reports.count > 1, rankers.count == 2, let mine = sums[rankers[0]], let base = sums[rankers[1]] {
            let n = Double(reports.count)
            lines.append(String(format: "mean        %@ nDCG@10 %.4f MAP %.4f; %@ nDCG@10 %.4f MAP %.4f",
                                rankers[0], mine.0 / n, mine.1 / n, rankers[1], base.0 / n, base.1 / n))
            let worst = comparisons.min { $0.ndcgGain < $1.ndcgGain }
            lines.append(String(format: "            nDCG@10 change: mean over collections %+.1f %%, of the means %+.1f %%, worst %+.1f %% (%@)",
                                Comparison.meanGain(comparisons) * 100, (mine.0 / base.0 - 1) * 100,
                                (worst?.ndcgGain ?? 0) * 100, worst?.collection ?? "-"))
        }
        return lines.joined(separator: "\n")
    }

    /// A p-value as `= 0.0123`, or `< 0.0001` below what four decimals show.
    static func pText(_ p: Double) -> String {
        p < 0.0001 ? "< 0.0001" : String(format: "= %.4f", p)
    }
}
