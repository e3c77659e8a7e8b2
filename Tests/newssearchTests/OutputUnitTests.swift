import Testing
import NewsSearch
@testable import newssearch

/// The CLI's renderers and choices, without a process.
@Suite struct OutputUnitTests {
    @Test func wrappingKeepsAHighlightAcrossALineBreak() {
        let snippet = Snippet(text: "one two three four", highlights: [4..<13])
        let layout = SnippetLayout(style: .markers("[", "]"), width: 14)
        #expect(layout.render(snippet) == "    one [two]\n    [three]\n    four\n")
    }

    @Test func noWidthMeansOneLine() {
        let snippet = Snippet(text: "one two three four", highlights: [4..<7])
        #expect(SnippetLayout(style: .ansi, width: nil).render(snippet) == "    one \u{1B}[1;33mtwo\u{1B}[0m three four\n")
    }

    @Test func aWordLongerThanTheLineGetsALineOfItsOwn() {
        let snippet = Snippet(text: "a supercalifragilistic b", highlights: [])
        #expect(SnippetLayout(style: .plain, width: 12).render(snippet) == "    a\n    supercalifragilistic\n    b\n")
    }

    @Test func fittedLinesLeaveTheLastColumnFree() {
        #expect(Terminal.fitted("indexing: 10/20 files", columns: 12) == "indexing: …")
        #expect(Terminal.fitted("short", columns: 12) == "short")
        #expect(Terminal.fitted("anything at all", columns: nil) == "anything at all")
    }

    @Test func autoColourNeedsATerminalThatCanShowIt() {
        #expect(Terminal.wantsColour(environment: ["TERM": "xterm"], isTerminal: true))
        #expect(!Terminal.wantsColour(environment: ["TERM": "dumb"], isTerminal: true))
        #expect(!Terminal.wantsColour(environment: ["NO_COLOR": ""], isTerminal: true))
        #expect(!Terminal.wantsColour(environment: [:], isTerminal: false))
    }

    @Test func wrapWidthHonoursColumnsOnlyOnATerminal() {
        #expect(Terminal.wrapColumns(environment: ["COLUMNS": "72"], isTerminal: true) == 72)
        #expect(Terminal.wrapColumns(environment: ["COLUMNS": "72"], isTerminal: false) == nil)
    }

    @Test func countsAgreeWithTheirNouns() {
        #expect(Counted.noun(1, "article") == "1 article")
        #expect(Counted.noun(0, "article") == "0 articles")
        #expect(Counted.noun(2, "matching section") == "2 matching sections")
    }

    @Test func queryWordsAfterTheTerminatorMayStartWithDashes() {
        let arguments = ["newssearch", "search", "--", "-china", "trade"]
        #expect(QueryWords.misreadOption(in: arguments, words: ["--", "-china", "trade"]) == nil)
        #expect(QueryWords.query(from: ["--", "-china", "trade"], arguments: arguments) == ["-china", "trade"])
        #expect(QueryWords.misreadOption(in: ["newssearch", "search", "-china"], words: ["-china"]) == "-china")
        #expect(QueryWords.misreadOption(in: ["newssearch", "search", "trade", "-china"], words: ["trade", "-china"]) == nil)
    }
}
