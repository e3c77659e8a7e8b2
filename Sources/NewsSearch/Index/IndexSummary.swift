import Foundation

/// What one index run did, for the final summary line and `stats`.
///
/// The file counts add up: `seen = indexed + unchanged + skipped + ignored`, where
/// ignored files are those with another extension or left out by an exclude rule, and
/// skipped ones could not or should not be read (each with a reason). The megabytes
/// shown are bytes of dump files read from disk (compressed size for `.gz`), the same
/// measure as the progress line.
public struct IndexSummary: Sendable, Codable, Equatable {
    public var filesSeen = 0
    public var filesIndexed = 0
    public var filesUnchanged = 0
    public var filesSkipped = 0
    public var filesRemoved = 0
    /// Files under the roots that are not dumps (other extensions) or are excluded, left alone.
    public var filesIgnored = 0
    public var articles = 0
    public var sections = 0
    /// Records inside otherwise readable files that could not be read.
    public var recordsSkipped = 0
    /// Articles whose date could not be read: the text is kept, the article is undated
    /// (nil in runs recorded by older versions).
    public var datesUnreadable: Int?
    /// Sections of an index made by an older version that were given token marks
    /// (``TokenMarks``); nil when there were none.
    public var sectionsUpgraded: Int?
    /// Sections of an older index added to the impact index, or given its tight block
    /// bounds, by this run.
    public var impactUpgraded: Int?
    /// UTF-8 bytes of article text inserted (titles, headings, section text).
    public var textBytes = 0
    /// Bytes of dump files read from disk in this run (nil in runs recorded by older versions).
    public var dumpBytesRead: Int?
    /// The first few skipped files' names per reason, for the summary.
    public var skippedExamples: [String: [String]]?
    /// How many names per reason the summary shows.
    public static let examplesPerReason = 3
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

    /// Megabytes (10^6 bytes) of article text inserted.
    public var megabytes: Double { Double(textBytes) / 1_000_000 }
    /// Megabytes of dump files read, as the summary line and the progress line show them.
    public var dumpMegabytes: Double { Double(dumpBytesRead ?? 0) / 1_000_000 }
    public var megabytesPerSecond: Double { seconds > 0 ? dumpMegabytes / seconds : 0 }

    /// The one-line summary printed at the end of `newssearch index` (followed there by
    /// ``skippedLine``) and kept as the index's last run.
    public var line: String {
        let records = recordsSkipped > 0 ? ", \(recordsSkipped) bad record\(recordsSkipped == 1 ? "" : "s") skipped" : ""
        return "files: \(filesSeen) seen = \(filesIndexed) indexed + \(filesUnchanged) unchanged + "
            + "\(filesSkipped) skipped + \(filesIgnored) ignored; \(filesRemoved) removed; "
            + "\(articles) article\(articles == 1 ? "" : "s"), \(sections) section\(sections == 1 ? "" : "s")\(records); "
            + String(format: "%.1f MB of dump files read in %.2f s, %.1f MB/s", dumpMegabytes, seconds, megabytesPerSecond)
            + ((datesUnreadable ?? 0) > 0 ? "; \(datesUnreadable!) date\(datesUnreadable == 1 ? "" : "s") unreadable (kept as text, undated)" : "")
            + (sectionsUpgraded.map { "; token marks added to \($0) section\($0 == 1 ? "" : "s") of an older index" } ?? "")
            + (impactUpgraded.map { "; index upgraded for fast top-k search (\($0) section\($0 == 1 ? "" : "s"))" } ?? "")
    }

    /// The skipped files by reason, most frequent first, with the first few names of
    /// each (`2 skipped: 2 unreadable (permission denied): a.txt, b.txt; 1 empty: c.txt`);
    /// nil when nothing was skipped. Printed without `--verbose`.
    public var skippedLine: String? {
        guard filesSkipped > 0 else { return nil }
        let reasons = skippedByReason.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { reason, count in
            let names = skippedExamples?[reason] ?? []
            let more = count > names.count ? ", …" : ""
            return "\(count) \(reason)" + (names.isEmpty ? "" : ": " + names.joined(separator: ", ") + more)
        }
        return "\(filesSkipped) skipped: " + reasons.joined(separator: "; ")
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
