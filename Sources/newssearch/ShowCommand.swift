import ArgumentParser
import Foundation
import NewsSearch

/// `newssearch show ID|PATH[#RECORD]`: the whole article as indexed.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print an indexed article: title, author, date, source, URL, sections, related items.",
        discussion: """
            Give the id a search hit shows (`[show 2923]`) or the dump file and record (`reut2-018.sgm#746`; \
            the record may be left out for one-article files). --query highlights what the query matches; \
            --json prints the `parse --json` record of the article plus its `id`.

            Examples:
              newssearch show 2923
              newssearch show corpora/reuters21578/reut2-018.sgm#746 --query 'oil prices'
              newssearch show 17 --json
            """)

    @Argument(help: ArgumentHelp("The article's index id, or PATH[#RECORD].", valueName: "id|path[#record]"))
    var target: String

    @OptionGroup var location: IndexLocation
    @Option(help: "Highlight this query's matches.") var query: String?
    @Flag(help: "One JSON object: the parse --json record plus id.") var json = false
    @Option(help: "Colour: auto, always or never.") var color: ColorChoice = .auto

    func run() throws {
        do {
            let reader = ArticleReader(store: try IndexStore(path: location.path))
            let found: StoredArticle?
            if let id = Int64(target) {
                found = try reader.article(id: id)
            } else {
                let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let record = parts.count == 2 ? Int(parts[1]) : 1
                guard let record else { throw ValidationError("`\(target)`: the record after # must be a number") }
                found = try reader.article(path: String(parts[0]), record: record)
            }
            guard let stored = found else {
                throw fail(ShowError.notFound(target), code: 1)
            }
            if json {
                print(stored.jsonLine)
                return
            }
            let marks = try query.map { try reader.highlights(id: stored.id, query: $0) } ?? [:]
            print(ArticleRenderer(colour: color.enabled).render(stored, highlights: marks), terminator: "")
        } catch let error as SearchError {
            if case .query = error { throw fail(error, code: 2) }
            throw fail(error)
        } catch let error as ValidationError {
            throw error
        } catch let error as ExitCode {
            throw error
        } catch {
            throw fail(error)
        }
    }
}

/// Why `show` printed nothing.
enum ShowError: Error, CustomStringConvertible {
    case notFound(String)

    var description: String {
        switch self {
        case .notFound(let target):
            "no article `\(TerminalText.sanitised(target))` in the index: use an id from a search hit ([show N]) or an indexed PATH#RECORD"
        }
    }
}
