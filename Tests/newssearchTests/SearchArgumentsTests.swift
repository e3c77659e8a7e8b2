import Testing
import NewsSearchTestSupport

/// How `search` reads its command line (issue 13: queries with dashes, unquoted words).
@Suite struct SearchArgumentsTests {
    @Test func unquotedWordsAreOneQuery() throws {
        let seeds = try TemporaryDirectory.indexingSeeds()
        let unquoted = try CLI.run(["search", "china", "trade", "--index", seeds.indexPath, "--json"])
        let quoted = try CLI.run(["search", "china trade", "--index", seeds.indexPath, "--json"])
        #expect(unquoted.status == 0, "\(unquoted.stderr)")
        #expect(unquoted.stdout.contains(#""query":"china trade""#))
        #expect(unquoted.stdout.split(separator: "\n").dropLast() == quoted.stdout.split(separator: "\n").dropLast())
    }

    @Test func aDashWordAfterTheFirstWordExcludes() throws {
        let seeds = try TemporaryDirectory.indexingSeeds()
        let result = try CLI.run(["search", "trade", "-china", "--index", seeds.indexPath, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(#""query":"trade -china""#))
        #expect(result.stdout.contains("NOT"))
    }

    @Test func aQueryStartingWithADashIsAUsageErrorWithAHint() throws {
        let seeds = try TemporaryDirectory.indexingSeeds()
        let result = try CLI.run(["search", "-china", "trade", "--index", seeds.indexPath])
        #expect(result.status == 2)
        #expect(!result.stdout.contains("OVERVIEW"))
        #expect(result.stderr.contains("'-china' is not an option"))
        #expect(result.stderr.contains("newssearch search -- -china trade"))
    }

    @Test func aQueryAfterTheTerminatorMayStartWithADash() throws {
        let seeds = try TemporaryDirectory.indexingSeeds()
        let result = try CLI.run(["search", "--index", seeds.indexPath, "--json", "--", "-china", "trade"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(#""query":"-china trade""#))
    }

    @Test func knownOptionsWorkAnywhereOnTheLine() throws {
        let seeds = try TemporaryDirectory.indexingSeeds()
        let result = try CLI.run(["search", "korea", "--limit", "1", "border", "--index", seeds.indexPath, "--json", "closure"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(#""query":"korea border closure""#))
        #expect(result.stdout.contains(#""returned":1"#))
    }

    @Test func aMisspeltOptionIsRefusedNotSearched() throws {
        let seeds = try TemporaryDirectory.indexingSeeds()
        let result = try CLI.run(["search", "korea", "--limt", "5", "--index", seeds.indexPath])
        #expect(result.status == 2)
        #expect(result.stderr.contains("'--limt' is not an option"))
    }

    @Test func noQueryIsAUsageError() throws {
        let seeds = try TemporaryDirectory.indexingSeeds()
        let result = try CLI.run(["search", "--index", seeds.indexPath])
        #expect(result.status == 2)
        #expect(result.stderr.contains("give a query"))
    }

    @Test func wordsAfterTheMarkersAreQueryWords() throws {
        let seeds = try TemporaryDirectory.indexingSeeds()
        let result = try CLI.run(["search", "korea", "--marker", "[", "]", "border", "--index", seeds.indexPath, "--limit", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("[border]") || result.stdout.contains("[Border]"))
        let first = try CLI.run(["search", "--marker", "<", ">", "Kaesong", "--index", seeds.indexPath])
        #expect(first.stdout.contains("<Kaesong>"))
    }
}
