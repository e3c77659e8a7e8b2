import ArgumentParser
import Foundation
import NewsSearch

/// The news-archive options shared by `search`, `timeline`, `export` and `bench`:
/// dates, sort, recency and article filters.
struct WorkflowFlags: ParsableArguments {
    @Option(help: ArgumentHelp("Only articles published from this date on: 1987, 2024-03, 2024-03-05, or back from now: 30d, 12w, 6m, 2y. Undated articles are excluded.", valueName: "date"))
    var since: String?
    @Option(help: ArgumentHelp("Only articles published up to the end of this date (same forms as --since). Undated articles are excluded.", valueName: "date"))
    var until: String?
    @Option(help: ArgumentHelp("Filter by source (repeatable): the top folder under the indexed root, or JSON source/domain.", valueName: "name"))
    var source: [String] = []
    @Option(help: ArgumentHelp("Filter by category (repeatable): the BBC folder, Reuters <TOPICS>, JSON category/section.", valueName: "name"))
    var category: [String] = []
    @Option(help: ArgumentHelp("Filter by place (repeatable): Reuters <PLACES>, JSON place/country.", valueName: "name"))
    var place: [String] = []
    @Option(help: ArgumentHelp("Filter by author, the whole name as stored (repeatable).", valueName: "name"))
    var author: [String] = []
    @Option(help: ArgumentHelp("Filter by language, as JSON lang/language gives it (repeatable).", valueName: "code"))
    var lang: [String] = []

    /// The filters as the library takes them.
    var filters: [ArticleField: [String]] {
        var filters: [ArticleField: [String]] = [:]
        for (field, values) in [(ArticleField.source, source), (.category, category), (.place, place), (.author, author), (.lang, lang)]
        where !values.isEmpty { filters[field] = values }
        return filters
    }

    /// `--since` and `--until` as instants (start of the since period, end of the until period).
    func range(now: Date = Date()) throws -> (since: Date?, until: Date?) {
        do {
            return (try since.map { try DateRange.parse($0, now: now).start }, try until.map { try DateRange.parse($0, now: now).end })
        } catch let error as DateRangeError {
            throw ValidationError(error.description)
        }
    }

    /// Applies dates and filters to search options.
    func apply(to options: inout SearchOptions) throws {
        (options.since, options.until) = try range()
        options.filters = filters
    }
}

/// A span such as `30d` or `2y` in seconds (for `--recency-half-life`).
enum SpanArgument {
    static func seconds(_ text: String) throws -> Double {
        let now = Date(timeIntervalSince1970: 4_000_000_000)
        guard let unit = text.last, "hdwmy".contains(unit), let range = try? DateRange.parse(text, now: now) else {
            throw ValidationError("`\(text)` is not a span: write for example 30d, 12w, 6m or 2y")
        }
        return range.end.timeIntervalSince(range.start)
    }
}

extension SearchSort: ExpressibleByArgument {}
extension TimelinePeriod: ExpressibleByArgument {}
