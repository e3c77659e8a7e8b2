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

    @Test func oneArmAloneIsTimedAndEachQueryGetsItsMedians() throws {
        let directory = TemporaryDirectory()
        let engine = try makeEngine(indexing: directory, roots: [TestSupport.seedsDirectory])
        var options = LatencyBenchmark.Options()
        options.runs = 3
        options.warmup = 0
        options.arms = [0]
        let report = LatencyBenchmark(engine: engine, options: options).run(
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
