import Foundation
import GRDB

/// Inserts one article, its sections and their full-text rows, with cached statements.
enum ArticleWriter {
    /// Inserts `article` and returns how many sections were written. An article with no
    /// text still gets one empty lead section, so that its title can be found.
    static func insert(_ article: Article, file: Int64, record: Int, db: Database) throws -> Int {
        let related = article.related.isEmpty ? nil
            : (try? JSONEncoder().encode(article.related)).flatMap { String(data: $0, encoding: .utf8) }
        try db.cachedStatement(sql: """
            INSERT INTO articles(file_id, record, external_id, title, author, date, url, related, text_bytes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [file, record, article.externalID, article.title, article.author,
                                     article.date, article.url, related, article.textBytes])
        let articleID = db.lastInsertedRowID
        let sections = article.sections.isEmpty ? [Section(heading: "", text: "")] : article.sections
        let insertSection = try db.cachedStatement(sql: "INSERT INTO sections(id, article_id, ordinal, heading, body) VALUES (?, ?, ?, ?, ?)")
        let insertText = try db.cachedStatement(sql: "INSERT INTO sections_fts(rowid, title, heading, body, author) VALUES (?, ?, ?, ?, ?)")
        for (ordinal, section) in sections.enumerated() where ordinal <= SectionID.maxOrdinal {
            let id = SectionID.make(article: articleID, ordinal: ordinal)
            try insertSection.execute(arguments: [id, articleID, ordinal, section.heading, section.text])
            try insertText.execute(arguments: [id, article.title, section.heading, section.text, article.author ?? ""])
        }
        return min(sections.count, SectionID.maxOrdinal + 1)
    }
}
