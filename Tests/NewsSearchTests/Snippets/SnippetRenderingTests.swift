import Testing
@testable import NewsSearch

@Suite struct SnippetRenderingTests {
    let snippet = Snippet(text: "Café <b> & “quotes”", highlights: [0..<5, 15..<21])

    @Test func markers() {
        #expect(snippet.marked(open: "[", close: "]") == "[Café] <b> & “[quotes]”")
    }

    @Test func htmlEscapesEverything() {
        #expect(snippet.html == "<mark>Café</mark> &lt;b&gt; &amp; “<mark>quotes</mark>”")
    }

    @Test func ansiBoldsOnlyHighlights() {
        #expect(snippet.ansi == "\u{1B}[1;33mCafé\u{1B}[0m <b> & “\u{1B}[1;33mquotes\u{1B}[0m”")
    }
}
