import Foundation
import Testing
import NewsSearchTestSupport

/// Where `search` looks for the index, and what `--from` limits the hits to.
@Suite struct IndexLocationTests {
    static let article = """
        Harbour ferries return after the storm
        The harbour ferries sailed again on Monday after three days of storms closed the port.
        """

    @Test func theDefaultIndexIsFoundFromASubfolderOfTheIndexedFolder() throws {
        let scratch = TemporaryDirectory()
        scratch.write("dumps/bbc/ferry.txt", Self.article)
        let indexed = try CLI.run(["index", "dumps", "--quiet"], directory: scratch.path)
        #expect(indexed.status == 0, "\(indexed.stderr)")
        let found = try CLI.run(["search", "ferries", "--color", "never"], directory: scratch.path + "/dumps/bbc")
        #expect(found.status == 0, "\(found.stderr)")
        #expect(found.stdout.contains("Harbour ferries return after the storm"))
    }

    @Test func withoutAnIndexTheMessageSaysHowToMakeOne() throws {
        let scratch = TemporaryDirectory()
        let result = try CLI.run(["search", "ferries"], directory: scratch.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("no index found"), "\(result.stderr)")
        #expect(result.stderr.contains("newssearch index DIR") && result.stderr.contains("--from DIR"))
    }

    @Test func theEnvironmentVariableNamesTheIndex() throws {
        let scratch = try TemporaryDirectory.indexing(["ferry.txt": Self.article])
        let result = try CLI.run(["search", "ferries", "--color", "never"], environment: ["NEWSSEARCH_INDEX": scratch.indexPath],
                                 directory: NSTemporaryDirectory())
        #expect(result.status == 0 && result.stdout.contains("Harbour ferries"), "\(result.stderr)")
    }

    @Test func fromLimitsTheHitsToThatFolder() throws {
        let scratch = TemporaryDirectory()
        scratch.write("dumps/bbc/ferry.txt", Self.article)
        scratch.write("dumps/reuters/ferry.txt", Self.article.replacingOccurrences(of: "Harbour", with: "Dockside"))
        let both = try CLI.run(["index", "dumps", "--index", scratch.indexPath, "--quiet"], directory: scratch.path)
        #expect(both.status == 0)
        let limited = try CLI.run(["search", "ferries", "--from", "dumps/reuters", "--index", scratch.indexPath, "--json"],
                                  directory: scratch.path)
        #expect(limited.status == 0, "\(limited.stderr)")
        #expect(limited.stdout.contains("Dockside ferries") && !limited.stdout.contains("Harbour ferries"), "\(limited.stdout)")
        #expect(limited.stdout.contains("\"total\":1"))
        let all = try CLI.run(["search", "ferries", "--index", scratch.indexPath, "--json"], directory: scratch.path)
        #expect(all.stdout.contains("\"total\":2"))
    }
}
