import Testing
@testable import NewsSearch

@Suite struct PathGlobTests {
    func glob(_ pattern: String) throws -> PathGlob { try #require(PathGlob(pattern)) }

    @Test func aNameWithoutSlashMatchesAtAnyDepth() throws {
        #expect(try glob("*.txt").matches("a.txt", isDirectory: false))
        #expect(try glob("*.txt").matches("deep/down/a.txt", isDirectory: false))
        #expect(try !glob("*.txt").matches("a.jsonl", isDirectory: false))
        #expect(try glob("README*").matches("corpus/README.txt", isDirectory: false))
    }

    @Test func aSlashAnchorsToTheRootAndStarStaysInOneSegment() throws {
        #expect(try glob("docs/*.txt").matches("docs/a.txt", isDirectory: false))
        #expect(try !glob("docs/*.txt").matches("docs/sub/a.txt", isDirectory: false))
        #expect(try !glob("docs/*.txt").matches("other/docs/a.txt", isDirectory: false))
        #expect(try glob("/notes.txt").matches("notes.txt", isDirectory: false))
        #expect(try !glob("/notes.txt").matches("sub/notes.txt", isDirectory: false))
        #expect(try glob("./docs/").matches("docs", isDirectory: true))
        #expect(try !glob("./docs/").matches("a/docs", isDirectory: true))
    }

    @Test func doubleStarSpansSegments() throws {
        #expect(try glob("**/qrels*").matches("qrels.txt", isDirectory: false))
        #expect(try glob("**/qrels*").matches("ir/cran/qrels.txt", isDirectory: false))
        #expect(try glob("a/**/b").matches("a/b", isDirectory: false))
        #expect(try glob("a/**/b").matches("a/x/y/b", isDirectory: false))
        #expect(try glob("docs/**").matches("docs/x/y.txt", isDirectory: false))
    }

    @Test func trailingSlashMatchesDirectoriesOnly() throws {
        #expect(try glob("docs/").matches("docs", isDirectory: true))
        #expect(try glob("docs/").matches("a/docs", isDirectory: true))
        #expect(try !glob("docs/").matches("docs", isDirectory: false))
    }

    @Test func commentsAndBlankLinesAreNoPattern() {
        #expect(PathGlob("# a comment") == nil)
        #expect(PathGlob("   ") == nil)
    }

    @Test func theLastMatchingRuleDecidesAndIncludesKeepOnlyMatches() throws {
        let filter = PathFilter(excludes: [try glob("*.txt"), try glob("!keep.txt")])
        #expect(filter.excludes("drop.txt", isDirectory: false))
        #expect(!filter.excludes("keep.txt", isDirectory: false))
        #expect(!filter.excludes("a.jsonl", isDirectory: false))
        let including = PathFilter(includes: [try glob("*.jsonl")])
        #expect(including.excludes("a.txt", isDirectory: false))
        #expect(!including.excludes("sub/a.jsonl", isDirectory: false))
        #expect(!including.excludes("sub", isDirectory: true))
    }
}
