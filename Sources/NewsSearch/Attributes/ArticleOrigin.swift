/// What an article's place on disk says about it, where the dump itself does not.
///
/// A root whose files lie at most one folder deep is one source named after the root,
/// its folders the categories (`bbc/business/001.txt` indexed as `bbc`: source `bbc`,
/// category `business`; `reuters21578/reut2-000.sgm`: source `reuters21578`). Under a
/// deeper root, the top folder is the source and the folder holding the file, when
/// deeper, the category (`corpora/bbc/business/001.txt` indexed as `corpora`: `bbc`,
/// `business`; `corpora/reuters21578/reut2-000.sgm`: `reuters21578`).
struct ArticleOrigin {
    var source: String?
    var category: String?

    /// `flatRoots`: the roots whose files are all at most one folder deep.
    init(path: String, roots: [String], flatRoots: Set<String>) {
        guard let root = Self.root(of: path, in: roots), path != root else {
            // A file given as a root: its folder is the source.
            source = path.split(separator: "/").dropLast().last.map(String.init)
            return
        }
        let folders = Self.folders(of: path, under: root)
        if flatRoots.contains(root) || folders.isEmpty {
            source = root.split(separator: "/").last.map(String.init)
            category = folders.first
        } else {
            source = folders.first
            category = folders.count >= 2 ? folders.last : nil
        }
    }

    /// The longest root holding `path`.
    static func root(of path: String, in roots: [String]) -> String? {
        roots.filter { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }.max { $0.count < $1.count }
    }

    /// The folders between `root` and the file.
    static func folders(of path: String, under root: String) -> [String] {
        path.dropFirst(root.count).split(separator: "/").dropLast().map(String.init)
    }

    /// The roots whose files (all of them, changed or not) are at most one folder deep.
    static func flatRoots(_ roots: [String], files: [String]) -> Set<String> {
        var deepest: [String: Int] = [:]
        for path in files {
            guard let root = root(of: path, in: roots) else { continue }
            deepest[root] = max(deepest[root] ?? 0, folders(of: path, under: root).count)
        }
        return Set(roots.filter { (deepest[$0] ?? 0) <= 1 })
    }

    /// `article` with the source and category filled in where the dump gave none.
    func completing(_ article: Article) -> Article {
        var article = article
        if article.source == nil { article.source = source }
        if article.categories.isEmpty, let category { article.categories = [category] }
        return article
    }
}
