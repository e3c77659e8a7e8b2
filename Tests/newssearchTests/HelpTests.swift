import Testing
import NewsSearch

/// `--version`, help texts and shell completions.
@Suite struct HelpTests {
    static let subcommands = ["index", "search", "parse", "stats", "optimize", "config", "bench", "eval", "generate"]

    @Test func versionIsTheLibrarysVersion() throws {
        let result = try CLI.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == NewsSearchVersion.current + "\n")
    }

    /// On a wide screen the parser does not wrap, so a paragraph that is one line in
    /// the output was written as a paragraph, not hard-wrapped.
    @Test(arguments: [[], ["search"], ["bench"], ["eval"]])
    func helpParagraphsAreNotHardWrapped(command: [String]) throws {
        let result = try CLI.run(command + ["--help"], environment: ["COLUMNS": "1000"])
        let discussion = result.stdout.components(separatedBy: "\n\nUSAGE:")[0]
        let paragraphs = discussion.components(separatedBy: "\n\n").dropFirst()
            .filter { !$0.hasPrefix("Examples:") }
        #expect(!paragraphs.isEmpty)
        for paragraph in paragraphs {
            #expect(!paragraph.contains("\n"), "hard line break in: \(paragraph)")
        }
    }

    @Test(arguments: subcommands)
    func everySubcommandHelpEndsWithExamples(command: String) throws {
        let result = try CLI.run([command, "--help"], environment: ["COLUMNS": "1000"])
        let discussion = result.stdout.components(separatedBy: "\n\nUSAGE:")[0]
        let examples = try #require(discussion.components(separatedBy: "Examples:\n").dropFirst().first, "no examples in \(command) --help")
        let lines = examples.split(separator: "\n")
        #expect((2...3).contains(lines.count))
        #expect(lines.allSatisfy { $0.hasPrefix("  newssearch \(command)") })
    }

    @Test func rankingFlagsHaveTheirOwnHeading() throws {
        let help = try CLI.run(["search", "--help"]).stdout
        let ranking = try #require(help.components(separatedBy: "RANKING:\n").dropFirst().first)
        let group = ranking.components(separatedBy: "\n\n")[0]
        #expect(group.contains("--k1") && group.contains("--feedback-weight"))
        let options = try #require(help.components(separatedBy: "OPTIONS:\n").dropFirst().first)
        #expect(!options.contains("--k1") && options.contains("--limit"))
    }

    @Test func searchHelpDocumentsTheTerminator() throws {
        let help = try CLI.run(["search", "--help"], environment: ["COLUMNS": "1000"]).stdout
        #expect(help.contains("newssearch search -- -china trade"))
    }

    @Test func completionsOfferFilesAndDirectoriesForPaths() throws {
        let script = try CLI.run(["--generate-completion-script", "bash"]).stdout
        func body(of function: String) -> String {
            script.components(separatedBy: "\(function)() {").dropFirst().first?.components(separatedBy: "\n}\n").first ?? ""
        }
        let index = body(of: "_newssearch_index"), parse = body(of: "_newssearch_parse"), search = body(of: "_newssearch_search")
        #expect(index.contains("__newssearch_add_completions -d"))
        #expect(index.contains("'--index')\n        __newssearch_add_completions -f"))
        #expect(parse.contains("__newssearch_add_completions -f"))
        #expect(search.contains("'--from')\n        __newssearch_add_completions -d"))
    }
}
