import Testing
import NewsSearch
@testable import NewsSearchTools

@Suite struct ComparisonTests {
    func report(_ name: String, ours: [Double], theirs: [Double]) -> Evaluator.Report {
        func scores(_ ndcg: Double, _ map: Double, _ p10: Double) -> Evaluator.Scores {
            Evaluator.Scores(ndcg10: ndcg, map: map, p10: p10, recall100: 0)
        }
        let ids = ours.indices.map { "q\($0)" }
        return Evaluator.Report(collection: name, queries: ours.count, judged: ours.count,
                                rankers: ["bm25f": scores(0.55, 0.4, 0.3), "fts5": scores(0.5, 0.5, 0.3)],
                                perQuery: ["bm25f": Dictionary(uniqueKeysWithValues: zip(ids, ours)),
                                           "fts5": Dictionary(uniqueKeysWithValues: zip(ids, theirs))])
    }

    @Test func gainsAreRelativeToTheReferenceRanker() throws {
        let comparison = try #require(Comparison(report("c", ours: [1, 1, 1], theirs: [0, 0, 0]), ranker: "bm25f", reference: "fts5"))
        #expect(abs(comparison.ndcgGain - 0.1) < 1e-12)
        #expect(abs(comparison.mapGain + 0.2) < 1e-12)
        #expect(comparison.p10Gain == 0)
        #expect(comparison.pValue == 0.25)
    }

    @Test func aMissingRankerGivesNoComparison() {
        #expect(Comparison(report("c", ours: [1], theirs: [0]), ranker: "bm25f", reference: "other") == nil)
    }

    @Test func theMeanGainCountsEachCollectionOnce() throws {
        let a = try #require(Comparison(report("a", ours: [1], theirs: [0]), ranker: "bm25f", reference: "fts5"))
        var b = a
        b.ndcgGain = 0.3
        #expect(abs(Comparison.meanGain([a, b]) - 0.2) < 1e-12)
    }
}
