import Foundation
import GRDB

/// One exported record: a section (`<article>#<ordinal>`) or, per article, the whole text.
public struct ExportRecord: Sendable, Encodable, Equatable {
    public var id: String
    public var title: String
    public var heading: String?
    public var text: String
    public var author: String?
    /// ISO 8601 UTC, when the date could be read.
    public var date: String?
    public var dateText: String?
    public var source: String?
    public var category: [String]
    public var url: String?
    public var path: String

    /// The columns of the CSV form, in order.
    public static let csvColumns = ["id", "title", "heading", "text", "author", "date", "date_text", "source", "category", "url", "path"]

    public var csvValues: [String] {
        [id, title, heading ?? "", text, author ?? "", date ?? "", dateText ?? "", source ?? "", category.joined(separator: "; "), url ?? "", path]
    }
}

/// Streams the index's sections or articles out (`newssearch export`) in id order,
/// through a database cursor: memory stays constant however large the index, apart
/// from the set of matching article ids when a query is given.
public struct ArticleExporter: Sendable {
    public let engine: SearchEngine

    public init(engine: SearchEngine) {
        self.engine = engine
    }

    /// Calls `emit` for every section (or article, with `perArticle`) matching `query`
    /// (all when nil) and `options`' dates and filters.
    public func export(query: String?, options requested: SearchOptions = SearchOptions(), perArticle: Bool,
                       emit: (ExportRecord) throws -> Void) throws(SearchError) {
        var options = requested
        var match: String?
        if let query {
            let (node, filters) = try SearchEngine.parseWithFilters(query, mode: requested.mode)
            options = SearchEngine.merging(filters, into: requested)
            match = try SearchEngine.compile(node)
        }
        let version = engine.store.schemaVersion
        do {
            try engine.store.pool.read { db in
                let scan = AttributeScan.isNeeded(options)
                    ? AttributeScan(attributes: try ArticleAttributes.load(db, schemaVersion: version, cache: engine.store.attributeCache), options: options) : nil
                var matching: Set<Int64>?
                if let match {
                    var ids = Set<Int64>()
                    let statement = try db.cachedStatement(sql: "SELECT rowid FROM sections_fts WHERE sections_fts MATCH ?")
                    try statement.setArguments([match])
                    try StatementRows(statement).forEach { row in ids.insert(SectionID.article(of: row.int64(0))) }
                    matching = ids
                }
                let extra = version >= 3 ? "a.date_utc, a.source, a.category" : "NULL, NULL, NULL"
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT s.article_id, s.ordinal, s.heading, s.body, a.title, a.author, a.date, a.url, f.path, \(extra)
                    FROM sections s JOIN articles a ON a.id = s.article_id JOIN files f ON f.id = a.file_id ORDER BY s.id
                    """)
                var pending: (article: Int64, record: ExportRecord)?
                while let row = try rows.next() {
                    let article: Int64 = row[0]
                    if let matching, !matching.contains(article) { continue }
                    if let scan, !scan.admits(article) { continue }
                    let heading: String = row[2], body: String = row[3]
                    var record = ExportRecord(
                        id: perArticle ? "\(article)" : "\(article)#\(row[1] as Int)", title: row[4], heading: perArticle ? nil : heading,
                        text: body, author: row[5], date: (row[9] as Int64?).map { CivilTime.iso8601(seconds: $0) }, dateText: row[6],
                        source: row[10], category: (row[11] as String?).map { $0.split(separator: "\n").map(String.init) } ?? [],
                        url: row[7], path: row[8])
                    guard perArticle else { try emit(record); continue }
                    let text = heading.isEmpty ? body : heading + "\n" + body
                    if pending?.article == article {
                        pending!.record.text += (pending!.record.text.isEmpty ? "" : "\n\n") + text
                    } else {
                        if let done = pending { try emit(done.record) }
                        record.text = text
                        pending = (article, record)
                    }
                }
                if let done = pending { try emit(done.record) }
            }
        } catch let error as SearchError {
            throw error
        } catch {
            throw SearchEngine.searchError(error, query: query ?? "", path: engine.store.path)
        }
    }
}
