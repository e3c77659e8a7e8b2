import NewsSearch

/// A small hand-made article in the seed's layout: title, lead, headed sections, an
/// `Author:` line and related-article teasers ending in `Read more`.
package func sampleArticle(title: String, lead: String, sections: [(String, String)] = [], author: String? = nil,
                           related: [(String, String)] = []) -> String {
    var lines = [title, lead]
    for (heading, text) in sections { lines += [heading, text] }
    if let author { lines.append("Author: \(author)") }
    for (title, teaser) in related { lines += [title, teaser + "... Read more"] }
    return lines.joined(separator: "\n") + "\n"
}

/// Runs an index run over `roots` into `directory`'s index (made if missing) and
/// returns its store, as `newssearch index` in another process would.
@discardableResult
package func makeIndex(in directory: TemporaryDirectory, roots: [String]) throws -> IndexStore {
    let store = try IndexStore(path: directory.indexPath, create: true)
    _ = try Indexer(store: store).run(roots: roots)
    return store
}

/// Builds an index over `roots` (default: the directory's `dumps/` folder) and returns
/// a search engine on it.
package func makeEngine(indexing directory: TemporaryDirectory, roots: [String]? = nil) throws -> SearchEngine {
    SearchEngine(store: try makeIndex(in: directory, roots: roots ?? [directory.path + "/dumps"]))
}
