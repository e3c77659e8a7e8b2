import ArgumentParser
import Foundation
import NewsSearch

/// `newssearch timeline QUERY...`: matching articles per period, as a bar chart.
struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Count matching articles per day, week, month or year, drawn as a bar chart.",
        discussion: """
            Each argument is one query; several are drawn side by side. Periods without matches are shown \
            as zero; articles without a date are counted apart (`undated`). --json prints one object per \
            query ({"query", "by", "buckets": [{"period", "count"}], "undated"}); --csv one row per period.

            Examples:
              newssearch timeline oil --by month
              newssearch timeline 'oil prices' 'interest rates' --since 1987-03 --until 1987-10
              newssearch timeline election --source bbc --by week --csv
            """)

    @Argument(help: ArgumentHelp("One or more queries (quote each).", valueName: "query"))
    var queries: [String]

    @OptionGroup var location: IndexLocation
    @Option(help: "Period: day, week, month (default) or year.") var by: TimelinePeriod = .month
    @OptionGroup(title: "Dates and filters") var workflow: WorkflowFlags
    @Flag(help: "JSON Lines: one object per query.") var json = false
    @Flag(help: "CSV: period, then one count column per query.") var csv = false
    @Flag(help: "Any word may match (OR).") var any = false

    func run() throws {
        let (since, until) = try workflow.range()
        do {
            let engine = SearchEngine(store: try IndexStore(path: location.path))
            let results = try queries.map { query in
                try Timeline.buckets(engine: engine, query: query + filterSuffix, mode: any ? .any : .all, by: by,
                                     since: since, until: until)
            }
            if json {
                for var result in results {
                    result.query = String(result.query.dropLast(filterSuffix.count))
                    print(try JSONOutput.text(result))
                }
            } else if csv {
                print(TimelineChart.csv(results, queries: queries), terminator: "")
            } else {
                print(TimelineChart(width: Terminal.wrapColumns() ?? 80).render(results, queries: queries), terminator: "")
            }
        } catch let error as SearchError {
            if case .query = error { throw fail(error, code: 2) }
            throw fail(error)
        } catch {
            throw fail(error)
        }
    }

    /// The `--source`/`--category`/… flags as query filters.
    private var filterSuffix: String {
        workflow.filters.sorted { $0.key.rawValue < $1.key.rawValue }.flatMap { field, values in
            values.map { " \(field.rawValue):\"\($0.replacingOccurrences(of: "\"", with: ""))\"" }
        }.joined()
    }
}
