import Foundation
import GRDB
import GRDBSQLite

/// Inserts one article, its sections and their full-text rows.
///
/// This is the index's hot loop (three inserts per section), so it binds values
/// straight onto GRDB's cached statements (``StatementBinding``).
enum ArticleWriter {
    /// Inserts an article prepared by ``ParseJob`` and returns how many sections were
    /// written. An article with no text still has one empty lead section, so that its
    /// title can be found.
    static func insert(_ prepared: PreparedArticle, file: Int64, impact: ImpactWriter, db: Database) throws -> Int {
        let article = prepared.article
        let related = article.related.isEmpty ? nil
            : (try? JSONEncoder().encode(article.related)).flatMap { String(data: $0, encoding: .utf8) }
        let insertArticle = try db.cachedStatement(sql: """
            INSERT INTO articles(file_id, record, external_id, title, author, date, url, related, text_bytes,
                                 date_utc, source, category, place, lang)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try StatementBinding.run(insertArticle, db) { handle in
            sqlite3_bind_int64(handle, 1, file)
            sqlite3_bind_int64(handle, 2, Int64(prepared.record))
            StatementBinding.bind(handle, 3, article.externalID)
            StatementBinding.bind(handle, 4, article.title)
            StatementBinding.bind(handle, 5, article.author)
            StatementBinding.bind(handle, 6, article.date)
            StatementBinding.bind(handle, 7, article.url)
            StatementBinding.bind(handle, 8, related)
            sqlite3_bind_int64(handle, 9, Int64(article.textBytes))
            if let seconds = article.publishedSeconds { sqlite3_bind_int64(handle, 10, seconds) } else { sqlite3_bind_null(handle, 10) }
            StatementBinding.bind(handle, 11, article.source)
            StatementBinding.bind(handle, 12, joined(article.categories))
            StatementBinding.bind(handle, 13, joined(article.places))
            StatementBinding.bind(handle, 14, article.lang)
        }
        let articleID = db.lastInsertedRowID
        let sections = prepared.sections
        let insertSection = try db.cachedStatement(sql: """
            INSERT INTO sections(id, article_id, ordinal, heading, body, token_marks, line) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        let insertText = try db.cachedStatement(sql: "INSERT INTO sections_fts(rowid, title, heading, body, author) VALUES (?, ?, ?, ?, ?)")
        for (ordinal, section) in sections.enumerated() {
            let id = SectionID.make(article: articleID, ordinal: ordinal)
            try StatementBinding.run(insertSection, db) { handle in
                sqlite3_bind_int64(handle, 1, id)
                sqlite3_bind_int64(handle, 2, articleID)
                sqlite3_bind_int64(handle, 3, Int64(ordinal))
                StatementBinding.bind(handle, 4, section.heading)
                StatementBinding.bind(handle, 5, section.text)
                // An empty body has no marks, stored as an empty blob (NULL means unknown).
                StatementBinding.bind(handle, 6, blob: prepared.marks[ordinal])
                if let line = section.line { sqlite3_bind_int64(handle, 7, Int64(line)) }
            }
            try StatementBinding.run(insertText, db) { handle in
                sqlite3_bind_int64(handle, 1, id)
                StatementBinding.bind(handle, 2, article.title)
                StatementBinding.bind(handle, 3, section.heading)
                StatementBinding.bind(handle, 4, section.text)
                StatementBinding.bind(handle, 5, article.author ?? "")
            }
            try impact.add(section: id, terms: ordinal < prepared.terms.count ? prepared.terms[ordinal] : nil, db: db)
        }
        return sections.count
    }

    /// The sections as stored: at least one (an empty lead for a title-only article),
    /// at most ``SectionID/maxOrdinal`` + 1; the text of any further sections is folded
    /// into the last one, headings kept as paragraphs, so nothing is lost.
    static func fitted(_ sections: [Section]) -> [Section] {
        guard !sections.isEmpty else { return [Section(heading: "", text: "")] }
        guard sections.count > SectionID.maxOrdinal + 1 else { return sections }
        var kept = Array(sections[..<SectionID.maxOrdinal])
        let rest = sections[SectionID.maxOrdinal...]
        let text = rest.enumerated().map { index, section in
            index == 0 || section.heading.isEmpty ? section.text : section.heading + "\n" + section.text
        }.joined(separator: "\n")
        kept.append(Section(heading: rest.first!.heading, text: text, line: rest.first!.line))
        return kept
    }

    /// Several values of one attribute as stored: one per line (values are single lines).
    static func joined(_ values: [String]) -> String? {
        values.isEmpty ? nil : values.joined(separator: "\n")
    }

    /// Sets the attributes of an article already stored (same file, same record), for a
    /// file whose text is unchanged but whose reading rules gained these fields.
    static func updateAttributes(_ article: Article, file: Int64, record: Int, db: Database) throws {
        try db.cachedStatement(sql: """
            UPDATE articles SET date = ?, date_utc = ?, source = ?, category = ?, place = ?, lang = ?
            WHERE file_id = ? AND record = ?
            """).execute(arguments: [article.date, article.publishedSeconds, article.source, joined(article.categories),
                                     joined(article.places), article.lang, file, record])
    }
}
