import Foundation
import NewsSearch

/// Runs a test collection's queries against an index with several rankers and scores
/// the rankings (``Measures``).
///
/// Every query runs as natural language: its words, lowercased and without
/// punctuation (``TestCollection/keywords(_:)``), in `--any` mode, top 1000 articles;
/// an article's external id is its document id. Queries with no relevant judged
/// document are skipped and counted.
public struct Evaluator {
    /// A ranker to evaluate and what to call it.
    public struct Contender: Sendable {
        public var ranker: Ranker
        /// Parameters to rank with; nil for the index's stored ones.
        public var parameters: RankingParameters?

        public init(ranker: Ranker, parameters: RankingParameters? = nil) {
            (self.ranker, self.parameters) = (ranker, parameters)
        }

        /// How the report names it: its ranker's name.
        public var name: String { ranker.rawValue }
    }

    /// Mean measures of one ranker.
    public struct Scores: Sendable, Codable, Equatable {
        public var ndcg10: Double
        public var map: Double
        public var p10: Double
        public var recall100: Double

        /// snake_case as every `--json` (a measure's cut-off after `_`).
        enum CodingKeys: String, CodingKey {
            case ndcg10 = "ndcg_10", map, p10 = "p_10", recall100 = "recall_100"
        }
    }

    /// What an evaluation found.
    public struct Report: Sendable, Codable {
        public var collection: String
        public var queries: Int
        public var judged: Int
        public var rankers: [String: Scores]
        /// Per-query nDCG@10 of each ranker, for significance checks and debugging.
        public var perQuery: [String: [String: Double]]?
    }

    public let engine: SearchEngine
    public let depth: Int
    /// Rank by scoring every match (``SearchOptions/exhaustive``), not the pruned search.
    public let exhaustive: Bool

    public init(engine: SearchEngine, depth: Int = 1000, exhaustive: Bool = false) {
        (self.engine, self.depth, self.exhaustive) = (engine, depth, exhaustive)
    }

    /// Runs every judged query with every contender; `run` receives each ranking.
    public func evaluate(_ collection: TestCollection, contenders: [Contender],
                         run: (String, String, [Measures.Ranked]) -> Void = { _, _, _ in }) -> Report {
        let judged = collection.queries.filter { query in
            (collection.qrels[query.id] ?? [:]).values.contains { $0 > 0 }
        }
        var rankers: [String: Scores] = [:]
        var perQuery: [String: [String: Double]] = [:]
        for contender in contenders {
            var totals = Scores(ndcg10: 0, map: 0, p10: 0, recall100: 0)
            for query in judged {
                let ranking = rank(query.text, contender)
                run(contender.name, query.id, ranking)
                let documents = Measures.trecOrder(ranking, depth: depth)
                let judgements = collection.qrels[query.id] ?? [:]
                let ndcg = Measures.ndcg(documents, judgements: judgements, at: 10)
                perQuery[contender.name, default: [:]][query.id] = ndcg
                totals.ndcg10 += ndcg
                totals.map += Measures.averagePrecision(documents, judgements: judgements, depth: depth)
                totals.p10 += Measures.precision(documents, judgements: judgements, at: 10)
                totals.recall100 += Measures.recall(documents, judgements: judgements, at: 100)
            }
            let n = Double(max(1, judged.count))
            func round4(_ value: Double) -> Double { (value / n * 10_000).rounded() / 10_000 }
            rankers[contender.name] = Scores(ndcg10: round4(totals.ndcg10), map: round4(totals.map),
                                             p10: round4(totals.p10), recall100: round4(totals.recall100))
        }
        return Report(collection: collection.name, queries: collection.queries.count, judged: judged.count,
                      rankers: rankers, perQuery: perQuery)
    }

    private func rank(_ text: String, _ contender: Contender) -> [Measures.Ranked] {
        var options = SearchOptions()
        options.mode = .any
        options.limit = depth
        options.ranker = contender.ranker
        options.parameters = contender.parameters
        options.snippet = nil
        options.exhaustive = exhaustive
        guard let results = try? engine.search(TestCollection.keywords(text), options: options) else { return [] }
        return results.hits.map { Measures.Ranked(document: $0.article.externalID ?? String($0.article.id), score: $0.score) }
    }
}

/// Writes rankings as a standard TREC run file: `qid Q0 docid rank score tag`.
public struct TrecRunWriter {
    private var lines: [String] = []
    public init() {}

    public mutating func add(query: String, ranking: [Measures.Ranked], tag: String, depth: Int = 1000) {
        let ordered = ranking.sorted { $0.score != $1.score ? $0.score > $1.score : $0.document > $1.document }
        for (index, entry) in ordered.prefix(depth).enumerated() {
            lines.append("\(query) Q0 \(entry.document) \(index + 1) \(String(format: "%.6f", entry.score)) \(tag)")
        }
    }

    public var text: String { lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n") }
}
