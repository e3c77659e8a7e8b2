import ArgumentParser
import Foundation
import NewsSearch

/// `newssearch stats`: what an index holds.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Show what an index holds.",
        discussion: """
            Articles, sections, files, distinct terms, megabytes of text and of index, FTS5 segments \
            (`newssearch optimize` merges them) and the last index run.

            Examples:
              newssearch stats
              newssearch stats --index /tmp/bbc.db --json
            """)

    @OptionGroup var location: IndexLocation

    @Flag(help: "One JSON object.")
    var json = false

    func run() throws {
        let stats: IndexStats
        do {
            stats = try IndexStats(store: location.store())
        } catch {
            throw fail(error)
        }
        if json {
            print(try JSONOutput.text(stats))
            return
        }
        print("index:     " + TerminalText.sanitised(location.path))
        print("articles:  \(stats.articles)")
        print("sections:  \(stats.sections)")
        print("files:     \(stats.files)")
        print("terms:     \(stats.terms)")
        print(String(format: "text:      %.1f MB", stats.textMB))
        print(String(format: "index:     %.1f MB", stats.indexMB))
        print("segments:  \(stats.segments)")
        if let last = stats.lastRun { print("last run:  " + TerminalText.sanitised(last)) }
    }
}
