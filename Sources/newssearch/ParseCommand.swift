import ArgumentParser
import Foundation
import NewsSearch

/// `newssearch parse FILE`: show how a dump file is read, without an index.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Show how a dump file is read: title, author, date, sections, related items.")

    @Argument(help: "The dump file to read.")
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
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for (record, article) in contents.articles {
                let object = ParsedArticleJSON(record: record, format: contents.format.rawValue, article: article)
                print(String(decoding: try encoder.encode(object), as: UTF8.self))
            }
            return
        }
        print("\(file): \(contents.format.rawValue), \(contents.encoding.rawValue), \(contents.articles.count) article(s)")
        for (record, article) in contents.articles {
            print("")
            print("record \(record): \(article.title)")
            if let id = article.externalID { print("  id: \(id)") }
            if let author = article.author { print("  author: \(author)") }
            if let date = article.date { print("  date: \(date)") }
            if let url = article.url { print("  url: \(url)") }
            for (ordinal, section) in article.sections.enumerated() {
                let heading = section.heading.isEmpty ? "(lead)" : section.heading
                print("  [\(ordinal)] \(heading) — \(section.text.count) characters")
                print("      \(section.text.prefix(160).replacingOccurrences(of: "\n", with: " "))\(section.text.count > 160 ? "…" : "")")
            }
            for item in article.related { print("  related: \(item.title)") }
        }
    }
}

/// The `--json` form of one parsed article.
struct ParsedArticleJSON: Encodable {
    var record: Int
    var format: String
    var article: Article
}
