import ArgumentParser
import Foundation
import NewsSearch
import NewsSearchTools

/// `newssearch eval`: nDCG@10, MAP, P@10 and Recall@100 of two rankers (ours and FTS5's
/// unless `--compare` or `--ranker` says otherwise), with a paired significance test.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure ranking quality on a test collection (docs.jsonl, queries.tsv, qrels.txt).",
        discussion: """
            Indexes the collection's docs.jsonl into a temporary index (or uses --index), runs every query \
            as natural language (--any) with our ranker (bm25f, as `search --ranker bm25f`) and with FTS5's \
            bm25() (fts5), and prints nDCG@10, MAP (top 1000), P@10 and Recall@100 with trec_eval's definitions, \
            each collection's change in nDCG@10, MAP and P@10, and the two-sided p-value of a paired \
            randomisation test on per-query nDCG@10. --compare A,B picks the two rankers (B is the reference); \
            --ranker NAME evaluates one. Ranking flags apply to bm25f.

            Examples:
              newssearch eval ../shared/corpora/ir/cranfield
              newssearch eval ../shared/corpora/ir/* --compare bm25f,fts5 --k1 1.5
              newssearch eval --index /tmp/c.db --queries q.tsv --qrels qrels.txt --k1 1.5 --skip-baseline
            """)

    @Argument(help: "Collection folders (each with docs.jsonl, queries.tsv, qrels.txt).", completion: .directory)
    var collections: [String] = []

    @Option(help: "Use (or build and keep) this index instead of a temporary one; one collection only.", completion: .file())
    var index: String?
    @Option(help: "Queries file (qid<TAB>text), instead of the folder's queries.tsv.", completion: .file()) var queries: String?
    @Option(help: "TREC qrels file (qid 0 docid rel), instead of the folder's qrels.txt.", completion: .file()) var qrels: String?
    @Option(help: "Write a TREC run file (qid Q0 docid rank score tag) of every ranker here.", completion: .file()) var runOut: String?
    @Flag(help: "Rank by scoring every match (the reference path) instead of the pruned search.") var exhaustive = false
    @Flag(help: "One JSON object per collection.") var json = false
    @Flag(help: "Evaluate only our ranker (for parameter sweeps); the same as --ranker bm25f.") var skipBaseline = false
    @Option(help: "Evaluate only this ranker (\(Ranker.allCases.map(\.rawValue).joined(separator: ", "))).") var ranker: Ranker?
    @Option(help: "Two rankers A,B: A's change over B per collection, with significance (default bm25f,fts5).")
    var compare: RankerPair?
    @Flag(help: "With --json, include each ranker's per-query nDCG@10.") var perQuery = false
    @OptionGroup(title: "Ranking") var ranking: RankingFlags

    func validate() throws {
        guard !collections.isEmpty || (index != nil && queries != nil && qrels != nil) else {
            throw ValidationError("give a collection folder, or --index with --queries and --qrels")
        }
        guard collections.count <= 1 || index == nil else { throw ValidationError("--index works with one collection") }
        guard [ranker != nil, compare != nil, skipBaseline].filter({ $0 }).count <= 1 else {
            throw ValidationError("give only one of --ranker, --compare and --skip-baseline")
        }
    }

    /// The rankers to run, the compared one first.
    private var rankers: [Ranker] {
        if let ranker { return [ranker] }
        if skipBaseline { return [.bm25f] }
        let pair = compare ?? RankerPair(first: .bm25f, second: .fts5)
        return [pair.first, pair.second]
    }

    func run() throws {
        HeapTuning.keepLargeBuffers()
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
                let contenders = rankers.map { Evaluator.Contender(ranker: $0, parameters: $0 == .bm25f ? ours : nil) }
                let report = Evaluator(engine: engine, exhaustive: exhaustive).evaluate(collection, contenders: contenders) { tag, query, ranking in
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
                if !perQuery { report.perQuery = nil }
                print(try JSONOutput.text(report))
            }
        } else {
            print(EvalTable.render(reports, rankers: rankers.map(\.rawValue)))
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

/// Two ranker names separated by a comma, as `--compare bm25f,fts5` takes them.
struct RankerPair: ExpressibleByArgument {
    var first: Ranker
    var second: Ranker

    init(first: Ranker, second: Ranker) {
        self.first = first
        self.second = second
    }

    init?(argument: String) {
        let names = argument.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        guard names.count == 2, let first = Ranker(rawValue: names[0]), let second = Ranker(rawValue: names[1]),
              first != second else { return nil }
        self.init(first: first, second: second)
    }

    static var defaultCompletionKind: CompletionKind { .list(["bm25f,fts5", "fts5,bm25f"]) }
}
