import ArgumentParser
import Foundation
import NewsSearch

/// `newssearch search WORDS...`: ranked hits with snippets.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search an index by keyword, phrase, field or proximity.",
        discussion: """
            The words after `search` are the query, quoted or not: `newssearch search korea border` and \
            `newssearch search 'korea border'` are the same search. Options may come anywhere on the line.

            Query language: bare words are all required; OR between words or groups; -word or NOT word \
            excludes; "exact phrase"; word* for a prefix; ( ) to group; title:, heading:, author: and body: \
            restrict to a field; NEAR(a b, N) or "a b"~N for proximity; source:, category:, place: and lang: \
            filter the whole query like --source (an unknown name: is an error). Date filters and date sorts \
            leave out or put last the articles without a date. Lowercase and, or and not are words. \
            Quote phrases for the shell: `newssearch search '"border closure"'`.

            A query that starts with a dash must follow `--`, so that it is not read as an option: \
            `newssearch search -- -china trade`. After the first word, -word excludes without that: \
            `newssearch search trade -china`.

            Exit status: 0 when the search ran (with or without hits), 1 when it could not run (no index, \
            a damaged index), 2 for an unusable query or command line.

            Examples:
              newssearch search korea border closure
              newssearch search '"calibrated pressure"' --sections --json
              newssearch search 'category:crude opec' --since 1987-03 --sort newest --facets source,month
            """)

    @Argument(parsing: .allUnrecognized,
              help: ArgumentHelp("The query: every word after the options (see the query language below).", valueName: "query"))
    var words: [String] = []

    @OptionGroup var location: IndexLocation

    @Option(help: ArgumentHelp("Index this directory first (incrementally), then search.", valueName: "dir"),
            completion: .directory)
    var from: [String] = []

    @Option(help: "Number of hits to show.") var limit = 10
    @Option(help: "Number of hits to skip (for paging).") var offset = 0
    @Flag(help: "Any word may match (OR), ranked by how many match; common words dropped.") var any = false
    @Flag(help: "List each article's other matching sections.") var sections = false
    @Flag(help: "Return matching sections, not articles.") var sectionsOnly = false
    @Flag(help: "Show each hit's score decomposition.") var explain = false
    @Option(help: "Stop a search that runs longer than this many seconds (0: no limit).") var timeLimit = 30.0
    @Flag(help: "JSON Lines: one object per hit, then a summary object.") var json = false
    @Option(help: "Colour: auto (a terminal, unless NO_COLOR is set or TERM=dumb), always or never.")
    var color: ColorChoice = .auto
    @Flag(help: "Do not show snippets.") var noSnippet = false
    @Option(help: "Snippet length in characters.") var snippetLength = SnippetOptions.defaultLength
    @Option(help: "Up to this many snippet fragments, each around different matches, joined with ' … '.")
    var fragments = 1
    @Option(parsing: .upToNextOption, help: ArgumentHelp("Plain-text highlight markers, e.g. --marker '[' ']'.", valueName: "open close"))
    var marker: [String] = []
    @Flag(help: "HTML: every piece of text escaped, highlights in <mark>.") var html = false
    @Option(help: "Ranking function: bm25f (ours) or fts5 (FTS5's bm25(), the baseline).") var ranker: Ranker = .bm25f
    @OptionGroup(title: "Dates and filters") var workflow: WorkflowFlags
    @Option(help: "Order: relevance (default), newest or oldest (ties by relevance; undated articles last).")
    var sort: SearchSort = .relevance
    @Option(help: ArgumentHelp("Boost recent articles: scores times 0.5^(age / span), age back from the newest article (e.g. 30d); the factor shows in --explain.", valueName: "span"))
    var recencyHalfLife: String?
    @Option(help: ArgumentHelp("Count matching articles per value (top 10 each) of: source, category, author, place, lang, year, month (comma-separated).", valueName: "fields"))
    var facets: String?
    @Flag(help: "Print only the number of matching articles (exact).") var count = false
    @Flag(help: "Score every match (the reference the default pruned search equals; totals exact).") var exhaustive = false
    @Flag(help: "Print only the dump files with matching articles, one per line (as rg -l).") var filesWithMatches = false
    @OptionGroup(title: "Ranking") var ranking: RankingFlags

    /// The query text: the words joined with spaces.
    var query: String { QueryWords.query(from: words, arguments: CommandLine.arguments).joined(separator: " ") }

    mutating func validate() throws {
        // `--marker` takes the values up to the next option: words after its two are
        // query words (`search korea --marker '[' ']' border`).
        if marker.count > 2 {
            let extra = Array(marker[2...])
            marker = Array(marker.prefix(2))
            let markerFirst = CommandLine.arguments.firstIndex(of: "--marker").map { position in
                words.first.flatMap { CommandLine.arguments.firstIndex(of: $0) }.map { position < $0 } ?? true
            } ?? false
            words = markerFirst ? extra + words : words + extra
        }
        if let word = QueryWords.misreadOption(in: CommandLine.arguments, words: words) {
            let typed = TerminalText.sanitised(words.joined(separator: " "))
            throw ValidationError("'\(TerminalText.sanitised(word))' is not an option of search; for query words that start with a dash, put them after --: newssearch search -- \(typed)")
        }
        guard !query.allSatisfy(\.isWhitespace) else {
            throw ValidationError("give a query, e.g. newssearch search korea border")
        }
        guard limit > 0, limit <= 10_000 else { throw ValidationError("--limit must be between 1 and 10000") }
        guard offset >= 0 else { throw ValidationError("--offset must be 0 or more") }
        guard marker.isEmpty || marker.count == 2 else { throw ValidationError("--marker takes two strings: open and close") }
    }

    func run() throws {
        HeapTuning.keepLargeBuffers()
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
            let engine = try SearchEngine(store: location.store())
            var options = SearchOptions()
            options.limit = limit
            options.offset = offset
            options.mode = any ? .any : .all
            options.ranker = ranker
            options.parameters = ranking.isEmpty ? nil : ranking.applied(to: engine.storedParameters())
            options.sectionsOnly = sectionsOnly
            options.listSections = sections
            options.explain = explain
            options.timeLimit = timeLimit > 0 ? timeLimit : nil
            options.folders = from.map(DumpWalker.absolute)
            options.snippet = noSnippet ? nil : SnippetOptions(length: snippetLength, fragments: fragments)
            try workflow.apply(to: &options)
            options.sort = sort
            options.recencyHalfLife = try recencyHalfLife.map(SpanArgument.seconds)
            options.facets = try facetFields()
            if filesWithMatches {
                for path in try engine.matchingFiles(query, options: options) { print(TerminalText.sanitised(path)) }
                return
            }
            options.countOnly = count
            options.exhaustive = exhaustive
            let results = try engine.search(query, options: options)
            if count {
                print(json ? "{\"total\":\(results.total),\"type\":\"count\"}" : "\(results.total)")
                return
            }
            if json {
                for hit in results.hits { print(SearchJSON.line(for: hit)) }
                print(SearchJSON.summaryLine(for: results))
            } else {
                print(renderer(mode: options.mode).render(results), terminator: "")
                if !results.facets.isEmpty { print(FacetRenderer.render(results.facets, order: options.facets), terminator: "") }
            }
        } catch let error as SearchError {
            switch error {
            case .query, .tooSlow: throw fail(error, code: 2)
            default: break
            }
            throw fail(error)
        } catch let error as ValidationError {
            throw error
        } catch {
            throw fail(error)
        }
    }

    /// `--facets source,year` as fields.
    private func facetFields() throws -> [FacetField] {
        guard let facets else { return [] }
        return try facets.split(separator: ",").map { name in
            guard let field = FacetField(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw ValidationError("--facets: `\(name)` is not a facet; use \(FacetField.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return field
        }
    }

    /// The renderer the flags and the terminal ask for.
    private func renderer(mode: QueryParser.Mode) -> HitRenderer {
        let style: HitRenderer.SnippetStyle = html ? .html
            : marker.count == 2 ? .markers(marker[0], marker[1])
            : color.enabled ? .ansi : .plain
        let request = ResultsSummary.Request(query: query, mode: mode, limit: limit, offset: offset, sectionsOnly: sectionsOnly)
        return HitRenderer(style: style, colour: color.enabled && !html, width: html ? nil : Terminal.wrapColumns(),
                           request: request)
    }
}
