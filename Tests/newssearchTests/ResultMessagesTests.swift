import Testing
import NewsSearchTestSupport

/// The summary line of a search when it shows nothing, and counts in the right number.
@Suite struct ResultMessagesTests {
    /// Three articles that all mention the harbour.
    static func harbour() throws -> TemporaryDirectory {
        try TemporaryDirectory.indexing([
            "a.txt": "Harbour news one\nThe harbour council met on Monday about the budget.\n",
            "b.txt": "Harbour news two\nThe harbour ferry was late again on Tuesday.\n",
            "c.txt": "Harbour news three\nA storm closed the harbour for a day.\n",
        ])
    }

    @Test func zeroHitsSayWhatWasSearchedAndWhatToTry() throws {
        let scratch = try Self.harbour()
        let result = try CLI.run(["search", "harbour", "zeppelin", "council", "--index", scratch.indexPath, "--color", "never"])
        #expect(result.status == 0)
        #expect(result.stdout == "no article has all of: harbour zeppelin council; try --any, fewer words, or a prefix like word*\n")
        #expect(!result.stdout.contains("no matches"))
    }

    @Test func zeroHitsOfOneWordOrAnyWordSayThat() throws {
        let scratch = try Self.harbour()
        let one = try CLI.run(["search", "zeppelin", "--index", scratch.indexPath, "--color", "never"])
        #expect(one.stdout == "no article has zeppelin; try another word or a prefix like word*\n")
        let any = try CLI.run(["search", "zeppelin", "kraken", "--any", "--index", scratch.indexPath, "--color", "never"])
        #expect(any.stdout.hasPrefix("no article has any of: zeppelin kraken; "))
    }

    @Test func aPagePastTheEndSaysWhichIsTheLast() throws {
        let scratch = try Self.harbour()
        let result = try CLI.run(["search", "harbour", "--limit", "2", "--offset", "6", "--index", scratch.indexPath, "--color", "never"])
        #expect(result.status == 0)
        #expect(result.stdout == "3 matching articles; page 4 is past the last (2)\n")
    }

    @Test func oneArticleIsSingular() throws {
        let scratch = try Self.harbour()
        let result = try CLI.run(["search", "storm", "--index", scratch.indexPath, "--color", "never"])
        #expect(result.stdout.contains("\n1 matching article, showing 1–1 ("))
        let parse = try CLI.run(["parse", scratch.path + "/dumps/a.txt"])
        #expect(parse.stdout.contains(": text, utf-8, 1 article\n") || parse.stdout.contains(", 1 article\n"))
        #expect(!parse.stdout.contains("article(s)"))
    }

    @Test func explanationCountsOneSectionInTheSingular() throws {
        let scratch = try TemporaryDirectory.indexing(["a.txt": "Lonely\nOnly one section mentions the zeppelin here.\n"])
        let result = try CLI.run(["search", "zeppelin", "--explain", "--index", scratch.indexPath, "--color", "never"])
        #expect(result.stdout.contains("BM25F over 1 section,"))
    }
}
