import Foundation
import GRDB
import GRDBSQLite

/// Loading the page of hits: article and section details, and the bodies for snippets.
extension SearchEngine {
    /// A hit section's whole body, read for its snippet.
    struct Body {
        var text: String
        /// Where its tokens start, if the index has that (``TokenMarks``).
        var marks: TokenMarks?
    }

    /// The columns of the hit loader's statement, in its `SELECT` order.
    private enum HitColumn: Int32 {
        case sectionID, ordinal, heading, articleID, externalID, title, record, author, date, url, path
        case body, marks, dateSeconds, source, category, line
    }

    /// The hits' article and section details, and with `withBodies` the start of the hit
    /// sections' bodies for the snippets, in one statement.
    func loadHits(_ db: Database, entries: [ArticleCollector.Entry], offset: Int,
                          withBodies: Bool) throws -> (hits: [SearchHit], bodies: [Int64: Body]) {
        guard !entries.isEmpty else { return ([], [:]) }
        // The hits come first in the list, so `j.key` (the list position) tells a hit
        // from another matching section of its article, whose body is not needed.
        let ids = entries.map(\.section) + entries.flatMap { $0.sections.map(\.id) }
        // An index of schema version 1, searched before its next index run, has no marks.
        let marks = store.schemaVersion >= 2 ? "s.token_marks" : "NULL"
        // Version 3 has the article attributes; older indexes are searched without them.
        let attributes = store.schemaVersion >= 3 ? "a.date_utc, a.source, a.category, s.line" : "NULL, NULL, NULL, NULL"
        let statement = try db.cachedStatement(sql: """
            SELECT s.id, s.ordinal, s.heading, a.id, a.external_id, a.title, a.record, a.author, a.date, a.url, f.path,
                   CASE WHEN j.key < ?1 THEN s.body END, CASE WHEN j.key < ?1 THEN \(marks) END, \(attributes)
            FROM json_each(?2) j JOIN sections s ON s.id = j.value
            JOIN articles a ON a.id = s.article_id JOIN files f ON f.id = a.file_id
            """)
        try statement.setArguments([withBodies ? entries.count : 0, Self.jsonList(ids)])
        var articles: [Int64: SearchHit.ArticleInfo] = [:]
        var sections: [Int64: SearchHit.SectionInfo] = [:]
        var bodies: [Int64: Body] = [:]
        try StatementRows(statement).forEach { row in
            func text(_ column: HitColumn) -> String? { row.text(column.rawValue) }
            func int64(_ column: HitColumn) -> Int64? { row.isNull(column.rawValue) ? nil : row.int64(column.rawValue) }
            let id = row.int64(HitColumn.sectionID.rawValue)
            sections[id] = SearchHit.SectionInfo(ordinal: Int(int64(.ordinal) ?? 0), heading: text(.heading) ?? "", score: 0)
            articles[id] = SearchHit.ArticleInfo(id: int64(.articleID) ?? 0, externalID: text(.externalID), title: text(.title) ?? "",
                                                 path: text(.path) ?? "", record: Int(int64(.record) ?? 0), author: text(.author),
                                                 date: text(.date), url: text(.url),
                                                 dateSeconds: int64(.dateSeconds), source: text(.source),
                                                 categories: text(.category).map { $0.split(separator: "\n").map(String.init) } ?? [],
                                                 line: int64(.line).map(Int.init))
            // The whole body: SQLite holds it in memory for the row already, and a match
            // may be anywhere in it. The selector examines only the text around the
            // matches, and the token marks let the locator start near each one.
            if let body = text(.body) {
                bodies[id] = Body(text: body, marks: row.withBlob(HitColumn.marks.rawValue) { TokenMarks(encoded: $0) } ?? nil)
            }
        }
        let hits: [SearchHit] = entries.enumerated().compactMap { index, entry in
            guard let article = articles[entry.section], var section = sections[entry.section] else { return nil }
            section.score = entry.score
            let others = entry.sections.filter { $0.id != entry.section }.sorted { $0.score > $1.score }.compactMap { other in
                sections[other.id].map { SearchHit.SectionInfo(ordinal: $0.ordinal, heading: $0.heading, score: other.score) }
            }
            return SearchHit(rank: offset + index + 1, score: entry.score, article: article, section: section,
                             matchingSections: entry.matchingSections, otherSections: others, snippet: nil, explanation: nil)
        }
        return (hits, bodies)
    }
}
