import Foundation
import GRDB

/// Measures index throughput against a bare FTS5 table, in one run.
///
/// **Ours**: a full `newssearch index` run into a new index, wall clock from walk to
/// final merge (reading, decoding, sectioning and writing articles, sections and the
/// full-text index). **Bare**: the same section texts inserted into a plain FTS5 table
/// with the same tokenizer (content stored in FTS5, one transaction, one reused
/// prepared statement); only the inserts and the commit are timed, the parsing that
/// feeds them is not. Throughput is megabytes (10^6 bytes) of article text per second.
public struct IndexBenchmark {
    public struct Report: Sendable, Codable {
        public var files: Int
        public var articles: Int
        public var sections: Int
        public var text_mb: Double
        public var ours_seconds: Double
        public var ours_mb_per_s: Double
        public var bare_seconds: Double
        public var bare_mb_per_s: Double
        /// Ours over bare: 1.0 means indexing costs no more than FTS5's own inserts.
        public var ratio: Double
        /// Peak resident memory of the process after our run, in MiB.
        public var peak_rss_mib: Double
    }

    public let roots: [String]
    public let scratch: String

    public init(roots: [String], scratch: String) {
        self.roots = roots
        self.scratch = scratch
    }

    public func run() throws -> Report {
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let oursPath = scratch + "/ours.db", barePath = scratch + "/bare.db"
        for path in [oursPath, barePath] {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let store = try IndexStore(path: oursPath, create: true)
        let summary = try Indexer(store: store).run(roots: roots)
        let peak = Self.peakResidentMiB()

        let bare = try DatabaseQueue(path: barePath)
        try bare.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536")
            try db.execute(sql: "CREATE VIRTUAL TABLE bare USING fts5(title, heading, body, author, tokenize='\(IndexSchema.tokenizer)')")
        }
        var bareSeconds = 0.0
        let files = DumpWalker().walk(roots).files
        try bare.inTransaction { db in
            let insert = try db.makeStatement(sql: "INSERT INTO bare(title, heading, body, author) VALUES (?, ?, ?, ?)")
            for chunk in files.chunked(into: 256) {
                let parsed = ParseJob(files: Array(chunk), maxBytes: DumpFile.defaultMaxBytes).wait()
                let start = ContinuousClock.now
                for file in parsed {
                    guard case .success(let contents) = file.result else { continue }
                    for (_, article) in contents.articles {
                        let sections = article.sections.isEmpty ? [Section(heading: "", text: "")] : article.sections
                        for section in sections {
                            try insert.execute(arguments: [article.title, section.heading, section.text, article.author ?? ""])
                        }
                    }
                }
                bareSeconds += start.duration(to: .now).seconds
            }
            let commit = ContinuousClock.now
            defer { bareSeconds += commit.duration(to: .now).seconds }
            return .commit
        }
        let megabytes = summary.megabytes
        func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
        return Report(files: summary.filesIndexed, articles: summary.articles, sections: summary.sections,
                      text_mb: rounded(megabytes), ours_seconds: rounded(summary.seconds),
                      ours_mb_per_s: rounded(megabytes / summary.seconds), bare_seconds: rounded(bareSeconds),
                      bare_mb_per_s: rounded(megabytes / bareSeconds),
                      ratio: rounded((megabytes / summary.seconds) / (megabytes / bareSeconds)), peak_rss_mib: rounded(peak))
    }

    /// The process's peak resident set size so far, in MiB (`getrusage`).
    public static func peakResidentMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
