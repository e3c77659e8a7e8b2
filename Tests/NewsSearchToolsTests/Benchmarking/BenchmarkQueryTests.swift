import Testing
import NewsSearch
@testable import NewsSearchTools
import NewsSearchTestSupport

@Suite struct BenchmarkQueryTests {
    @Test func queryLogLinesExpandIntoForms() {
        let forms = BenchmarkQuery.expand("plus size clothing", forms: [.and, .keyword, .phrase])
        #expect(forms.map(\.text) == ["plus size clothing", "plus size clothing", "\"plus size clothing\""])
        #expect(forms.map(\.queryClass) == [.severalWords, .or, .phrase])
        #expect(forms.map(\.form) == [.and, .keyword, .phrase])
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
        #expect(report.by_form.isEmpty, "queries not made from a query-log line have no form")
        let forms = LatencyBenchmark(engine: engine, options: options).run(BenchmarkQuery.expand("border closure", forms: [.and, .phrase]))
        #expect(forms.by_form["and"]?.ours.count == 2)
        #expect(forms.by_form["phrase"]?.queries == 1)
    }
}
