import Testing
import NewsSearchTestSupport

/// Exit status: 0 when a command did its job, 1 when it could not, 2 for unusable input.
@Suite struct ExitStatusTests {
    @Test func aSearchWithOrWithoutHitsSucceeds() throws {
        let seeds = try TemporaryDirectory.indexingSeeds()
        #expect(try CLI.run(["search", "Kaesong", "--index", seeds.indexPath]).status == 0)
        #expect(try CLI.run(["search", "zzqxv", "--index", seeds.indexPath]).status == 0)
    }

    @Test func aMissingIndexIsAFailure() throws {
        let scratch = TemporaryDirectory()
        let result = try CLI.run(["search", "korea", "--index", scratch.path + "/none.db"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("newssearch: "))
    }

    @Test func anUnusableQueryOrCommandLineIsStatusTwo() throws {
        let seeds = try TemporaryDirectory.indexingSeeds()
        let query = try CLI.run(["search", "(korea", "--index", seeds.indexPath])
        #expect(query.status == 2)
        #expect(query.stderr.contains("never closed"))
        #expect(try CLI.run(["search", "korea", "--limit", "0", "--index", seeds.indexPath]).status == 2)
        #expect(try CLI.run(["search", "korea", "--marker", "[", "--index", seeds.indexPath]).status == 2)
        #expect(try CLI.run(["frobnicate"]).status == 2)
    }

    @Test func helpAndVersionSucceed() throws {
        #expect(try CLI.run(["--help"]).status == 0)
        #expect(try CLI.run(["search", "--help"]).status == 0)
        #expect(try CLI.run(["--version"]).status == 0)
    }
}
