import Foundation
@testable import NewsSearch

/// Paths and helpers shared by the tests.
enum TestSupport {
    /// The package root, found from this file's location.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var seedsDirectory: String { packageRoot.appendingPathComponent("seeds").path }

    static var seedFile: String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: seedsDirectory)) ?? []
        return seedsDirectory + "/" + (names.filter { $0.hasSuffix(".txt") }.sorted().first ?? "missing.txt")
    }

    /// `../shared/corpora/NAME` beside the package, or nil (tests then skip, saying why).
    static func sharedCorpus(_ name: String) -> String? {
        let path = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora/\(name)").path
        if FileManager.default.fileExists(atPath: path) { return path }
        print("skipping: shared corpus \(path) is not present")
        return nil
    }

    /// The `newssearch` executable built beside the test bundle, if any.
    static var executable: String? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL,
        ].map { $0.appendingPathComponent("newssearch").path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// A temporary directory removed when the value is deinitialised.
final class TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "newssearch-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `contents` to `name` (folders created) and returns the full path.
    @discardableResult
    func write(_ name: String, _ contents: String) -> String {
        write(name, bytes: Array(contents.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) -> String {
        let full = path + "/" + name
        try? FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: full, contents: Data(bytes))
        return full
    }

    var indexPath: String { path + "/index.db" }
}

/// A small hand-made article in the seed's layout.
func sampleArticle(title: String, lead: String, sections: [(String, String)] = [], author: String? = nil,
                   related: [(String, String)] = []) -> String {
    var lines = [title, lead]
    for (heading, text) in sections { lines += [heading, text] }
    if let author { lines.append("Author: \(author)") }
    for (title, teaser) in related { lines += [title, teaser + "... Read more"] }
    return lines.joined(separator: "\n") + "\n"
}

/// Builds an index over a directory and returns a search engine on it.
func makeEngine(indexing directory: TemporaryDirectory, roots: [String]? = nil) throws -> SearchEngine {
    let store = try IndexStore(path: directory.indexPath, create: true)
    _ = try Indexer(store: store).run(roots: roots ?? [directory.path + "/dumps"])
    return SearchEngine(store: store)
}
