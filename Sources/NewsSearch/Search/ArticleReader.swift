import Foundation
import GRDB

/// One article as the index holds it: the record `parse --json` prints for it
/// (`record`, `format`, `article`) plus its index `id` and the file it came from.
public struct StoredArticle: Sendable, Encodable, Equatable {
    public var id: Int64
    public var record: Int
    public var format: String
    public var article: Article
    /// The dump file (not part of the JSON, which is `parse --json`'s record plus `id`).
    public var path: String

    enum CodingKeys: String, CodingKey { case id, record, format, article }

    /// The article's date as ISO 8601 UTC, if it could be read.
    public var isoDate: String? { article.publishedSeconds.map { CivilTime.iso8601(seconds: $0) } }

    /// One JSON line with snake_case keys, as `show --json` prints it.
    public var jsonLine: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }
}

/// Reads whole articles back out of an index (`newssearch show`).
public struct ArticleReader: Sendable {
    public let store: IndexStore

    public init(store: IndexStore) {
        self.store = store
    }

    /// The article with index id `id`, or nil if there is none.
    public func article(id: Int64) throws(IndexError) -> StoredArticle? {
        try store.read("reading an article") { db in try Self.load(db, where: "a.id = ?", [id], version: store.schemaVersion) }
    }

    /// The article at `record` (1-based) of the dump file at `path`, or nil.
    public func article(path: String, record: Int) throws(IndexError) -> StoredArticle? {
        let absolute = DumpWalker.absolute(path)
        return try store.read("reading an article") { db in
            try Self.load(db, where: "f.path = ? AND a.record = ?", [absolute, record], version: store.schemaVersion)
        }
    }

    static func load(_ db: Database, where condition: String, _ arguments: StatementArguments, version: Int) throws -> StoredArticle? {
        let extra = version >= 3 ? "a.source, a.category, a.place, a.lang" : "NULL, NULL, NULL, NULL"
        guard let row = try Row.fetchOne(db, sql: """
            SELECT a.id, a.record, f.format, f.path, a.external_id, a.title, a.author, a.date, a.url, a.related, \(extra)
            FROM articles a JOIN files f ON f.id = a.file_id WHERE \(condition)
            """, arguments: arguments) else { return nil }
        let id: Int64 = row[0]
        let lines = version >= 3 ? "line" : "NULL"
        let sections = try Row.fetchAll(db, sql: "SELECT heading, body, \(lines) FROM sections WHERE id BETWEEN ? AND ? ORDER BY id",
                                        arguments: [SectionID.range(of: id).lowerBound, SectionID.range(of: id).upperBound])
            .map { Section(heading: $0[0], text: $0[1], line: $0[2]) }
        let related = (row[9] as String?).flatMap { try? JSONDecoder().decode([RelatedItem].self, from: Data($0.utf8)) } ?? []
        var article = Article(externalID: row[4], title: row[5], author: row[6], date: row[7], url: row[8],
                              sections: sections, related: related)
        article.source = row[10]
        article.categories = (row[11] as String?).map { $0.split(separator: "\n").map(String.init) } ?? []
        article.places = (row[12] as String?).map { $0.split(separator: "\n").map(String.init) } ?? []
        article.lang = row[13]
        return StoredArticle(id: id, record: row[1], format: row[2], article: article, path: row[3])
    }
}

extension ArticleReader {
    /// Where `query` matches in each section of article `id`: per section ordinal,
    /// `[start, end)` UTF-8 byte ranges in the heading and in the body, exactly as
    /// FTS5 matched them (stems, prefixes, folded diacritics; never NOT-terms).
    public func highlights(id: Int64, query: String, mode: QueryParser.Mode = .all) throws(SearchError)
        -> [Int: (heading: [Range<Int>], body: [Range<Int>])] {
        let (node, _) = try SearchEngine.parseWithFilters(query, mode: mode)
        let match = try SearchEngine.compile(node)
        do {
            return try store.pool.read { db in
                var result: [Int: (heading: [Range<Int>], body: [Range<Int>])] = [:]
                for (row, spans) in try SearchEngine.matchSpans(db, match: match, rows: .article(id)) {
                    result[SectionID.ordinal(of: row)] = (spans.spans(in: .heading).map(\.range), spans.spans(in: .body).map(\.range))
                }
                return result
            }
        } catch {
            throw SearchEngine.searchError(error, query: query, path: store.path)
        }
    }
}
