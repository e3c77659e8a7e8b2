import Foundation
import Testing
import NewsSearch
@testable import NewsSearchTools
import NewsSearchTestSupport

@Suite struct MeasuresTests {
    // Judgements: d1 and d3 relevant (grade 1), d5 relevant (grade 2), d2 judged non-relevant.
    let judgements = ["d1": 1, "d2": 0, "d3": 1, "d5": 2]
    let ranking = ["d1", "d2", "d3", "d4"]

    @Test func averagePrecisionByHand() {
        // Relevant at ranks 1 and 3: (1/1 + 2/3) / R(3) = 0.5556
        #expect(abs(Measures.averagePrecision(ranking, judgements: judgements) - (1 + 2.0 / 3) / 3) < 1e-12)
    }

    @Test func ndcgByHand() {
        // DCG = 1/log2(2) + 1/log2(4) = 1.5; ideal gains 2,1,1: 2 + 1/log2(3) + 1/log2(4) = 3.1309
        let ideal = 2 + 1 / log2(3.0) + 0.5
        #expect(abs(Measures.ndcg(ranking, judgements: judgements, at: 10) - 1.5 / ideal) < 1e-12)
        #expect(Measures.ndcg(["d5", "d1", "d3"], judgements: judgements, at: 10) == 1)
    }

    @Test func precisionAndRecall() {
        #expect(Measures.precision(ranking, judgements: judgements, at: 10) == 0.2)
        #expect(abs(Measures.recall(ranking, judgements: judgements, at: 2) - 1.0 / 3) < 1e-12)
    }

    @Test func unjudgedDocumentsCountAsNonRelevant() {
        #expect(Measures.averagePrecision(["x", "y", "d1"], judgements: judgements) == (1.0 / 3) / 3)
    }

    @Test func tiesBreakByDocumentIdDescendingAsTrecEvalDoes() {
        let order = Measures.trecOrder([.init(document: "a", score: 1), .init(document: "c", score: 1), .init(document: "b", score: 2)])
        #expect(order == ["b", "c", "a"])
    }

    @Test func queryWithNoRelevantDocumentIsSkippedAndCounted() throws {
        let directory = TemporaryDirectory()
        directory.write("c/docs.jsonl", """
            {"id": "1", "title": "wing flutter", "text": "flutter of a swept wing at high speed."}
            {"id": "2", "title": "heat transfer", "text": "heat transfer in a boundary layer."}
            {"id": "3", "title": "buckling", "text": "buckling of thin cylinders under load."}
            """)
        directory.write("c/queries.tsv", "1\twing flutter\n2\tboundary layer heat\n3\tnothing judged\n")
        directory.write("c/qrels.txt", "1 0 1 1\n2 0 2 1\n3 0 3 0\n")
        let collection = try TestCollection(folder: directory.path + "/c")
        let store = try IndexStore(path: directory.indexPath, create: true)
        _ = try Indexer(store: store).run(roots: [directory.path + "/c/docs.jsonl"])
        let report = Evaluator(engine: SearchEngine(store: store)).evaluate(collection, contenders: [.init(ranker: .bm25f)])
        #expect(report.queries == 3)
        #expect(report.judged == 2)
        #expect(report.rankers["bm25f"]?.ndcg10 == 1)
        #expect(report.rankers["bm25f"]?.map == 1)
    }

    @Test func runFileIsStandardTrecFormat() {
        var writer = TrecRunWriter()
        writer.add(query: "7", ranking: [.init(document: "d2", score: 0.5), .init(document: "d9", score: 1.25)], tag: "default")
        #expect(writer.text == "7 Q0 d9 1 1.250000 default\n7 Q0 d2 2 0.500000 default\n")
    }

    @Test func requestsBecomeKeywordsWithoutOperators() {
        #expect(TestCollection.keywords("What about AND, OR \"NOT\" (systems)?") == "what about and or not systems")
    }
}
