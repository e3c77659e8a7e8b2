import ArgumentParser
import Foundation
import NewsSearch

/// `newssearch search QUERY`: ranked hits with snippets.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search an index by keyword, phrase, field or proximity.",
        discussion: """
            Query language: bare words are all required; OR between words or groups; -word or NOT word
            excludes; "exact phrase"; word* for a prefix; ( ) to group; title:, heading:, author: and body:
            restrict to a field; NEAR(a b, N) or "a b"~N for proximity. Lowercase and/or/not are words.
            """)

    @Argument(help: "The query.")
    var query: String

    @OptionGroup var location: IndexLocation

    @Option(help: ArgumentHelp("Index this directory first (incrementally), then search.", valueName: "dir"))
    var from: [String] = []

    @Option(help: "Number of hits to show.") var limit = 10
    @Option(help: "Number of hits to skip (for paging).") var offset = 0
    @Flag(help: "Any word may match (OR), ranked by how many match; common words dropped.") var any = false
    @Option(help: "Ranking function: bm25f (ours) or fts5 (FTS5's bm25(), the baseline).") var ranker: Ranker = .bm25f
    @Flag(help: "List each article's other matching sections.") var sections = false
    @Flag(help: "Return matching sections, not articles.") var sectionsOnly = false
    @Flag(help: "Show each hit's score decomposition.") var explain = false
    @Flag(help: "JSON Lines: one object per hit, then a summary object.") var json = false
    @Option(help: "Colour: auto, always or never.") var color: ColorChoice = .auto
    @Flag(help: "Do not show snippets.") var noSnippet = false
    @Option(help: "Snippet length in characters.") var snippetLength = SnippetOptions.defaultLength
    @Option(help: "Most snippet fragments joined with ' … '.") var fragments = 1
    @Option(parsing: .upToNextOption, help: ArgumentHelp("Plain-text highlight markers, e.g. --marker '[' ']'.", valueName: "open close"))
    var marker: [String] = []
    @Flag(help: "Snippets as HTML with <mark> (text escaped).") var html = false
    @OptionGroup var ranking: RankingFlags

    func validate() throws {
        guard limit > 0, limit <= 10_000 else { throw ValidationError("--limit must be between 1 and 10000") }
        guard offset >= 0 else { throw ValidationError("--offset must be 0 or more") }
        guard marker.isEmpty || marker.count == 2 else { throw ValidationError("--marker takes two strings: open and close") }
    }

    func run() throws {
        let indexPath = location.path
        do {
            if !from.isEmpty {
                let summary = try IndexRunner.run(roots: from, indexPath: indexPath, quiet: json, verbose: false)
                if summary.filesIndexed > 0 || summary.filesRemoved > 0, !json { report(summary.line) }
            } else if location.index == nil, !FileManager.default.fileExists(atPath: indexPath),
                      FileManager.default.fileExists(atPath: "seeds") {
                report("no index yet: indexing ./seeds into \(indexPath) first")
                _ = try IndexRunner.run(roots: ["seeds"], indexPath: indexPath, quiet: true, verbose: false)
            }
            let engine = try SearchEngine(store: IndexStore(path: indexPath))
            var options = SearchOptions()
            options.limit = limit
            options.offset = offset
            options.mode = any ? .any : .all
            options.ranker = ranker
            options.parameters = ranking.isEmpty ? nil : ranking.applied(to: engine.storedParameters())
            options.sectionsOnly = sectionsOnly
            options.listSections = sections
            options.explain = explain
            options.snippet = noSnippet ? nil : SnippetOptions(length: snippetLength, fragments: fragments)
            let results = try engine.search(query, options: options)
            if json {
                for hit in results.hits { print(SearchJSON.line(for: hit)) }
                print(SearchJSON.summaryLine(for: results))
            } else {
                let style: HitRenderer.SnippetStyle = html ? .html
                    : marker.count == 2 ? .markers(marker[0], marker[1])
                    : color.enabled ? .ansi : .plain
                print(HitRenderer(style: style, colour: color.enabled).render(results), terminator: "")
            }
        } catch let error as SearchError {
            if case .query = error { throw fail(error, code: 2) }
            throw fail(error)
        } catch let error as ValidationError {
            throw error
        } catch {
            throw fail(error)
        }
    }
}
