import ArgumentParser
import Foundation
import NewsSearch

/// `newssearch export`: the archive (or a query's matches) as JSONL, CSV or OpenSearch bulk NDJSON.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write indexed sections or articles as JSON Lines, CSV or OpenSearch/Elasticsearch bulk NDJSON.",
        discussion: """
            One record per section (id `<article>#<ordinal>`), or per article with --articles (id `<article>`), \
            with title, heading, text, author, date (ISO 8601 UTC), date_text, source, category, url and path. \
            Streamed in constant memory to standard output, or with --out DIR to files of at most --chunk-mb \
            megabytes. opensearch-bulk writes the _bulk API's action and source lines; with --out also \
            mapping.json, a suggested index mapping. Load it with:
              curl -XPUT localhost:9200/news -H 'Content-Type: application/json' -d @DIR/mapping.json
              for f in DIR/export-*.ndjson; do curl -XPOST localhost:9200/_bulk -H 'Content-Type: application/x-ndjson' --data-binary @$f; done

            Examples:
              newssearch export --format jsonl > archive.jsonl
              newssearch export --query opec --since 1987 --format csv --articles > opec.csv
              newssearch export --format opensearch-bulk --out bulk/ --chunk-mb 50
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl, csv
        case opensearchBulk = "opensearch-bulk"
    }

    @OptionGroup var location: IndexLocation
    @Option(help: "Export only what matches this query.") var query: String?
    @OptionGroup(title: "Dates and filters") var workflow: WorkflowFlags
    @Option(help: "jsonl, csv or opensearch-bulk.") var format: Format = .jsonl
    @Flag(help: "One record per article instead of per section.") var articles = false
    @Option(help: ArgumentHelp("Write files into this folder instead of standard output.", valueName: "dir")) var out: String?
    @Option(help: "Largest file with --out, in megabytes (10^6 bytes).") var chunkMb = 10
    @Option(help: "The index name in opensearch-bulk action lines.") var indexName = "news"

    func validate() throws {
        guard chunkMb > 0 else { throw ValidationError("--chunk-mb must be 1 or more") }
    }

    func run() throws {
        var options = SearchOptions()
        try workflow.apply(to: &options)
        do {
            let engine = SearchEngine(store: try IndexStore(path: location.path))
            let sink = try ExportSink(folder: out, chunkBytes: chunkMb * 1_000_000, extension: format == .csv ? "csv" : format == .jsonl ? "jsonl" : "ndjson",
                                      header: format == .csv ? ExportSink.csvLine(ExportRecord.csvColumns) : nil)
            let encoder = JSONOutput.encoder()
            try ArticleExporter(engine: engine).export(query: query, options: options, perArticle: articles) { record in
                let source = String(decoding: try encoder.encode(record), as: UTF8.self)
                switch format {
                case .jsonl: try sink.write(source + "\n")
                case .csv: try sink.write(ExportSink.csvLine(record.csvValues))
                case .opensearchBulk:
                    let action = String(decoding: try encoder.encode(["index": ["_index": indexName, "_id": record.id]]), as: UTF8.self)
                    try sink.write(action + "\n" + source + "\n")
                }
            }
            try sink.close()
            if let out, format == .opensearchBulk {
                try Data(ExportSink.mapping.utf8).write(to: URL(fileURLWithPath: out).appendingPathComponent("mapping.json"))
            }
        } catch let error as SearchError {
            if case .query = error { throw fail(error, code: 2) }
            throw fail(error)
        } catch {
            throw fail(error)
        }
    }
}
