import GRDB

/// The articles of the dump files under some folders: what a search limited to those
/// folders may return (`search --from DIR`, ``SearchOptions/folders``).
///
/// Loaded once per search with two index range scans (`files.path` is unique, so
/// indexed, and `articles_by_file`), then tested per matching row by the row id's
/// article part (``SectionID``): a hash lookup, no join.
struct FolderScope {
    let articles: Set<Int64>

    static func load(_ db: Database, folders: [String]) throws -> FolderScope {
        var articles = Set<Int64>()
        for folder in folders {
            let prefix = folder.hasSuffix("/") ? folder : folder + "/"
            // Every path under `prefix` sorts between `prefix` and `prefix` with its
            // final `/` raised to `0`, the next byte.
            let end = String(prefix.dropLast()) + "0"
            let rows = try Int64.fetchCursor(db, sql: """
                SELECT a.id FROM files f JOIN articles a ON a.file_id = f.id
                WHERE (f.path >= ? AND f.path < ?) OR f.path = ?
                """, arguments: [prefix, end, folder])
            while let id = try rows.next() { articles.insert(id) }
        }
        return FolderScope(articles: articles)
    }

    func admits(section: Int64) -> Bool {
        articles.contains(SectionID.article(of: section))
    }
}
