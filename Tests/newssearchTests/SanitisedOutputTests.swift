import Testing
import NewsSearchTestSupport

/// Data never reaches the terminal raw (issue 12): escapes in file names and fields are
/// shown, not obeyed.
@Suite struct SanitisedOutputTests {
    static let osc = "\u{1B}]0;pwned\u{07}"
    static let link = "\u{1B}]8;;http://evil.example/\u{1B}\\click\u{1B}]8;;\u{1B}\\"

    /// No ESC, BEL or C1 CSI anywhere.
    static func isClean(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B }
    }

    static func hostile() throws -> TemporaryDirectory {
        try TemporaryDirectory.indexing([
            "evil\(osc).txt": "Zeppelin \u{9B}31m title\nThe zeppelin report\(osc) was read.\n",
            "feed.jsonl": #"{"id": "x\u001b]0;id\u0007", "title": "Kraken \u001b[2J news", "author": "Eve\u001b]0;a\u0007", "date": "2020\u001b[31m", "text": "A kraken was seen."}"# + "\n",
        ])
    }

    @Test func searchShowsFileNamesAndFieldsEscaped() throws {
        let scratch = try Self.hostile()
        let zeppelin = try CLI.run(["search", "zeppelin", "--index", scratch.indexPath, "--color", "never"])
        #expect(zeppelin.status == 0, "\(zeppelin.stderr)")
        #expect(Self.isClean(zeppelin.stdout))
        #expect(zeppelin.stdout.contains(#"evil\x1b]0;pwned\x07.txt"#))
        #expect(zeppelin.stdout.contains(#"Zeppelin \x9b31m title"#))
        let kraken = try CLI.run(["search", "kraken", "--index", scratch.indexPath, "--color", "never"])
        #expect(Self.isClean(kraken.stdout))
        #expect(kraken.stdout.contains(#"(id x\x1b]0;id\x07)"#))
        #expect(kraken.stdout.contains(#"Eve\x1b]0;a\x07 · 2020\x1b[31m · score"#))
    }

    @Test func colourStaysButDataEscapesDoNot() throws {
        let scratch = try Self.hostile()
        let result = try CLI.run(["search", "zeppelin", "--index", scratch.indexPath, "--color", "always"])
        #expect(result.stdout.contains("\u{1B}[1m"))
        #expect(!result.stdout.contains(Self.osc))
        #expect(!result.stdout.unicodeScalars.contains { $0.value == 0x07 || $0.value == 0x9B })
    }

    @Test func parseShowsLinksAndTitlesEscaped() throws {
        let scratch = TemporaryDirectory()
        let file = scratch.write("page\(Self.osc).txt", "Read \(Self.link) now\nBody text of the page\(Self.osc) is here.\nAuthor: Mallory\u{9B}2J\n")
        let result = try CLI.run(["parse", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.isClean(result.stdout))
        #expect(result.stdout.contains(#"page\x1b]0;pwned\x07.txt: "#))
        #expect(result.stdout.contains(#"Mallory\x9b2J"#))
    }

    @Test func parseShowsJSONFieldsEscaped() throws {
        let scratch = TemporaryDirectory()
        let file = scratch.write("feed.jsonl", #"{"id": "\u001b]8;;http://evil.example/\u001b\\click", "title": "T\u009b2J", "date": "2020\u0007", "text": "Some text here."}"# + "\n")
        let result = try CLI.run(["parse", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.isClean(result.stdout))
        #expect(result.stdout.contains(#"id: \x1b]8;;http://evil.example/\x1b\click"#))
        #expect(result.stdout.contains(#"record 1: T\x9b2J"#))
        #expect(result.stdout.contains(#"date: 2020\x07"#))
    }

    @Test func skippedFileMessagesAreEscaped() throws {
        let scratch = TemporaryDirectory()
        scratch.write("dumps/empty\(Self.osc).txt", "")
        scratch.write("dumps/fine.txt", "Fine\nA fine article.\n")
        let result = try CLI.run(["index", scratch.path + "/dumps", "--index", scratch.indexPath])
        #expect(result.status == 0)
        #expect(result.stderr.contains(#"empty\x1b]0;pwned\x07.txt"#))
        #expect(Self.isClean(result.stderr))
    }

    @Test func statsShowsThePathEscaped() throws {
        let scratch = TemporaryDirectory()
        scratch.write("dumps/fine.txt", "Fine\nA fine article.\n")
        let index = scratch.path + "/in\(Self.osc).db"
        #expect(try CLI.run(["index", scratch.path + "/dumps", "--index", index, "--quiet"]).status == 0)
        let result = try CLI.run(["stats", "--index", index])
        #expect(Self.isClean(result.stdout))
        #expect(result.stdout.contains(#"in\x1b]0;pwned\x07.db"#))
    }

    @Test func jsonKeepsTheEncodersOwnEscapes() throws {
        let scratch = try Self.hostile()
        let result = try CLI.run(["search", "kraken", "--index", scratch.indexPath, "--json"])
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(result.stdout.contains(#""author":"Eve\u001b]0;a\u0007""#))
    }
}
