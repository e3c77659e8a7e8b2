import Testing
@testable import NewsSearch

@Suite struct BenchmarkQueryTests {
    @Test func queryLogLinesExpandIntoForms() {
        let forms = BenchmarkQuery.expand("plus size clothing", forms: [.and, .keyword, .phrase])
        #expect(forms.map(\.text) == ["plus size clothing", "plus size clothing", "\"plus size clothing\""])
        #expect(forms.map(\.queryClass) == [.severalWords, .or, .phrase])
        #expect(BenchmarkQuery.expand("obituaries", forms: [.and, .keyword, .phrase]).map(\.queryClass) == [.oneWord])
        #expect(BenchmarkQuery(text: "denuclear*", mode: .all).queryClass == .prefix)
    }

    @Test func latencyBenchmarkReportsEveryArm() throws {
        let directory = TemporaryDirectory()
        let engine = try makeEngine(indexing: directory, roots: [TestSupport.seedsDirectory])
        var options = LatencyBenchmark.Options()
        options.runs = 2
        options.warmup = 0
        let report = LatencyBenchmark(engine: engine, options: options).run(
            [BenchmarkQuery(text: "korea", mode: .all), BenchmarkQuery(text: "\"border closure\"", mode: .all),
             BenchmarkQuery(text: "(", mode: .all)])
        #expect(report.queries == 2)
        #expect(report.skipped == 1)
        #expect(report.ours.count == 4)
        #expect(report.baseline.count == 4)
        #expect(report.ours.p50_ms > 0)
        #expect(report.by_class["phrase"]?.queries == 1)
    }
}
