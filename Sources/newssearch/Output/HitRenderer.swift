import Foundation
import NewsSearch

/// Renders search results for people: rank, title, heading, where, who, score, then
/// the snippet; a summary line at the end.
///
/// Every piece of text from the index goes through ``text(_:)``: sanitised for the
/// terminal (``TerminalText``) and, for `--html`, HTML-escaped as well.
struct HitRenderer {
    enum SnippetStyle {
        case plain, ansi, html
        case markers(String, String)
    }

    var style: SnippetStyle
    var colour: Bool
    /// Terminal columns to wrap snippets to; nil: no wrapping.
    var width: Int? = nil
    /// What was asked, for the summary line's advice.
    var request = ResultsSummary.Request()

    private var isHTML: Bool {
        if case .html = style { true } else { false }
    }

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// Already safe text drawn as a highlight in the snippet style.
    private func highlight(_ safe: String) -> String {
        switch style {
        case .plain: safe
        case .ansi: "\u{1B}[0;1;33m\(safe)\u{1B}[0;2m"
        case .html: "<mark>\(safe)</mark>"
        case let .markers(open, close): open + safe + close
        }
    }

    /// Data text made safe to print: controls escaped, HTML-escaped for `--html`.
    func text(_ value: String) -> String {
        let safe = TerminalText.sanitised(value)
        return isHTML ? Snippet.htmlEscaped(safe) : safe
    }

    func render(_ results: SearchResults) -> String {
        var out = ""
        for hit in results.hits { out += render(hit) + "\n" }
        if !results.expansion.isEmpty {
            out += paint("also searched for: " + text(results.expansion.joined(separator: ", ")), "2") + "\n"
        }
        var summary = ResultsSummary(request: request).line(for: results)
        if isHTML { summary = Snippet.htmlEscaped(summary) }
        out += paint(summary, "2") + "\n"
        return out
    }

    private func render(_ hit: SearchHit) -> String {
        var out = ""
        let heading = hit.section.heading.isEmpty ? "" : paint(" › " + text(hit.section.heading), "36")
        let title = hit.article.title.isEmpty ? "(untitled)" : text(hit.article.title)
        out += paint(String(format: "%2d. ", hit.rank), "2") + paint(title, "1") + heading + "\n"
        // `path:line` for text dumps, so that an editor can jump to the section.
        var location = "    " + text(hit.article.path) + (hit.article.line.map { ":\($0)" } ?? "")
        if hit.article.record > 1 || hit.article.externalID != nil { location += " #\(hit.article.record)" }
        if let id = hit.article.externalID { location += " (id " + text(id) + ")" }
        location += " [show \(hit.article.id)]"
        if let source = hit.article.source { location += " " + text(([source] + hit.article.categories.prefix(3)).joined(separator: "/")) }
        var details: [String] = []
        if let author = hit.article.author, !author.isEmpty {
            // An `author:` query matched here, not in the snippet: mark it as a match.
            details.append(request.matchesAuthor ? highlight(text(author)) : text(author))
        }
        if let seconds = hit.article.dateSeconds {
            details.append(String(CivilTime.iso8601(seconds: seconds).prefix(10)))
        } else if let date = hit.article.date, !date.isEmpty {
            details.append(text(date))
        }

        details.append(String(format: "score %.3f", hit.score))
        if hit.matchingSections > 1 { details.append("\(hit.matchingSections) matching sections") }
        out += paint(location + "  " + details.joined(separator: " · "), "2") + "\n"
        if let snippet = hit.snippet, !snippet.text.isEmpty {
            out += SnippetLayout(style: style, width: width).render(snippet)
        }
        for other in hit.otherSections {
            let name = other.heading.isEmpty ? "(lead)" : text(other.heading)
            out += paint("      also: " + name + String(format: " (score %.3f)", other.score), "2") + "\n"
        }
        if let explanation = hit.explanation { out += ExplanationRenderer(text: text).render(explanation) }
        return out
    }
}
