import Foundation
import NewsSearch
import Testing
@testable import NewsSearchServer
import NewsSearchTestSupport

/// The served index changes under a running server: it answers with the new content,
/// without a restart.
@Suite("Index provider")
struct IndexProviderTests {
    static let before = ["story.txt": "Harbour Report\nA zebrafish was seen in the harbour on Monday morning.\n"]
    static let after = "Harbour Report\nA quokka was seen in the harbour on Tuesday evening.\n"

    static func total(_ server: RunningServer, _ query: String) async throws -> Int? {
        (try await server.search(query).json["summary"] as? [String: Any])?["total"] as? Int
    }

    @Test("an index run in place (WAL) is seen by the next search")
    func reindexInPlace() async throws {
        let index = try TestIndex(articles: Self.before)
        let server = try await RunningServer(configuration: index.configuration())
        defer { Task { await server.stop() } }
        #expect(try await Self.total(server, "zebrafish") == 1)
        index.directory.write("dumps/story.txt", Self.after)
        try index.index()
        #expect(try await Self.total(server, "quokka") == 1)
        #expect(try await Self.total(server, "zebrafish") == 0)
    }

    @Test("an index file replaced by rebuild (a new inode) is re-opened")
    func rebuiltFile() async throws {
        let index = try TestIndex(articles: Self.before)
        let server = try await RunningServer(configuration: index.configuration())
        defer { Task { await server.stop() } }
        #expect(try await Self.total(server, "zebrafish") == 1)
        index.directory.write("dumps/story.txt", Self.after)
        _ = try IndexRebuild(path: index.path).run(roots: [index.dumps])
        #expect(try await Self.total(server, "quokka") == 1)
        #expect(try await Self.total(server, "zebrafish") == 0)
        #expect(server.server.indexOpenings >= 2)
    }

    @Test("an unchanged file is not re-opened")
    func unchanged() async throws {
        let index = try TestIndex(articles: Self.before)
        let server = try await RunningServer(configuration: index.configuration())
        defer { Task { await server.stop() } }
        for _ in 0..<3 { _ = try await Self.total(server, "zebrafish") }
        #expect(server.server.indexOpenings == 1)
    }

    @Test("a missing index refuses to start with a message naming the path")
    func missing() throws {
        let directory = TemporaryDirectory()
        #expect { try NewsServer(configuration: ServerConfiguration(indexPath: directory.indexPath)) } throws: { error in
            "\(error)".contains(directory.indexPath)
        }
    }
}
