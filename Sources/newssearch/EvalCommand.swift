import ArgumentParser
import Foundation
import NewsSearch

/// `newssearch eval`: nDCG@10, MAP, P@10 and Recall@100 of our ranker and FTS5's.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure ranking quality on a test collection (docs.jsonl, queries.tsv, qrels.txt).",
        discussion: """
            Indexes the collection's docs.jsonl into a temporary index (or uses --index), runs every query \
            as natural language (--any) with our ranker (bm25f, as `search --ranker bm25f`) and with FTS5's \
            bm25() (fts5), and prints nDCG@10, MAP (top 1000), P@10 and Recall@100 with trec_eval's definitions.

            Examples:
              newssearch eval ../shared/corpora/ir/cranfield
              newssearch eval ../shared/corpora/ir/* --json
              newssearch eval --index /tmp/c.db --queries q.tsv --qrels qrels.txt --k1 1.5 --skip-baseline
            """)

    @Argument(help: "Collection folders (each with docs.jsonl, queries.tsv, qrels.txt).", completion: .directory)
    var collections: [String] = []

    @Option(help: "Use (or build and keep) this index instead of a temporary one; one collection only.", completion: .file())
    var index: String?
    @Option(help: "Queries file (qid<TAB>text), instead of the folder's queries.tsv.", completion: .file()) var queries: String?
    @Option(help: "TREC qrels file (qid 0 docid rel), instead of the folder's qrels.txt.", completion: .file()) var qrels: String?
    @Option(help: "Write a TREC run file (qid Q0 docid rank score tag) of every ranker here.", completion: .file()) var runOut: String?
    @Flag(help: "One JSON object per collection.") var json = false
    @Flag(help: "Evaluate only our ranker (for parameter sweeps).") var skipBaseline = false
    @OptionGroup(title: "Ranking") var ranking: RankingFlags

    func validate() throws {
        guard !collections.isEmpty || (index != nil && queries != nil && qrels != nil) else {
            throw ValidationError("give a collection folder, or --index with --queries and --qrels")
        }
        guard collections.count <= 1 || index == nil else { throw ValidationError("--index works with one collection") }
    }

    func run() throws {
        var runFile = TrecRunWriter()
        let folders: [String?] = collections.isEmpty ? [nil] : collections
        var reports: [Evaluator.Report] = []
        for folder in folders {
            do {
                let collection = try TestCollection(folder: folder, queries: queries, qrels: qrels)
                let (store, temporary) = try openIndex(for: collection, folder: folder)
                defer { if let temporary { try? FileManager.default.removeItem(atPath: temporary) } }
                let engine = SearchEngine(store: store)
                let ours = ranking.applied(to: engine.storedParameters())
                var contenders: [Evaluator.Contender] = [.init(name: Ranker.bm25f.rawValue, ranker: .bm25f, parameters: ours)]
                if !skipBaseline { contenders.append(.init(name: Ranker.fts5.rawValue, ranker: .fts5)) }
                let report = Evaluator(engine: engine).evaluate(collection, contenders: contenders) { tag, query, ranking in
                    runFile.add(query: query, ranking: ranking, tag: tag)
                }
                reports.append(report)
            } catch {
                throw fail(error)
            }
        }
        if let runOut {
            _ = FileManager.default.createFile(atPath: runOut, contents: Data(runFile.text.utf8))
        }
        if json {
            for var report in reports {
                report.perQuery = nil
                print(try JSONOutput.text(report))
            }
        } else {
            print(EvalTable.render(reports))
        }
    }

    private func openIndex(for collection: TestCollection, folder: String?) throws -> (IndexStore, String?) {
        if let index, FileManager.default.fileExists(atPath: index) {
            return (try IndexStore(path: index), nil)
        }
        guard let documents = collection.documents else { throw EvaluationError.noDocuments(folder ?? "?") }
        let path = index ?? NSTemporaryDirectory() + "newssearch-eval-\(UUID().uuidString)/index.db"
        let store = try IndexStore(path: path, create: true)
        _ = try Indexer(store: store).run(roots: [documents])
        return (store, index == nil ? (path as NSString).deletingLastPathComponent : nil)
    }
}

/// The collection × ranker × measure table of `newssearch eval`; rankers are named as
/// `search --ranker` names them.
enum EvalTable {
    static let ours = Ranker.bm25f.rawValue, baseline = Ranker.fts5.rawValue

    static func render(_ reports: [Evaluator.Report]) -> String {
        var lines = ["collection  judged/queries  ranker    nDCG@10     MAP    P@10  R@100"]
        var sums: [String: (Double, Double, Double, Double)] = [:]
        for report in reports {
            for name in [ours, baseline] {
                guard let s = report.rankers[name] else { continue }
                lines.append(String(format: "%@ %6d/%-7d  %@  %7.4f %7.4f %7.4f %6.4f",
                                    QueryBenchTable.pad(report.collection, 11), report.judged, report.queries,
                                    QueryBenchTable.pad(name, 8), s.ndcg10, s.map, s.p10, s.recall100))
                let old = sums[name] ?? (0, 0, 0, 0)
                sums[name] = (old.0 + s.ndcg10, old.1 + s.map, old.2 + s.p10, old.3 + s.recall100)
            }
            if let mine = report.rankers[ours], let base = report.rankers[baseline], base.ndcg10 > 0 {
                lines.append(String(format: "%@ nDCG@10 %@ vs %@: %+.1f %%", QueryBenchTable.pad("", 11), ours, baseline,
                                    (mine.ndcg10 / base.ndcg10 - 1) * 100))
            }
        }
        if reports.count > 1, let mine = sums[ours], let base = sums[baseline] {
            let n = Double(reports.count)
            lines.append(String(format: "mean        %@ nDCG@10 %.4f MAP %.4f; %@ nDCG@10 %.4f MAP %.4f; nDCG@10 %+.1f %%",
                                ours, mine.0 / n, mine.1 / n, baseline, base.0 / n, base.1 / n, (mine.0 / base.0 - 1) * 100))
        }
        return lines.joined(separator: "\n")
    }
}
