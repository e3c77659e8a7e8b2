import Testing

/// `--explain` and the hit line as a user reads them.
@Suite struct ExplainOutputTests {
    @Test func eachPhraseIsNamedByItsWords() throws {
        let seeds = try Scratch.seeds()
        let result = try CLI.run(["search", "\"border closure\"", "korea", "--explain", "--index", seeds.index, "--color", "never"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(" = \"border closure\": idf "))
        #expect(result.stdout.contains(" = korea: idf "))
        #expect(!result.stdout.contains("phrase 0"))
    }

    @Test func aPrefixIsNamedWithItsStar() throws {
        let seeds = try Scratch.seeds()
        let result = try CLI.run(["search", "denuclear*", "--explain", "--index", seeds.index, "--color", "never"])
        #expect(result.stdout.contains(" = denuclear*: idf "))
    }

    @Test func anAuthorMatchShowsTheAuthorInTheHitLine() throws {
        let seeds = try Scratch.seeds()
        let result = try CLI.run(["search", "author:hurll", "--index", seeds.index, "--color", "never"])
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count > 2)
        #expect(lines.dropFirst().first?.contains("Brett Hurll · score") == true)
    }
}
