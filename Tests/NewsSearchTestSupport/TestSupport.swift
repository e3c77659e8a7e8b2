import Foundation

/// Paths every test target needs: the package, its bundled seeds, the optional shared
/// corpora beside it, and the `newssearch` executable the build put beside the tests.
package enum TestSupport {
    /// The package root, found from this file's location (`Tests/NewsSearchTestSupport/`).
    package static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    package static var seedsDirectory: String { packageRoot.appendingPathComponent("seeds").path }

    /// The first `.txt` dump of the bundled seeds.
    package static var seedFile: String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: seedsDirectory)) ?? []
        return seedsDirectory + "/" + (names.filter { $0.hasSuffix(".txt") }.sorted().first ?? "missing.txt")
    }

    /// `../shared/corpora/NAME` beside the package, or nil (tests then skip, saying why).
    package static func sharedCorpus(_ name: String) -> String? {
        let path = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora/\(name)").path
        if FileManager.default.fileExists(atPath: path) { return path }
        print("skipping: shared corpus \(path) is not present")
        return nil
    }

    /// The `newssearch` executable built beside the test bundle (`swift build --build-tests`),
    /// or nil when it has not been built.
    package static var executable: String? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL,
            packageRoot.appendingPathComponent(".build/debug"),
        ].map { $0.appendingPathComponent("newssearch").path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
