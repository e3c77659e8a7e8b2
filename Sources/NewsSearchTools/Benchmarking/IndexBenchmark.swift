import Foundation
import GRDB
import NewsSearch

/// Measures index throughput against a bare FTS5 table, in one run.
///
/// **Ours**: a full `newssearch index` run into a new index, wall clock from walk to
/// final merge (reading, decoding, sectioning and writing articles, sections and the
/// full-text index). **Bare**: the same section texts inserted into a plain FTS5 table
/// with the same tokenizer (content stored in FTS5, one transaction, one reused
/// prepared statement); only the inserts and the commit are timed, the parsing that
/// feeds them (file by file, with the library's own readers) is not. Throughput is megabytes (10^6 bytes) of article text per second.
/// Both are run `rounds` times, alternating, and the medians are reported: single runs
/// on a shared 2-core machine vary by ±20 %.
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
    public let rounds: Int

    public init(roots: [String], scratch: String, rounds: Int = 3) {
        self.roots = roots
        self.scratch = scratch
        self.rounds = max(1, rounds)
    }

    public func run() throws -> Report {
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        var oursSeconds: [Double] = [], bareSeconds: [Double] = []
        var summary = IndexSummary()
        var peak = 0.0
        for _ in 0..<rounds {
            summary = try runOurs()
            if peak == 0 { peak = Self.peakResidentMiB() }
            oursSeconds.append(summary.seconds)
            bareSeconds.append(try runBare())
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        let ours = median(oursSeconds), bare = median(bareSeconds)
        let megabytes = summary.megabytes
        func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
        return Report(files: summary.filesIndexed, articles: summary.articles, sections: summary.sections,
                      text_mb: rounded(megabytes), ours_seconds: rounded(ours),
                      ours_mb_per_s: rounded(megabytes / ours), bare_seconds: rounded(bare),
                      bare_mb_per_s: rounded(megabytes / bare),
                      ratio: rounded(bare / ours), peak_rss_mib: rounded(peak))
    }

    private func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    private func runOurs() throws -> IndexSummary {
        let path = scratch + "/ours.db"
        remove(path)
        let store = try IndexStore(path: path, create: true)
        return try Indexer(store: store).run(roots: roots)
    }

    private func runBare() throws -> Double {
        let barePath = scratch + "/bare.db"
        remove(barePath)

        let bare = try DatabaseQueue(path: barePath)
        try bare.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536")
            try db.execute(sql: "CREATE VIRTUAL TABLE bare USING fts5(title, heading, body, author, tokenize='\(IndexSchema.tokenizer)')")
        }
        var parseSeconds = 0.0
        let files = DumpWalker().walk(roots).files
        let start = ContinuousClock.now
        try bare.inTransaction { db in
            let insert = try db.makeStatement(sql: "INSERT INTO bare(title, heading, body, author) VALUES (?, ?, ?, ?)")
            for file in files {
                let parseStart = ContinuousClock.now
                let contents = try? DumpFile(path: file.path).read()
                parseSeconds += parseStart.duration(to: .now).seconds
                for (_, article) in contents?.articles ?? [] {
                    let sections = article.sections.isEmpty ? [Section(heading: "", text: "")] : article.sections
                    for section in sections {
                        try insert.execute(arguments: [article.title, section.heading, section.text, article.author ?? ""])
                    }
                }
            }
            return .commit
        }
        // Inserts and the commit (with its checkpoint), without the parsing that fed them.
        return start.duration(to: .now).seconds - parseSeconds
    }

    /// The process's peak resident set size so far, in MiB (`getrusage`).
    public static func peakResidentMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
