import Foundation

/// A span of time given on the command line (`--since`, `--until`): a calendar period
/// (`1987`, `2024-03`, `2024-03-05`, in UTC) or a span back from now (`30d`, `12w`,
/// `6m`, `2y`, `24h`). ``start`` is inclusive, ``end`` exclusive: `--since 2024-03`
/// starts at March's first second, `--until 2024-03` ends after its last.
public struct DateRange: Sendable, Equatable {
    public var start: Date
    public var end: Date

    public init(start: Date, end: Date) {
        (self.start, self.end) = (start, end)
    }

    /// Parses a period or a relative span; nil with a message a user can act on.
    public static func parse(_ text: String, now: Date = Date()) throws(DateRangeError) -> DateRange {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let unit = trimmed.last, let count = Int(trimmed.dropLast()), count >= 0, count <= 100_000 {
            let day = 86_400.0
            let seconds: Double? = switch unit {
            case "h": Double(count) * 3600
            case "d": Double(count) * day
            case "w": Double(count) * 7 * day
            case "m": Double(count) * 30.436875 * day
            case "y": Double(count) * 365.2425 * day
            default: nil
            }
            if let seconds { return DateRange(start: now.addingTimeInterval(-seconds), end: now) }
        }
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard !parts.contains(nil), (1...3).contains(parts.count) else { throw .unreadable(text) }
        let numbers = parts.map { $0! }
        let year = numbers[0]
        guard (1000...2999).contains(year), trimmed.split(separator: "-").first?.count == 4 else { throw .unreadable(text) }
        if numbers.count == 1 {
            return span(CivilTime.days(year: year, month: 1, day: 1), CivilTime.days(year: year + 1, month: 1, day: 1))
        }
        let month = numbers[1]
        guard (1...12).contains(month) else { throw .unreadable(text) }
        if numbers.count == 2 {
            let next = month == 12 ? (year + 1, 1) : (year, month + 1)
            return span(CivilTime.days(year: year, month: month, day: 1), CivilTime.days(year: next.0, month: next.1, day: 1))
        }
        let day = numbers[2]
        guard (1...CivilTime.daysIn(month: month, year: year)).contains(day) else { throw .unreadable(text) }
        let start = CivilTime.days(year: year, month: month, day: day)
        return span(start, start + 1)
    }

    private static func span(_ startDay: Int64, _ endDay: Int64) -> DateRange {
        DateRange(start: Date(timeIntervalSince1970: Double(startDay * 86_400)),
                  end: Date(timeIntervalSince1970: Double(endDay * 86_400)))
    }
}

/// Why a `--since`/`--until` value could not be read.
public enum DateRangeError: Error, CustomStringConvertible, Equatable, Sendable {
    case unreadable(String)

    public var description: String {
        switch self {
        case .unreadable(let text):
            "`\(text)` is not a date: write a year (`1987`), a month (`2024-03`), a day (`2024-03-05`) or a span back from now (`30d`, `12w`, `6m`, `2y`)"
        }
    }
}
