import Testing
import NewsSearchTestSupport

/// `--explain` and the hit line as a user reads them.
@Suite struct ExplainOutputTests {
    @Test func eachPhraseIsNamedByItsWords() throws {
        let seeds = try TemporaryDirectory.indexingSeeds()
        let result = try CLI.run(["search", "\"border closure\"", "korea", "--explain", "--index", seeds.indexPath, "--color", "never"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(" = \"border closure\": idf "))
        #expect(result.stdout.contains(" = korea: idf "))
        #expect(!result.stdout.contains("phrase 0"))
    }

    @Test func aPrefixIsNamedWithItsStar() throws {
        let seeds = try TemporaryDirectory.indexingSeeds()
        let result = try CLI.run(["search", "denuclear*", "--explain", "--index", seeds.indexPath, "--color", "never"])
        #expect(result.stdout.contains(" = denuclear*: idf "))
    }

    /// The snippet cannot show an author match, so the hit line marks it.
    @Test func anAuthorMatchIsMarkedInTheHitLine() throws {
        let seeds = try TemporaryDirectory.indexingSeeds()
        let result = try CLI.run(["search", "author:hurll", "--index", seeds.indexPath, "--marker", "[", "]"])
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count > 2)
        #expect(lines.dropFirst().first?.contains("  [Brett Hurll] · score") == true)
        let colour = try CLI.run(["search", "author:hurll", "--index", seeds.indexPath, "--color", "always"])
        #expect(colour.stdout.contains("\u{1B}[0;1;33mBrett Hurll\u{1B}[0;2m"))
        let other = try CLI.run(["search", "Kaesong", "--index", seeds.indexPath, "--marker", "[", "]"])
        #expect(other.stdout.contains("  Brett Hurll · score"))
    }
}
