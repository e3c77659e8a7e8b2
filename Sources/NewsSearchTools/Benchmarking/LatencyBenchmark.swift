import Foundation
import NewsSearch

/// Measures query latency through the real search path against FTS5 alone, in one run.
///
/// Three arms run for every query, interleaved and in all six orders in turn so that cache
/// warmth and drift favour none: **ours** (parse, match, Swift BM25F ranking, grouping,
/// snippets), **ours without snippets**, and the **baseline**, FTS5 by itself:
/// `SELECT rowid … MATCH ? ORDER BY bm25() LIMIT k` with the query compiled beforehand,
/// no Swift work per row. Warm-up rounds are run and discarded.
public struct LatencyBenchmark {
    public struct Options: Sendable {
        public var limit = 10
        public var runs = 5
        public var warmup = 1
        /// Evict the OS page cache and SQLite's caches before every query (`--cold`).
        public var cold = false
        public var parameters: RankingParameters?
        public var snippet = SnippetOptions()
        /// Dates, sort, recency, filters and facets every measured search of ours uses
        /// (`bench --since/--sort/--facets …`), to compare with the same queries without.
        public var narrowing = SearchOptions()
        /// The arms to run (0 ours, 1 ours without snippets, 2 the FTS5 baseline); fewer
        /// than all three to profile one alone (`bench --arms ours`).
        public var arms: Set<Int> = [0, 1, 2]
        public init() {}
    }

    /// Everything one benchmark run measured.
    public struct Report: Sendable, Codable {
        public var queries: Int
        public var skipped: Int
        public var runs: Int
        public var ours: LatencySummary
        public var ours_no_snippets: LatencySummary
        public var baseline: LatencySummary
        /// Ours (with snippets) over the baseline.
        public var ratio: LatencyRatio
        /// Ours without snippets over the baseline: the ranking cost alone.
        public var ratio_no_snippets: LatencyRatio
        /// Ours with snippets over ours without: what snippets add.
        public var snippet_overhead: LatencyRatio
        public var stages: [String: LatencySummary]
        public var by_class: [String: ClassReport]
        /// The same figures per query-log form (`and`, `keyword`, `phrase`), for the
        /// comparison with a peer engine that runs the same forms.
        public var by_form: [String: ClassReport]
        public var cold: Bool
        public var cold_note: String?
        /// Each query's median per arm over the measured rounds, in query order (left
        /// out of `--json`; `bench --per-query FILE` writes it as a table).
        public var per_query: [QueryTiming]?
    }

    /// One query's medians over the measured rounds (`bench --per-query FILE`), to find
    /// the queries that carry a percentile.
    public struct QueryTiming: Sendable, Codable {
        public var form: String
        public var query: String
        public var hits: Int
        public var ours_ms: Double
        public var ours_no_snippets_ms: Double
        public var baseline_ms: Double
    }

    /// One query class's figures.
    public struct ClassReport: Sendable, Codable {
        public var queries: Int
        public var ours: LatencySummary
        public var ours_no_snippets: LatencySummary
        public var baseline: LatencySummary
        public var ratio: LatencyRatio
    }

    public let engine: SearchEngine
    public let options: Options

    public init(engine: SearchEngine, options: Options = Options()) {
        (self.engine, self.options) = (engine, options)
    }

    private struct Arms {
        var ours = LatencyRecorder()
        var oursNoSnippets = LatencyRecorder()
        var baseline = LatencyRecorder()

        mutating func record(arm: Int, seconds: Double) {
            switch arm {
            case 0: ours.record(seconds: seconds)
            case 1: oursNoSnippets.record(seconds: seconds)
            default: baseline.record(seconds: seconds)
            }
        }
    }

    /// Every order of the three arms (0 ours, 1 ours without snippets, 2 baseline):
    /// each arm runs in each position, and before each other arm, equally often.
    static let orders = [[0, 1, 2], [1, 0, 2], [2, 0, 1], [0, 2, 1], [1, 2, 0], [2, 1, 0]]

    public func run(_ queries: [BenchmarkQuery]) -> Report {
        var runnable: [(BenchmarkQuery, String)] = []
        for query in queries {
            if let match = try? SearchEngine.compile(query.text, mode: query.mode) { runnable.append((query, match)) }
        }
        var total = Arms()
        var byClass: [BenchmarkQuery.QueryClass: Arms] = [:]
        var byForm: [BenchmarkQuery.Form: Arms] = [:]
        var stages = ["parse": LatencyRecorder(), "match_rank": LatencyRecorder(), "snippets": LatencyRecorder(), "total": LatencyRecorder()]
        let parameters = options.parameters ?? engine.storedParameters()
        var coldNote: String?
        var samples = [[[Double]]](repeating: [[], [], []], count: runnable.count)
        var hitCounts = [Int](repeating: 0, count: runnable.count)

        for round in 0..<(options.warmup + options.runs) {
            let measured = round >= options.warmup
            for (index, (query, match)) in runnable.enumerated() {
                var withSnippets = SearchOptions()
                withSnippets.limit = options.limit
                withSnippets.mode = query.mode
                withSnippets.parameters = parameters
                withSnippets.snippet = options.snippet
                let narrowing = options.narrowing
                (withSnippets.since, withSnippets.until, withSnippets.sort) = (narrowing.since, narrowing.until, narrowing.sort)
                (withSnippets.filters, withSnippets.facets) = (narrowing.filters, narrowing.facets)
                withSnippets.recencyHalfLife = narrowing.recencyHalfLife
                withSnippets.exhaustive = narrowing.exhaustive
                var without = withSnippets
                without.snippet = nil

                var timings: [Int: Double] = [:]
                var stageTimings = SearchTimings()
                // The order of the three arms goes through all six permutations from
                // query to query and round to round. Whichever of our two arms runs a
                // query first is 20-40 µs slower (measured on queries with no hit, where
                // both do the same work), so a plain rotation, which put "with snippets"
                // before "without" in two orders of three, charged snippets for it.
                for arm in Self.orders[(index + round) % Self.orders.count] where options.arms.contains(arm) {
                    if options.cold, let note = evictCaches() { coldNote = note }
                    let start = ContinuousClock.now
                    switch arm {
                    case 0:
                        if let results = try? engine.search(query.text, options: withSnippets) {
                            stageTimings = results.timings
                            hitCounts[index] = results.hits.count
                        }
                    case 1:
                        _ = try? engine.search(query.text, options: without)
                    default:
                        _ = try? engine.baselineTopSections(match: match, limit: options.limit)
                    }
                    timings[arm] = start.duration(to: .now).seconds
                }
                guard measured else { continue }
                for (arm, seconds) in timings {
                    samples[index][arm].append(seconds)
                    total.record(arm: arm, seconds: seconds)
                    byClass[query.queryClass, default: Arms()].record(arm: arm, seconds: seconds)
                    if let form = query.form { byForm[form, default: Arms()].record(arm: arm, seconds: seconds) }
                }
                stages["parse"]!.record(seconds: stageTimings.parse)
                stages["match_rank"]!.record(seconds: stageTimings.rank)
                stages["snippets"]!.record(seconds: stageTimings.snippets)
                stages["total"]!.record(seconds: stageTimings.total)
            }
        }
        let queriesPerClass = Dictionary(grouping: runnable, by: { $0.0.queryClass }).mapValues(\.count)
        let queriesPerForm = Dictionary(grouping: runnable.filter { $0.0.form != nil }, by: { $0.0.form! }).mapValues(\.count)
        func report(_ arms: Arms, queries: Int) -> ClassReport {
            ClassReport(queries: queries, ours: arms.ours.summary, ours_no_snippets: arms.oursNoSnippets.summary,
                        baseline: arms.baseline.summary, ratio: LatencyRatio(arms.ours.summary, over: arms.baseline.summary))
        }
        return Report(
            queries: runnable.count, skipped: queries.count - runnable.count, runs: options.runs,
            ours: total.ours.summary, ours_no_snippets: total.oursNoSnippets.summary, baseline: total.baseline.summary,
            ratio: LatencyRatio(total.ours.summary, over: total.baseline.summary),
            ratio_no_snippets: LatencyRatio(total.oursNoSnippets.summary, over: total.baseline.summary),
            snippet_overhead: LatencyRatio(total.ours.summary, over: total.oursNoSnippets.summary),
            stages: stages.mapValues(\.summary),
            by_class: Dictionary(uniqueKeysWithValues: byClass.map { ($0.key.rawValue, report($0.value, queries: queriesPerClass[$0.key] ?? 0)) }),
            by_form: Dictionary(uniqueKeysWithValues: byForm.map { ($0.key.rawValue, report($0.value, queries: queriesPerForm[$0.key] ?? 0)) }),
            cold: options.cold, cold_note: coldNote,
            per_query: runnable.indices.map { index in
                func median(_ arm: Int) -> Double {
                    let sorted = samples[index][arm].sorted()
                    guard !sorted.isEmpty else { return 0 }
                    let middle = sorted.count / 2
                    let value = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
                    return (value * 1e6).rounded() / 1000
                }
                let query = runnable[index].0
                return QueryTiming(form: query.form?.rawValue ?? query.queryClass.rawValue, query: query.text, hits: hitCounts[index],
                                   ours_ms: median(0), ours_no_snippets_ms: median(1), baseline_ms: median(2))
            })
    }

    /// Drops the OS page cache (Linux, root only) and SQLite's page caches. Returns a
    /// note when the OS cache could not be dropped.
    private func evictCaches() -> String? {
        engine.store.releaseMemory()
        guard let handle = FileHandle(forWritingAtPath: "/proc/sys/vm/drop_caches") else {
            return "cannot write /proc/sys/vm/drop_caches (needs root on Linux): the OS page cache stayed warm; only SQLite's caches were dropped"
        }
        defer { try? handle.close() }
        sync()
        do {
            try handle.write(contentsOf: Data("1\n".utf8))
            return nil
        } catch {
            return "the OS refused to drop its page cache (\(error)): only SQLite's caches were dropped"
        }
    }
}
