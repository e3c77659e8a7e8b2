import Foundation
import NewsSearch

/// The search a `GET /api/search` (or `/api/timeline`) asks for, read and checked from
/// its query string: `q`, `limit`, `offset`, `any`, `sort`, `since`, `until`, `source`,
/// `category` (comma-separated values), `facets` (comma-separated fields).
struct SearchRequest: Sendable {
    /// The most hits one page may ask for.
    static let maxLimit = 100
    /// The deepest page offset accepted (deeper paging would rank that many articles).
    static let maxOffset = 10_000

    var query: String
    var options: SearchOptions

    init(_ parameters: QueryString, now: Date = Date()) throws(APIError) {
        guard let query = parameters["q"], !query.allSatisfy(\.isWhitespace) else {
            throw APIError(.badRequest, "give a query in `q`, e.g. /api/search?q=korea+border")
        }
        self.query = query
        options = SearchOptions()
        options.limit = try parameters.integer("limit", default: 10, in: 1...Self.maxLimit)
        options.offset = try parameters.integer("offset", default: 0, in: 0...Self.maxOffset)
        options.mode = try parameters.flag("any") ? .any : .all
        if let sort = parameters["sort"], !sort.isEmpty {
            guard let value = SearchSort(rawValue: sort) else {
                throw APIError(.badRequest, "`sort` must be relevance, newest or oldest, not `\(sort.prefix(40))`")
            }
            options.sort = value
        }
        options.since = try Self.date("since", parameters, now: now)?.start
        options.until = try Self.date("until", parameters, now: now)?.end
        for field in [ArticleField.source, .category] {
            let values = Self.list(parameters[field.rawValue])
            if !values.isEmpty { options.filters[field] = values }
        }
        options.facets = try Self.list(parameters["facets"]).map { (name: String) throws(APIError) -> FacetField in
            guard let field = FacetField(rawValue: name) else {
                throw APIError(.badRequest, "`facets` lists unknown field `\(name.prefix(40))`: use \(FacetField.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return field
        }
    }

    static func date(_ key: String, _ parameters: QueryString, now: Date) throws(APIError) -> DateRange? {
        guard let text = parameters[key], !text.isEmpty else { return nil }
        do {
            return try DateRange.parse(text, now: now)
        } catch {
            throw APIError(.badRequest, "`\(key)`: \(error)")
        }
    }

    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
