import Testing
import NewsSearch
@testable import NewsSearchTools

@Suite struct BenchmarkQueryTests {
    @Test func queryLogLinesExpandIntoForms() {
        let forms = BenchmarkQuery.expand("plus size clothing", forms: [.and, .keyword, .phrase])
        #expect(forms.map(\.text) == ["plus size clothing", "plus size clothing", "\"plus size clothing\""])
        #expect(forms.map(\.queryClass) == [.severalWords, .or, .phrase])
        #expect(forms.map(\.form) == [.and, .keyword, .phrase])
        #expect(BenchmarkQuery.expand("obituaries", forms: [.and, .keyword, .phrase]).map(\.queryClass) == [.oneWord])
        #expect(BenchmarkQuery(text: "denuclear*", mode: .all).queryClass == .prefix)
    }
}
