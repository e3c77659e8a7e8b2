import Foundation
import GRDB

/// The period a timeline counts by.
public enum TimelinePeriod: String, Sendable, CaseIterable, Codable {
    case day, week, month, year
}

/// How many articles matching a query were published in each period.
public struct TimelineResult: Sendable, Encodable, Equatable {
    /// One period: `1987-03` (month), `1987` (year), `1987-03-05` (day), `1987-W10` (ISO week).
    public struct Bucket: Sendable, Encodable, Equatable {
        public var period: String
        public var count: Int
    }

    public var query: String
    public var by: TimelinePeriod
    /// Every period from the first to the last match (or the `since`/`until` range), zeros included.
    public var buckets: [Bucket]
    /// Matching articles without a date (not in any bucket).
    public var undated: Int
}

/// Counts matching articles per day, week, month or year (`newssearch timeline`).
public enum Timeline {
    public static func buckets(engine: SearchEngine, query: String, mode: QueryParser.Mode = .all, by: TimelinePeriod,
                               since: Date? = nil, until: Date? = nil) throws(SearchError) -> TimelineResult {
        let (node, filters) = try SearchEngine.parseWithFilters(query, mode: mode)
        let match = try SearchEngine.compile(node)
        var options = SearchEngine.merging(filters, into: SearchOptions())
        options.since = since
        options.until = until
        do {
            return try engine.store.pool.read { db in
                let attributes = try ArticleAttributes.load(db, schemaVersion: engine.store.schemaVersion, cache: engine.store.attributeCache)
                let scan = AttributeScan(attributes: attributes, options: options)
                var counts: [Int64: Int] = [:]
                var undated = 0
                var last: Int64 = -1
                let statement = try db.cachedStatement(sql: "SELECT rowid FROM sections_fts WHERE sections_fts MATCH ?")
                try statement.setArguments([match])
                try StatementRows(statement).forEach { row in
                    let article = SectionID.article(of: row.int64(0))
                    guard article != last else { return }
                    last = article
                    guard scan.admits(article) else { return }
                    if let date = attributes.date(of: article) { counts[periodStart(date, by: by), default: 0] += 1 } else { undated += 1 }
                }
                let low = since.map { periodStart(Int64($0.timeIntervalSince1970), by: by) } ?? counts.keys.min()
                let high = until.map { periodStart(Int64($0.timeIntervalSince1970) - 1, by: by) } ?? counts.keys.max()
                var buckets: [TimelineResult.Bucket] = []
                if let low, let high, low <= high {
                    var day = low
                    while day <= high, buckets.count < 100_000 {
                        buckets.append(.init(period: label(day, by: by), count: counts[day] ?? 0))
                        day = next(day, by: by)
                    }
                }
                return TimelineResult(query: query, by: by, buckets: buckets, undated: undated)
            }
        } catch {
            throw SearchEngine.searchError(error, query: query, path: engine.store.path)
        }
    }

    /// The first day (days since 1970) of the period holding `seconds`.
    static func periodStart(_ seconds: Int64, by: TimelinePeriod) -> Int64 {
        let day = CivilTime.floorDivide(seconds, 86_400)
        let (year, month, _) = CivilTime.date(days: day)
        switch by {
        case .day: return day
        // 1970-01-01 was a Thursday; ISO weeks start on Monday.
        case .week: return day - ((day + 3) % 7 + 7) % 7
        case .month: return CivilTime.days(year: year, month: month, day: 1)
        case .year: return CivilTime.days(year: year, month: 1, day: 1)
        }
    }

    static func next(_ day: Int64, by: TimelinePeriod) -> Int64 {
        let (year, month, _) = CivilTime.date(days: day)
        switch by {
        case .day: return day + 1
        case .week: return day + 7
        case .month: return month == 12 ? CivilTime.days(year: year + 1, month: 1, day: 1) : CivilTime.days(year: year, month: month + 1, day: 1)
        case .year: return CivilTime.days(year: year + 1, month: 1, day: 1)
        }
    }

    static func label(_ day: Int64, by: TimelinePeriod) -> String {
        let (year, month, dayOfMonth) = CivilTime.date(days: day)
        switch by {
        case .day: return "\(CivilTime.pad(year, 4))-\(CivilTime.pad(month, 2))-\(CivilTime.pad(dayOfMonth, 2))"
        case .week:
            // The ISO week's year is the year of its Thursday.
            let thursday = CivilTime.date(days: day + 3)
            let week = (day + 3 - CivilTime.days(year: thursday.year, month: 1, day: 1)) / 7 + 1
            return "\(CivilTime.pad(thursday.year, 4))-W\(CivilTime.pad(Int(week), 2))"
        case .month: return "\(CivilTime.pad(year, 4))-\(CivilTime.pad(month, 2))"
        case .year: return CivilTime.pad(year, 4)
        }
    }
}
