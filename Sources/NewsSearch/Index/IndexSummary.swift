import Foundation

/// What one index run did, for the final summary line and `stats`.
public struct IndexSummary: Sendable, Codable, Equatable {
    public var filesSeen = 0
    public var filesIndexed = 0
    public var filesUnchanged = 0
    public var filesSkipped = 0
    public var filesRemoved = 0
    /// Files under the roots that are not dumps (other extensions), left alone.
    public var filesIgnored = 0
    public var articles = 0
    public var sections = 0
    /// Records inside otherwise readable files that could not be read.
    public var recordsSkipped = 0
    /// Sections of an index made by an older version that were given token marks
    /// (``TokenMarks``); nil when there were none.
    public var sectionsUpgraded: Int?
    /// UTF-8 bytes of article text inserted (titles, headings, section text).
    public var textBytes = 0
    public var seconds = 0.0
    /// Count of skipped files per reason (`empty`, `binary`, …).
    public var skippedByReason: [String: Int] = [:]
    /// One line per skipped file or record.
    public var problems: [String] = []
    /// The run was stopped early (Ctrl-C, SIGTERM): what it committed is kept.
    public var interrupted = false
    /// Files the interrupted run did not reach; the next run reads them.
    public var filesNotReached = 0

    public init() {}

    public var megabytes: Double { Double(textBytes) / 1_000_000 }
    public var megabytesPerSecond: Double { seconds > 0 ? megabytes / seconds : 0 }

    /// The one-line summary printed at the end of `newssearch index`.
    public var line: String {
        var reasons = skippedByReason.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        if !reasons.isEmpty { reasons = " (\(reasons))" }
        let records = recordsSkipped > 0 ? ", \(recordsSkipped) bad records skipped" : ""
        return "files: \(filesSeen) seen, \(filesIndexed) indexed, \(filesUnchanged) unchanged, "
            + "\(filesSkipped) skipped\(reasons), \(filesRemoved) removed; "
            + "\(articles) articles, \(sections) sections\(records); "
            + String(format: "%.1f MB in %.2f s, %.1f MB/s", megabytes, seconds, megabytesPerSecond)
            + (sectionsUpgraded.map { "; token marks added to \($0) section\($0 == 1 ? "" : "s") of an older index" } ?? "")
    }
}

/// A snapshot of an index run in progress, for the progress line.
public struct IndexProgress: Sendable {
    public var filesDone: Int
    public var filesTotal: Int
    public var articles: Int
    public var textBytes: Int
    public var bytesRead: Int
    public var bytesTotal: Int
    public var elapsed: Double

    public var megabytesPerSecond: Double { elapsed > 0 ? Double(bytesRead) / 1_000_000 / elapsed : 0 }
    /// Estimated seconds left, from the bytes still to read at the rate so far.
    public var secondsLeft: Double? {
        guard bytesRead > 0, elapsed > 0.5 else { return nil }
        return Double(bytesTotal - bytesRead) / (Double(bytesRead) / elapsed)
    }
}
