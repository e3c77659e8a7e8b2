import Foundation

/// The JSON Lines form of search results (`newssearch search --json`), documented in
/// README: one `hit` object per hit, then one `summary` object. Snippet highlight
/// offsets are UTF-8 byte offsets into `snippet.text`, as in ripgrep's JSON output.
public enum SearchJSON {
    struct Hit: Encodable {
        var type = "hit"
        var rank: Int
        var score: Double
        var article: Article
        var section: Section
        var matching_sections: Int
        var other_sections: [Section]?
        var snippet: SnippetJSON?
        var explanation: Explanation?
    }

    struct Article: Encodable {
        var id: Int64
        var external_id: String?
        var title: String
        var path: String
        var record: Int
        var author: String?
        /// ISO 8601 UTC (`1987-06-18T11:38:23Z`), when the date could be read.
        var date: String?
        /// The date as found in the dump.
        var date_text: String?
        var url: String?
        var source: String?
        var category: [String]?
        /// The line of a text dump where the hit section starts.
        var line: Int?
    }

    struct Section: Encodable {
        var ordinal: Int
        var heading: String
        var score: Double?
    }

    struct SnippetJSON: Encodable {
        var text: String
        var highlights: [[Int]]
    }

    struct Summary: Encodable {
        var type = "summary"
        var query: String
        var match: String
        var expansion: [String]
        var total: Int
        var total_is_lower_bound: Bool
        var returned: Int
        var elapsed_ms: Double
        var facets: [String: [FacetCount]]?
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// The JSON line for one hit.
    public static func line(for hit: SearchHit) -> String {
        let article = hit.article
        let object = Hit(
            rank: hit.rank, score: (hit.score * 10_000).rounded() / 10_000,
            article: Article(id: article.id, external_id: article.externalID, title: article.title, path: article.path,
                             record: article.record, author: article.author,
                             date: article.dateSeconds.map { CivilTime.iso8601(seconds: $0) }, date_text: article.date,
                             url: article.url, source: article.source,
                             category: article.categories.isEmpty ? nil : article.categories, line: article.line),
            section: Section(ordinal: hit.section.ordinal, heading: hit.section.heading),
            matching_sections: hit.matchingSections,
            other_sections: hit.otherSections.isEmpty ? nil
                : hit.otherSections.map { Section(ordinal: $0.ordinal, heading: $0.heading, score: $0.score) },
            snippet: hit.snippet.map { SnippetJSON(text: $0.text, highlights: $0.highlights.map { [$0.lowerBound, $0.upperBound] }) },
            explanation: hit.explanation)
        return String(decoding: (try? encoder.encode(object)) ?? Data(), as: UTF8.self)
    }

    /// The closing summary line.
    public static func summaryLine(for results: SearchResults) -> String {
        let object = Summary(query: results.query, match: results.match, expansion: results.expansion, total: results.total,
                             total_is_lower_bound: results.totalIsLowerBound, returned: results.hits.count,
                             elapsed_ms: (results.timings.total * 1000 * 1000).rounded() / 1000,
                             facets: results.facets.isEmpty ? nil : results.facets)
        return String(decoding: (try? encoder.encode(object)) ?? Data(), as: UTF8.self)
    }
}
