import Testing
import NewsSearch
@testable import NewsSearchTools
import NewsSearchTestSupport

/// The latency benchmark compares arms run one after another on the same query; the
/// comparison is fair only if no arm runs first, or before another, more often.
@Suite struct LatencyBenchmarkTests {
    @Test func armOrdersAreEveryPermutationOnce() {
        let orders = LatencyBenchmark.orders
        #expect(Set(orders).count == 6)
        #expect(orders.allSatisfy { $0.sorted() == [0, 1, 2] })
        for arm in 0..<3 {
            for position in 0..<3 {
                #expect(orders.filter { $0[position] == arm }.count == 2)
            }
            for other in 0..<3 where other != arm {
                let before = orders.filter { $0.firstIndex(of: arm)! < $0.firstIndex(of: other)! }.count
                #expect(before == 3)
            }
        }
    }

    /// A benchmark of an index of the seeds made in `directory`: `runs` runs a query, no
    /// warm-up, the arms asked for (all by default).
    private func seedBenchmark(in directory: TemporaryDirectory, runs: Int, arms: Set<Int>? = nil) throws -> LatencyBenchmark {
        var options = LatencyBenchmark.Options()
        options.runs = runs
        options.warmup = 0
        if let arms { options.arms = arms }
        return LatencyBenchmark(engine: try makeEngine(indexing: directory, roots: [TestSupport.seedsDirectory]), options: options)
    }

    @Test func latencyBenchmarkReportsEveryArm() throws {
        let directory = TemporaryDirectory()
        let benchmark = try seedBenchmark(in: directory, runs: 2)
        let report = benchmark.run(
            [BenchmarkQuery(text: "korea", mode: .all), BenchmarkQuery(text: "\"border closure\"", mode: .all),
             BenchmarkQuery(text: "(", mode: .all)])
        #expect(report.queries == 2)
        #expect(report.skipped == 1)
        #expect(report.ours.count == 4)
        #expect(report.baseline.count == 4)
        #expect(report.ours.p50_ms > 0)
        #expect(report.by_class["phrase"]?.queries == 1)
        #expect(report.by_form.isEmpty, "queries not made from a query-log line have no form")
        let forms = benchmark.run(BenchmarkQuery.expand("border closure", forms: [.and, .phrase]))
        #expect(forms.by_form["and"]?.ours.count == 2)
        #expect(forms.by_form["phrase"]?.queries == 1)
    }

    @Test func oneArmAloneIsTimedAndEachQueryGetsItsMedians() throws {
        let directory = TemporaryDirectory()
        let report = try seedBenchmark(in: directory, runs: 3, arms: [0]).run(
            [BenchmarkQuery(text: "korea", mode: .all), BenchmarkQuery(text: "zzqx", mode: .all)])
        #expect(report.ours.count == 6)
        #expect(report.ours_no_snippets.count == 0, "arms not asked for are not run")
        #expect(report.baseline.count == 0)
        let perQuery = try #require(report.per_query)
        #expect(perQuery.map(\.query) == ["korea", "zzqx"])
        #expect(perQuery.allSatisfy { $0.ours_ms > 0 && $0.baseline_ms == 0 })
        #expect(perQuery[0].hits > 0)
        #expect(perQuery[1].hits == 0)
    }
}
