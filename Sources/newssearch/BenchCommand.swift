import ArgumentParser
import Foundation
import NewsSearch
import NewsSearchTools

/// `newssearch bench`: query latency against FTS5 alone, or index throughput against bare FTS5.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure query latency (--queries) or index throughput (--indexing) against FTS5 alone.",
        discussion: """
            With --queries, every query runs through the real search path (parse, match, Swift ranking, \
            snippets), through the same path without snippets, and through FTS5 alone (ORDER BY bm25() \
            LIMIT k), interleaved in one run; figures are reported as ratios to that baseline.

            With --indexing DIR..., a full index run is timed against inserting the same sections into a \
            bare FTS5 table.

            Examples:
              newssearch bench --queries queries.txt --forms and,phrase --runs 5
              newssearch bench --queries queries.txt --compare-snippets
              newssearch bench --indexing ../shared/corpora/bbc --rounds 3
            """)

    @OptionGroup var location: IndexLocation

    @Option(help: "A file of queries, one per line.", completion: .file()) var queries: String?
    @Option(help: "Run each query-log line as: and, keyword, phrase (comma-separated).") var forms = "and"
    @Option(help: "Use at most this many lines of the query file.") var maxQueries: Int?
    @Option(help: "Hits per query.") var limit = 10
    @Option(help: "Measured rounds over all queries.") var runs = 5
    @Option(help: "Discarded warm-up rounds.") var warmup = 1
    @Flag(help: "Evict the OS page cache and SQLite's caches before every query.") var cold = false
    @Option(parsing: .upToNextOption, help: ArgumentHelp("Benchmark indexing these directories instead.", valueName: "dir"), completion: .directory)
    var indexing: [String] = []
    @Option(help: "Alternating rounds of --indexing (the medians are reported).") var rounds = 3
    @Option(help: "Where --indexing writes its scratch indexes.") var scratch = NSTemporaryDirectory() + "newssearch-bench"
    @Flag(help: "With --queries: compare our snippets with FTS5's snippet() on the same hits instead of timing.")
    var compareSnippets = false
    @Option(help: "Our snippet length in characters for --compare-snippets.") var snippetLength = SnippetOptions.defaultLength
    @Option(parsing: .upToNextOption, help: ArgumentHelp("With --queries: search from several readers while `newssearch index` adds these directories to a copy of the index.", valueName: "dir"))
    var readersDuringIndex: [String] = []
    @Option(help: "Reader threads for --readers-during-index.") var readers = 4
    @Option(help: "Index-run batch sizes in MB for --readers-during-index, one run each (comma-separated; 0 = the default).")
    var batchSizes = "0,1000"
    @Option(help: "With --queries: also time this peer engine on the same sections and query forms (tantivy).")
    var peer: String?
    @Option(help: "The peer benchmark's script.", completion: .file())
    var peerScript = "Benchmarks/peers/run.sh"
    @Flag(help: "One JSON object.") var json = false
    @Option(help: ArgumentHelp("With --queries: the arms to time, of ours, no-snippets, fts5 (comma-separated); one alone to profile it.", valueName: "arms"))
    var arms = "ours,no-snippets,fts5"
    @Option(help: ArgumentHelp("With --queries: write each query's median times per arm to this file (tab-separated, slowest first).", valueName: "file"),
            completion: .file())
    var perQuery: String?
    @Flag(help: "Time our arms scoring every match (the reference path) instead of the pruned search.") var exhaustive = false
    @OptionGroup(title: "Ranking") var ranking: RankingFlags
    @OptionGroup(title: "Dates and filters (applied to our searches)") var workflow: WorkflowFlags
    @Option(help: "With --queries: sort our searches by relevance, newest or oldest.") var sort: SearchSort = .relevance
    @Option(help: ArgumentHelp("With --queries: count these facets in our searches (comma-separated).", valueName: "fields"))
    var facets: String?

    func validate() throws {
        guard queries != nil || !indexing.isEmpty else { throw ValidationError("give --queries FILE or --indexing DIR...") }
        guard runs > 0, warmup >= 0, limit > 0 else { throw ValidationError("--runs and --limit must be positive") }
    }

    func run() throws {
        if !indexing.isEmpty {
            try runIndexing()
        } else if let queries, !readersDuringIndex.isEmpty {
            try runReadersDuringIndex(file: queries)
        } else if let queries {
            try runQueries(file: queries)
        }
    }

    func emit<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    private func runIndexing() throws {
        let report: IndexBenchmark.Report
        do {
            report = try IndexBenchmark(roots: indexing, scratch: scratch, rounds: rounds).run()
        } catch {
            throw fail(error)
        }
        if json { return try emit(report) }
        print("indexed \(Counted.noun(report.files, "file")): \(Counted.noun(report.articles, "article")), "
              + "\(Counted.noun(report.sections, "section")), " + String(format: "%.1f MB of text", report.text_mb))
        print(String(format: "ours:  %7.2f s  %6.2f MB/s   (walk, parse, write, merge)", report.ours_seconds, report.ours_mb_per_s))
        print(String(format: "bare:  %7.2f s  %6.2f MB/s   (FTS5 inserts of the same sections only)", report.bare_seconds, report.bare_mb_per_s))
        print(String(format: "ratio: %.3f of bare FTS5 throughput; peak RSS %.1f MiB", report.ratio, report.peak_rss_mib))
    }

    private func runQueries(file: String) throws {
        HeapTuning.keepLargeBuffers()
        let (lines, benchmarkQueries) = try readQueries(file: file)
        let engine: SearchEngine
        do {
            engine = try SearchEngine(store: location.store())
            if compareSnippets {
                let report = try SnippetComparison(engine: engine, snippet: SnippetOptions(length: snippetLength)).run(benchmarkQueries)
                if json { return try emit(report) }
                print("\(report.queries) \(report.queries == 1 ? "query" : "queries") with hits; snippets of their top-10 hits, ours vs FTS5 snippet():")
                for (name, shares) in [("ours", report.ours), ("fts5", report.fts5)] {
                    print(String(format: "  %@: %d snippets of %.0f characters on average, %.1f %% show every matched term, %.1f %% cut a sentence, %.1f %% of %d phrase highlights whole",
                                 name, shares.snippets, shares.mean_characters, shares.covering_all_terms * 100,
                                 shares.cutting_mid_sentence * 100, shares.phrases_as_one_span * 100, shares.phrase_highlights))
                }
                return
            }
        } catch {
            throw fail(error)
        }
        var options = LatencyBenchmark.Options()
        options.limit = limit
        options.runs = runs
        options.warmup = warmup
        options.cold = cold
        let armNames = ["ours": 0, "no-snippets": 1, "fts5": 2]
        options.arms = Set(try arms.split(separator: ",").map { name in
            guard let arm = armNames[String(name)] else { throw ValidationError("--arms: `\(name)` is not one of ours, no-snippets, fts5") }
            return arm
        })
        options.parameters = ranking.isEmpty ? nil : ranking.applied(to: engine.storedParameters())
        try workflow.apply(to: &options.narrowing)
        options.narrowing.sort = sort
        options.narrowing.exhaustive = exhaustive
        options.narrowing.facets = try (facets ?? "").split(separator: ",").map { name in
            guard let field = FacetField(rawValue: String(name)) else { throw ValidationError("--facets: `\(name)` is not a facet") }
            return field
        }
        var report = LatencyBenchmark(engine: engine, options: options).run(benchmarkQueries)
        if let perQuery { try writePerQuery(report.per_query ?? [], to: perQuery) }
        report.per_query = nil
        let startup = measureStartup(query: lines.first ?? "news")
        var comparison: PeerBenchmark.Comparison?
        if let peer {
            guard peer == "tantivy" else { throw ValidationError("--peer knows tantivy only") }
            let forms = self.forms.split(separator: ",").compactMap { BenchmarkQuery.Form(rawValue: String($0)) }
            let run = PeerBenchmark(script: peerScript, indexPath: location.path, queries: file, forms: forms, runs: runs,
                                    warmup: warmup, limit: limit, maxQueries: maxQueries, scratch: scratch + "/peers")
            do {
                let (figures, index) = try run.run()
                comparison = PeerBenchmark.compare(report, peer: figures, index: index)
            } catch {
                throw fail(error)
            }
        }
        if json {
            return try emit(QueryBenchJSON(report: report, startup: startup, peer: comparison))
        }
        print(QueryBenchTable.render(report, startup: startup))
        if let comparison { print(PeerBenchmark.render(comparison, report: report)) }
    }

    /// The query file's lines and the benchmark queries made from them in `--forms`.
    func readQueries(file: String) throws -> (lines: [String], queries: [BenchmarkQuery]) {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw fail(ValidationError("cannot read query file \(file)"))
        }
        let parsedForms = forms.split(separator: ",").compactMap { BenchmarkQuery.Form(rawValue: String($0)) }
        guard !parsedForms.isEmpty else { throw ValidationError("--forms takes and, keyword, phrase") }
        var lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        if let maxQueries { lines = Array(lines.prefix(maxQueries)) }
        return (lines, lines.flatMap { BenchmarkQuery.expand($0, forms: parsedForms) })
    }

    /// The per-query medians as a tab-separated table, slowest (ours with snippets) first.
    private func writePerQuery(_ timings: [LatencyBenchmark.QueryTiming], to path: String) throws {
        var table = "form\thits\tours_ms\tours_no_snippets_ms\tbaseline_ms\tquery\n"
        for timing in timings.sorted(by: { $0.ours_ms > $1.ours_ms }) {
            table += "\(timing.form)\t\(timing.hits)\t\(timing.ours_ms)\t\(timing.ours_no_snippets_ms)\t\(timing.baseline_ms)\t\(timing.query)\n"
        }
        do {
            try table.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw fail(ValidationError("cannot write --per-query file \(path)"))
        }
    }

    /// Times whole `newssearch search` processes, start to exit, for one query.
    private func measureStartup(query: String) -> LatencySummary? {
        guard let executable = Bundle.main.executablePath else { return nil }
        return ProcessStartup.time(executable: executable, arguments: ["search", query, "--index", location.path, "--color", "never"])
    }
}

/// `bench --queries --json`: the latency report plus the whole-process start-up time.
struct QueryBenchJSON: Encodable {
    var report: LatencyBenchmark.Report
    var startup: LatencySummary?
    var peer: PeerBenchmark.Comparison?

    func encode(to encoder: Encoder) throws {
        try report.encode(to: encoder)
        try peer?.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encodeIfPresent(startup, forKey: Key(stringValue: "process_startup")!)
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
