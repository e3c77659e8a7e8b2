import Foundation
import NewsSearch

/// The body of `GET /api/articles/{id}`: the object `newssearch show --json` prints; with
/// `q`, each section also gets `highlights` (and `heading_highlights`): `[start, end)`
/// UTF-8 byte ranges of the query's matches in its `text` (and `heading`).
enum ArticleResponse {
    static func json(_ article: StoredArticle, highlights: [Int: (heading: [Range<Int>], body: [Range<Int>])]?) -> Data {
        let line = Data(article.jsonLine.utf8)
        guard let highlights, var object = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
              var body = object["article"] as? [String: Any], var sections = body["sections"] as? [[String: Any]]
        else { return line }
        for index in sections.indices {
            let marks = highlights[index]
            sections[index]["highlights"] = (marks?.body ?? []).map { [$0.lowerBound, $0.upperBound] }
            sections[index]["heading_highlights"] = (marks?.heading ?? []).map { [$0.lowerBound, $0.upperBound] }
        }
        body["sections"] = sections
        object["article"] = body
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? line
    }
}
