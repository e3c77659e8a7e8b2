import Testing

/// Exit status: 0 when a command did its job, 1 when it could not, 2 for unusable input.
@Suite struct ExitStatusTests {
    @Test func aSearchWithOrWithoutHitsSucceeds() throws {
        let seeds = try Scratch.seeds()
        #expect(try CLI.run(["search", "Kaesong", "--index", seeds.index]).status == 0)
        #expect(try CLI.run(["search", "zzqxv", "--index", seeds.index]).status == 0)
    }

    @Test func aMissingIndexIsAFailure() throws {
        let scratch = Scratch()
        let result = try CLI.run(["search", "korea", "--index", scratch.path + "/none.db"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("newssearch: "))
    }

    @Test func anUnusableQueryOrCommandLineIsStatusTwo() throws {
        let seeds = try Scratch.seeds()
        let query = try CLI.run(["search", "(korea", "--index", seeds.index])
        #expect(query.status == 2)
        #expect(query.stderr.contains("never closed"))
        #expect(try CLI.run(["search", "korea", "--limit", "0", "--index", seeds.index]).status == 2)
        #expect(try CLI.run(["search", "korea", "--marker", "[", "--index", seeds.index]).status == 2)
        #expect(try CLI.run(["frobnicate"]).status == 2)
    }

    @Test func helpAndVersionSucceed() throws {
        #expect(try CLI.run(["--help"]).status == 0)
        #expect(try CLI.run(["search", "--help"]).status == 0)
        #expect(try CLI.run(["--version"]).status == 0)
    }
}
