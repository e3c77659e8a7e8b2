import Foundation
import NewsSearch

/// Renders search results for people: rank, title, heading, where, who, score, then
/// the snippet; a summary line at the end.
struct HitRenderer {
    enum SnippetStyle {
        case plain, ansi, html
        case markers(String, String)
    }

    var style: SnippetStyle
    var colour: Bool

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func render(_ results: SearchResults) -> String {
        var out = ""
        for hit in results.hits {
            let heading = hit.section.heading.isEmpty ? "" : paint(" › \(hit.section.heading)", "36")
            out += paint(String(format: "%2d. ", hit.rank), "2") + paint(hit.article.title.isEmpty ? "(untitled)" : hit.article.title, "1") + heading + "\n"
            var location = "    \(hit.article.path)"
            if hit.article.record > 1 || hit.article.externalID != nil { location += " #\(hit.article.record)" }
            if let id = hit.article.externalID { location += " (id \(id))" }
            var details: [String] = []
            if let author = hit.article.author { details.append(author) }
            if let date = hit.article.date { details.append(date) }
            details.append(String(format: "score %.3f", hit.score))
            if hit.matchingSections > 1 { details.append("\(hit.matchingSections) matching sections") }
            out += paint(location + "  " + details.joined(separator: " · "), "2") + "\n"
            if let snippet = hit.snippet, !snippet.text.isEmpty {
                out += "    " + render(snippet) + "\n"
            }
            for other in hit.otherSections {
                let name = other.heading.isEmpty ? "(lead)" : other.heading
                out += paint(String(format: "      also: %@ (score %.3f)", name, other.score), "2") + "\n"
            }
            if let explanation = hit.explanation { out += ExplanationRenderer.render(explanation) }
            out += "\n"
        }
        if !results.expansion.isEmpty {
            out += paint("also searched for: " + results.expansion.joined(separator: ", "), "2") + "\n"
        }
        let shown = results.hits.isEmpty ? "no matches" : "showing \(results.hits.first!.rank)–\(results.hits.last!.rank)"
        out += paint(String(format: "%d matching %@, %@ (%.1f ms)\n", results.total,
                            results.total == 1 ? "article" : "articles", shown, results.timings.total * 1000), "2")
        return out
    }

    private func render(_ snippet: Snippet) -> String {
        switch style {
        case .plain: snippet.marked(open: "", close: "")
        case .ansi: snippet.ansi
        case .html: snippet.html
        case let .markers(open, close): snippet.marked(open: open, close: close)
        }
    }
}

/// Prints an ``Explanation`` as an indented tree, like Lucene's explain output.
enum ExplanationRenderer {
    static func render(_ explanation: Explanation) -> String {
        var out = String(format: "    %.4f = total (BM25F over %lld sections, k1 = %.2f)\n",
                         explanation.total, explanation.sections, explanation.k1)
        for phrase in explanation.phrases {
            let weight = phrase.weight == 1 ? "" : String(format: " × query weight %.2f (expansion term)", phrase.weight)
            out += String(format: "      %.4f = phrase %d: idf %.4f = ln(1 + (N - n + 0.5) / (n + 0.5)), n = %lld%@\n",
                          phrase.score, phrase.phrase, phrase.idf, phrase.documentFrequency, weight)
            for field in phrase.fields {
                out += String(format: "        %@: tf %d, length %d (average %.1f), weight %.2f, b %.2f\n",
                              field.field, field.tf, field.length, field.averageLength, field.weight, field.b)
            }
        }
        out += String(format: "      %.4f = proximity bonus\n", explanation.proximity)
        if explanation.coordination != 1 {
            out += String(format: "      × %.4f = coordination (share of the query's IDF matched)\n", explanation.coordination)
        }
        return out
    }
}
