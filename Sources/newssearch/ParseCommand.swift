import ArgumentParser
import Foundation
import NewsSearch

/// `newssearch parse FILE`: show how a dump file is read, without an index.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Show how a dump file is read: title, author, date, sections, related items.",
        discussion: """
            Reads one file as `index` would, without writing an index, and prints each article's title, \
            id, author, date, URL, sections (the start of each) and related-article teasers. Text from the \
            file is shown with control characters escaped (`\\x1b`); --json prints the same as JSON Lines \
            with snake_case keys.

            Examples:
              newssearch parse seeds/000_87335ad0a8991f98.txt
              newssearch parse reut2-000.sgm --json
            """)

    @Argument(help: "The dump file to read.", completion: .file())
    var file: String

    @Flag(help: "One JSON object per article.")
    var json = false

    @Option(help: "Largest file to read, in bytes.")
    var maxFileSize = DumpFile.defaultMaxBytes

    func run() throws {
        let contents: DumpFile.Contents
        do {
            contents = try DumpFile(path: file, maxBytes: maxFileSize).read()
        } catch {
            throw fail(error)
        }
        for problem in contents.problems { report("skipped \(problem)") }
        if json {
            for (record, article) in contents.articles {
                print(try JSONOutput.text(ParsedArticleJSON(record: record, format: contents.format.rawValue, article: article)))
            }
            return
        }
        let safe = { (text: String) in TerminalText.sanitised(text) }
        print("\(safe(file)): \(contents.format.rawValue), \(contents.encoding.rawValue), \(Counted.noun(contents.articles.count, "article"))")
        for (record, article) in contents.articles {
            print("")
            print("record \(record): \(safe(article.title))")
            if let id = article.externalID { print("  id: \(safe(id))") }
            if let author = article.author { print("  author: \(safe(author))") }
            if let date = article.date { print("  date: \(safe(date))") }
            if let url = article.url { print("  url: \(safe(url))") }
            for (ordinal, section) in article.sections.enumerated() {
                let heading = section.heading.isEmpty ? "(lead)" : safe(section.heading)
                print("  [\(ordinal)] \(heading) — \(Counted.noun(section.text.count, "character"))")
                print("      \(safe(String(section.text.prefix(160))))\(section.text.count > 160 ? "…" : "")")
            }
            for item in article.related { print("  related: \(safe(item.title))") }
        }
    }
}

/// The `--json` form of one parsed article.
struct ParsedArticleJSON: Encodable {
    var record: Int
    var format: String
    var article: Article
}
