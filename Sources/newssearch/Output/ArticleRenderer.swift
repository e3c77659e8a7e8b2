import NewsSearch

/// A stored article as `show` prints it, with the query's matches highlighted.
struct ArticleRenderer {
    var colour: Bool

    func render(_ stored: StoredArticle, highlights: [Int: (heading: [Range<Int>], body: [Range<Int>])]) -> String {
        let article = stored.article
        let safe = { (text: String) in TerminalText.sanitised(text) }
        var out = paint(article.title.isEmpty ? "(untitled)" : safe(article.title), "1") + "\n"
        var fields: [(String, String)] = [("id", "\(stored.id)"), ("file", safe(stored.path) + " #\(stored.record)")]
        if let id = article.externalID { fields.append(("external id", safe(id))) }
        if let author = article.author { fields.append(("author", safe(author))) }
        if let date = article.date {
            fields.append(("date", stored.isoDate.map { $0 + (date == $0 ? "" : " (" + safe(date) + ")") } ?? safe(date) + " (unreadable)"))
        }
        if let source = article.source { fields.append(("source", safe(source))) }
        if !article.categories.isEmpty { fields.append(("category", safe(article.categories.joined(separator: ", ")))) }
        if !article.places.isEmpty { fields.append(("place", safe(article.places.joined(separator: ", ")))) }
        if let lang = article.lang { fields.append(("lang", safe(lang))) }
        if let url = article.url { fields.append(("url", safe(url))) }
        for (name, value) in fields { out += paint(name + ": ", "2") + value + "\n" }
        for (ordinal, section) in article.sections.enumerated() {
            let marks = highlights[ordinal]
            out += "\n"
            if !section.heading.isEmpty { out += paint(marked(section.heading, marks?.heading ?? []), "1;36") + "\n" }
            out += marked(section.text, marks?.body ?? []) + "\n"
        }
        if !article.related.isEmpty {
            out += "\n" + paint("related:", "2") + "\n"
            for item in article.related { out += "  " + safe(item.title) + " — " + safe(item.teaser) + "\n" }
        }
        return out
    }

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m" + text + "\u{1B}[0m" : text
    }

    /// `text` made safe to print with each byte range highlighted (bold yellow, or
    /// `[`…`]` without colour).
    func marked(_ text: String, _ ranges: [Range<Int>]) -> String {
        let bytes = Array(text.utf8)
        var out = ""
        var cursor = 0
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where range.lowerBound >= cursor && range.upperBound <= bytes.count {
            out += TerminalText.sanitised(String(decoding: bytes[cursor..<range.lowerBound], as: UTF8.self))
            let match = TerminalText.sanitised(String(decoding: bytes[range], as: UTF8.self))
            out += colour ? "\u{1B}[1;33m" + match + "\u{1B}[0m" : "[" + match + "]"
            cursor = range.upperBound
        }
        return out + TerminalText.sanitised(String(decoding: bytes[cursor...], as: UTF8.self))
    }
}
