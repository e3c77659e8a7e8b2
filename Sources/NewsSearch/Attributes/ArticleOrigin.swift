/// What an article's place on disk says about it: its `source` is the top folder under
/// the indexed root (`corpora/bbc/business/001.txt` indexed as `corpora` is from `bbc`),
/// or the root's own name for a file directly in it (`reuters21578/reut2-000.sgm`
/// indexed as `reuters21578`); its category is the folder holding the file when that is
/// deeper than the source folder (`business`). The dump's own values come first.
struct ArticleOrigin {
    var source: String?
    var category: String?

    init(path: String, roots: [String]) {
        let root = roots.filter { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }.max { $0.count < $1.count }
        guard let root, path != root else {
            // A file given as a root: its folder is the source.
            let folders = path.split(separator: "/").dropLast()
            source = folders.last.map(String.init)
            return
        }
        let folders = path.dropFirst(root.count).split(separator: "/").dropLast().map(String.init)
        if let top = folders.first {
            source = top
            category = folders.count >= 2 ? folders.last : nil
        } else {
            source = root.split(separator: "/").last.map(String.init)
        }
    }

    /// `article` with the source and category filled in where the dump gave none.
    func completing(_ article: Article) -> Article {
        var article = article
        if article.source == nil { article.source = source }
        if article.categories.isEmpty, let category { article.categories = [category] }
        return article
    }
}
