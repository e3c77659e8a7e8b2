import Foundation
import GRDB

/// Writing one parsed chunk into the batch's transaction, and deleting a file's articles
/// from every table that holds them (FTS5 and the impact index included).
extension Indexer {
    func write(_ results: [ParsedFile], manifest: [String: ManifestEntry], roots: [String], flatRoots: Set<String>,
               refreshAttributes: Bool, impact: ImpactWriter,
               into summary: inout IndexSummary, db: Database) throws {
        for parsed in results {
            let known = manifest[parsed.entry.path]
            switch parsed.outcome {
            case .unchanged:
                // Same bytes as when indexed (found by the parsing thread's hash):
                // only the size and time are new.
                guard let known else { continue }
                try Self.touch(known, entry: parsed.entry, db: db)
                summary.filesUnchanged += 1
            case .failed(let problem):
                // A file that can no longer be read (or is no longer taken for an
                // article) keeps no articles from an earlier run.
                if let known { try Self.deleteFile(id: known.id, impact: impact, db: db) }
                summary.noteSkipped(problem)
            case .read(let contents):
                let hash = Int64(bitPattern: contents.contentHash)
                let origin = ArticleOrigin(path: parsed.entry.path, roots: roots, flatRoots: flatRoots)
                if let known, known.hash == hash {
                    try Self.touch(known, entry: parsed.entry, db: db)
                    // Same text read under newer rules: only the attributes may differ.
                    if refreshAttributes {
                        for prepared in parsed.articles {
                            try ArticleWriter.updateAttributes(origin.completing(prepared.article), file: known.id,
                                                               record: prepared.record, db: db)
                        }
                    }
                    summary.filesUnchanged += 1
                    continue
                }
                let fileID: Int64
                if let known {
                    try Self.deleteArticles(ofFile: known.id, impact: impact, db: db)
                    try db.execute(sql: "UPDATE files SET size = ?, mtime_ns = ?, hash = ?, format = ? WHERE id = ?",
                                   arguments: [parsed.entry.size, parsed.entry.mtimeNanoseconds, hash, contents.format.rawValue, known.id])
                    fileID = known.id
                } else {
                    try db.execute(sql: "INSERT INTO files(path, size, mtime_ns, hash, format) VALUES (?, ?, ?, ?, ?)",
                                   arguments: [parsed.entry.path, parsed.entry.size, parsed.entry.mtimeNanoseconds, hash, contents.format.rawValue])
                    fileID = db.lastInsertedRowID
                }
                impact.beginFile(vocabulary: parsed.vocabulary)
                for var prepared in parsed.articles {
                    prepared.article = origin.completing(prepared.article)
                    if prepared.article.date != nil, prepared.article.publishedSeconds == nil { summary.datesUnreadable = (summary.datesUnreadable ?? 0) + 1 }
                    summary.sections += try ArticleWriter.insert(prepared, file: fileID, impact: impact, db: db)
                    summary.articles += 1
                    summary.textBytes += prepared.article.textBytes
                }
                summary.recordsSkipped += contents.problems.count
                summary.problems += contents.problems.map(\.description)
                summary.filesIndexed += 1
            }
        }
    }

    /// Records a file's new size and modification time, its content unchanged.
    static func touch(_ known: ManifestEntry, entry: DumpWalker.Entry, db: Database) throws {
        try db.execute(sql: "UPDATE files SET size = ?, mtime_ns = ? WHERE id = ?",
                       arguments: [entry.size, entry.mtimeNanoseconds, known.id])
    }

    static func deleteFile(id: Int64, impact: ImpactWriter, db: Database) throws {
        try deleteArticles(ofFile: id, impact: impact, db: db)
        try db.execute(sql: "DELETE FROM files WHERE id = ?", arguments: [id])
    }

    /// Deletes a file's articles. The FTS rows go first: an external-content FTS5 table
    /// must be told the old values of the row it forgets.
    static func deleteArticles(ofFile fileID: Int64, impact: ImpactWriter, db: Database) throws {
        let articles = try Int64.fetchAll(db, sql: "SELECT id FROM articles WHERE file_id = ?", arguments: [fileID])
        for article in articles {
            let range = SectionID.range(of: article)
            try impact.delete(sections: range, db: db)
            try db.cachedStatement(sql: """
                INSERT INTO sections_fts(sections_fts, rowid, title, heading, body, author)
                SELECT 'delete', id, title, heading, body, author FROM section_content WHERE id BETWEEN ? AND ?
                """).execute(arguments: [range.lowerBound, range.upperBound])
            try db.cachedStatement(sql: "DELETE FROM sections WHERE id BETWEEN ? AND ?")
                .execute(arguments: [range.lowerBound, range.upperBound])
        }
        try db.execute(sql: "DELETE FROM articles WHERE file_id = ?", arguments: [fileID])
    }
}
