import Foundation
import Testing
import NewsSearchTestSupport

/// Output on a real (pseudo-)terminal: widths, wrapping, colour, `--quiet`.
@Suite struct TerminalOutputTests {
    /// Lines of terminal output with the colour codes taken out.
    static func visibleLines(_ text: String) -> [String] {
        let plain = text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        return plain.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
    }

    @Test func theProgressLineFitsANarrowTerminal() throws {
        let scratch = TemporaryDirectory()
        guard let result = try CLI.runOnTerminal(["index", TestSupport.seedsDirectory, "--index", scratch.indexPath], columns: 30) else { return }
        #expect(result.status == 0)
        let redraws = result.stdout.components(separatedBy: "\r\u{1B}[2K").dropFirst().map { $0.components(separatedBy: "\r")[0] }
        let progress = redraws.filter { $0.hasPrefix("indexing:") }
        #expect(!progress.isEmpty, "no progress line in \(result.stdout.debugDescription)")
        #expect(progress.allSatisfy { $0.count <= 29 }, "\(progress)")
    }

    @Test func snippetsWrapAtWordsWithAHangingIndentOnATerminal() throws {
        let seeds = try TemporaryDirectory.indexingSeeds()
        guard let result = try CLI.runOnTerminal(["search", "Kaesong", "--index", seeds.indexPath], columns: 200,
                                                 environment: ["COLUMNS": "50"]) else { return }
        #expect(result.status == 0)
        let lines = Self.visibleLines(result.stdout)
        // Rank and title, then where and who, then the snippet up to the blank line.
        let body = lines.dropFirst(2).prefix { !$0.isEmpty }
        #expect(body.count >= 2, "snippet not wrapped: \(lines)")
        #expect(body.allSatisfy { $0.count <= 50 && $0.hasPrefix("    ") && !$0.hasPrefix("     ") }, "\(body)")
        #expect(body.map { $0.dropFirst(4) }.joined(separator: " ").contains("the now-defunct Kaesong Industrial Complex"))
    }

    @Test func snippetsAreNotWrappedForAPipe() throws {
        let seeds = try TemporaryDirectory.indexingSeeds()
        let result = try CLI.run(["search", "Kaesong", "--index", seeds.indexPath], environment: ["COLUMNS": "50"])
        let snippet = try #require(result.stdout.components(separatedBy: "\n").first { $0.contains("Kaesong Industrial") })
        #expect(snippet.count > 50)
    }

    @Test func colourOnATerminalButNotForTermDumbOrNoColor() throws {
        let seeds = try TemporaryDirectory.indexingSeeds()
        guard let colour = try CLI.runOnTerminal(["search", "Kaesong", "--index", seeds.indexPath], columns: 100) else { return }
        #expect(colour.stdout.contains("\u{1B}[1;33mKaesong"))
        let dumb = try #require(try CLI.runOnTerminal(["search", "Kaesong", "--index", seeds.indexPath], columns: 100,
                                                      environment: ["TERM": "dumb"]))
        #expect(!dumb.stdout.contains("\u{1B}["))
        let noColor = try #require(try CLI.runOnTerminal(["search", "Kaesong", "--index", seeds.indexPath], columns: 100,
                                                         environment: ["NO_COLOR": "1"]))
        #expect(!noColor.stdout.contains("\u{1B}["))
    }

    @Test func colourAndMarkerChoices() throws {
        let seeds = try TemporaryDirectory.indexingSeeds()
        let always = try CLI.run(["search", "Kaesong", "--index", seeds.indexPath, "--color", "always"])
        #expect(always.stdout.contains("\u{1B}[1;33mKaesong\u{1B}[0m"))
        let never = try CLI.run(["search", "Kaesong", "--index", seeds.indexPath, "--color", "never"])
        #expect(!never.stdout.contains("\u{1B}"))
        let piped = try CLI.run(["search", "Kaesong", "--index", seeds.indexPath])
        #expect(!piped.stdout.contains("\u{1B}"))
        let markers = try CLI.run(["search", "Kaesong", "--index", seeds.indexPath, "--marker", "[", "]", "--color", "always"])
        #expect(markers.stdout.contains("[Kaesong]"))
        #expect(!markers.stdout.contains("\u{1B}[1;33m"))
    }

    @Test func quietIndexingPrintsNothingOnSuccess() throws {
        let scratch = TemporaryDirectory()
        let piped = try CLI.run(["index", TestSupport.seedsDirectory, "--index", scratch.indexPath, "--quiet"])
        #expect(piped.status == 0)
        #expect(piped.stdout.isEmpty && piped.stderr.isEmpty)
        guard let terminal = try CLI.runOnTerminal(["index", TestSupport.seedsDirectory, "--index", scratch.indexPath + "2", "--quiet"],
                                                   columns: 80) else { return }
        #expect(terminal.status == 0)
        #expect(terminal.stdout.isEmpty, "\(terminal.stdout.debugDescription)")
    }
}
