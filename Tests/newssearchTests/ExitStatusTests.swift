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

    /// Commands other than search: what cannot be found is 1, with one line naming it and
    /// what to use instead; an option value the command does not know is 2.
    @Test func otherCommandsFailTheSameWay() throws {
        let seeds = try TemporaryDirectory.indexingSeeds()
        let unknown = try CLI.run(["show", "999", "--index", seeds.indexPath])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "newssearch: no article `999` in the index: use an id from a search hit ([show N]) or an indexed PATH#RECORD\n")
        let missing = try CLI.run(["parse", seeds.path + "/none.txt"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("newssearch: ") && missing.stderr.contains("none.txt: cannot read file"), "\(missing.stderr)")
        let noIndex = try CLI.run(["stats", "--index", seeds.path + "/none.db"])
        #expect(noIndex.status == 1)
        #expect(noIndex.stderr.contains("build one with `newssearch index DIR --index"), "\(noIndex.stderr)")
        #expect(try CLI.run(["export", "--format", "xml", "--index", seeds.indexPath]).status == 2)
        #expect(try CLI.run(["timeline", "korea", "--by", "century", "--index", seeds.indexPath]).status == 2)
        #expect(try CLI.run(["show", "1", "--index", seeds.indexPath]).status == 0)
    }

    @Test func helpAndVersionSucceed() throws {
        #expect(try CLI.run(["--help"]).status == 0)
        #expect(try CLI.run(["search", "--help"]).status == 0)
        #expect(try CLI.run(["--version"]).status == 0)
    }
}
