import NewsSearch

/// The body of `GET /api/search`: `{"hits": [ … ], "summary": { … }}`, where each hit
/// and the summary are exactly the objects `newssearch search --json` prints, one per line.
enum SearchResponse {
    static func json(_ results: SearchResults) -> String {
        var text = #"{"hits":["#
        text += results.hits.map(SearchJSON.line(for:)).joined(separator: ",")
        text += #"],"summary":"#
        text += SearchJSON.summaryLine(for: results)
        text += "}"
        return text
    }

    /// The search's stages as `Server-Timing` entries.
    static func timing(_ results: SearchResults) -> String {
        let timings = results.timings
        return [("parse", timings.parse), ("rank", timings.rank), ("snippets", timings.snippets), ("search", timings.total)]
            .map { "\($0.0);dur=\(ServerTiming.milliseconds(seconds: $0.1))" }
            .joined(separator: ", ")
    }
}
