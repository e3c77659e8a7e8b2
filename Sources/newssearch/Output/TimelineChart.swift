import NewsSearch

/// Timelines drawn in the terminal: one row per period, one bar per query side by side,
/// scaled to the width, with eighth-block characters for the fraction and the count
/// beside each bar.
struct TimelineChart {
    var width: Int

    static let blocks: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

    func render(_ results: [TimelineResult], queries: [String]) -> String {
        let periods = Self.periods(results)
        let maximum = max(1, results.flatMap { $0.buckets.map(\.count) }.max() ?? 1)
        let label = periods.map(\.count).max() ?? 4
        let countWidth = String(maximum).count
        let columns = max(1, results.count)
        let bar = max(4, (width - 1 - label - 1 - columns * (countWidth + 2)) / columns)
        var out = ""
        do {
            out += String(repeating: " ", count: label + 1)
                + queries.map { TerminalText.sanitised(String($0.prefix(bar + countWidth))).padding(bar + countWidth + 2) }.joined() + "\n"
        }
        let lookup = results.map { Dictionary($0.buckets.map { ($0.period, $0.count) }, uniquingKeysWith: +) }
        for period in periods {
            var line = period.padding(label) + " "
            for counts in lookup {
                let count = counts[period] ?? 0
                line += Self.bar(count, maximum: maximum, width: bar) + " " + String(count).leftPadding(countWidth) + " "
            }
            out += line + "\n"
        }
        let undated = results.map(\.undated)
        if undated.contains(where: { $0 > 0 }) { out += "undated: " + undated.map(String.init).joined(separator: ", ") + "\n" }
        if periods.isEmpty { out += "no dated article matches\n" }
        return out
    }

    /// A bar of `count` out of `maximum` in `width` cells, padded to `width`.
    static func bar(_ count: Int, maximum: Int, width: Int) -> String {
        let eighths = Int((Double(count) / Double(maximum) * Double(width * 8)).rounded())
        var text = String(repeating: "█", count: eighths / 8)
        if eighths % 8 > 0 { text.append(blocks[eighths % 8 - 1]) }
        if count > 0, text.isEmpty { text = "▏" }
        return text.padding(width)
    }

    /// Every period of any timeline, in order.
    static func periods(_ results: [TimelineResult]) -> [String] {
        Array(Set(results.flatMap { $0.buckets.map(\.period) })).sorted()
    }

    static func csv(_ results: [TimelineResult], queries: [String]) -> String {
        let quoted = queries.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var out = "period," + quoted.joined(separator: ",") + "\n"
        let lookup = results.map { Dictionary($0.buckets.map { ($0.period, $0.count) }, uniquingKeysWith: +) }
        for period in periods(results) { out += period + "," + lookup.map { String($0[period] ?? 0) }.joined(separator: ",") + "\n" }
        return out
    }
}

private extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    func leftPadding(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
