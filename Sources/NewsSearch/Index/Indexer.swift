import Foundation
import GRDB

/// Indexes directories of dumps into an ``IndexStore``, incrementally and safely.
///
/// The run: walk the roots; compare each file with the manifest (size and mtime, then
/// content hash) to find new and changed files; parse them on all cores in chunks of a
/// few megabytes while one writer inserts the previous chunk, each chunk in one
/// transaction; then remove the articles of files that disappeared from the roots.
///
/// Invariants: a file's manifest row is written in the same transaction as its
/// articles, so after a crash every committed file is whole and every uncommitted one is
/// picked up again by the next run. Memory is bounded by two chunks, whatever the
/// corpus size.
public struct Indexer: Sendable {
    /// Settings of one index run.
    public struct Options: Sendable {
        public var maxFileBytes = DumpFile.defaultMaxBytes
        /// Remove articles of files under the roots that no longer exist (`--no-delete` turns it off).
        public var deleteMissing = true
        /// Approximate raw bytes parsed per chunk: small, so parsing and writing overlap.
        public var chunkBytes = 2 << 20
        public var chunkFiles = 256
        /// Approximate raw bytes written per transaction (batch). Fewer, larger commits
        /// measured 25 % faster; a crash loses at most the batch in progress.
        public var batchBytes = 32 << 20
        /// What the walk reads: `--exclude`, `--include`, `--follow-links` (``DumpWalker/Options``).
        public var walk = DumpWalker.Options()
        /// Impact segments kept before neighbours are merged (``SegmentMerge``).
        public var maxImpactSegments = 24
        public init() {}
    }

    public let store: IndexStore
    public let options: Options

    public init(store: IndexStore, options: Options = Options()) {
        self.store = store
        self.options = options
    }

    /// Indexes `roots` (directories or files) and returns what was done.
    ///
    /// Holds the index's ``IndexRunLock`` throughout, so a second writer is told at
    /// once that a run is in progress. With `cancellation` set the run stops at the next
    /// chunk, keeping what it committed (``IndexCancellation``).
    public func run(roots: [String], cancellation: IndexCancellation? = nil,
                    progress: (@Sendable (IndexProgress) -> Void)? = nil) throws(IndexError) -> IndexSummary {
        guard !roots.isEmpty else { throw IndexError.noRoots }
        let lock = try IndexRunLock(indexPath: store.path)
        defer { withExtendedLifetime(lock) {} }
        let clock = ContinuousClock.now
        var summary = IndexSummary()
        let walk = DumpWalker(options: options.walk).walk(roots)
        summary.filesSeen = walk.files.count + walk.problems.count + walk.ignored.count
        summary.filesIgnored = walk.ignored.count
        summary.dumpBytesRead = 0
        for problem in walk.problems { summary.noteSkipped(problem) }

        // An index made before the impact index existed gets it first, so that every
        // batch below writes its segment (``ImpactWriter`` writes only to a complete one).
        let backfilled = try ImpactBackfill(store: store).run(cancellation: cancellation)
        if backfilled > 0 { summary.impactUpgraded = backfilled }
        if cancellation?.isCancelled == true {
            summary.interrupted = true
            summary.filesNotReached = summary.filesSeen
            summary.seconds = clock.duration(to: .now).seconds
            try recordRun(summary)
            return summary
        }

        let manifest = try loadManifest()
        // Files indexed under older reading rules are all read again once (unchanged
        // ones are recognised by their hash and not rewritten).
        let storedRules = try storedRulesVersion()
        let rulesChanged = !manifest.isEmpty && storedRules != DumpFile.rulesVersion
        var candidates: [DumpWalker.Entry] = []
        for entry in walk.files {
            if !rulesChanged, let known = manifest[entry.path], known.size == entry.size, known.mtime == entry.mtimeNanoseconds {
                summary.filesUnchanged += 1
            } else {
                candidates.append(entry)
            }
        }

        let absoluteRoots = roots.map { DumpWalker.absolute($0) }
        let flatRoots = ArticleOrigin.flatRoots(absoluteRoots, files: walk.files.map(\.path))
        let chunks = chunked(candidates)
        let bytesTotal = candidates.reduce(0) { $0 + $1.size }
        var bytesRead = 0
        var filesDone = summary.filesUnchanged
        var next = 0
        var pending = chunks.first.map { ParseJob(files: $0, maxBytes: options.maxFileBytes) }
        // One transaction per batch of chunks; while the writer inserts one chunk the
        // next is being parsed.
        while let firstJob = pending, cancellation?.isCancelled != true {
            summary = try store.write("writing a batch") { db in
                // Term counts are stale from the first change until they are stored again
                // (in the same transaction as the new counts), so a run killed in between
                // is repaired by the next one.
                try TermStatistics.markStale(db)
                try ArticleAttributes.markStale(db)
                var summary = summary
                let impact = try ImpactWriter(db)
                defer { _ = impact }
                var job: ParseJob? = firstJob
                var batchBytes = 0
                while let current = job {
                    let results = current.wait()
                    next += 1
                    pending = next < chunks.count ? ParseJob(files: chunks[next], maxBytes: options.maxFileBytes) : nil
                    try write(results, manifest: manifest, roots: absoluteRoots, flatRoots: flatRoots, refreshAttributes: rulesChanged,
                              impact: impact, into: &summary, db: db)
                    let chunkBytes = results.reduce(0) { $0 + $1.entry.size }
                    batchBytes += chunkBytes
                    bytesRead += chunkBytes
                    summary.dumpBytesRead = bytesRead
                    filesDone += results.count
                    progress?(IndexProgress(filesDone: filesDone, filesTotal: walk.files.count, articles: summary.articles,
                                            textBytes: summary.textBytes, bytesRead: bytesRead, bytesTotal: bytesTotal,
                                            elapsed: clock.duration(to: .now).seconds))
                    job = batchBytes < options.batchBytes && cancellation?.isCancelled != true ? pending : nil
                }
                try impact.finish(db)
                return summary
            }
        }
        if cancellation?.isCancelled == true {
            summary.interrupted = true
            summary.filesNotReached = max(0, summary.filesSeen - filesDone)
            summary.seconds = clock.duration(to: .now).seconds
            try recordRun(summary)
            return summary
        }
        try recordRoots(roots)

        if options.deleteMissing {
            let seen = Set(walk.files.map(\.path))
            let prefixes = roots.map { DumpWalker.absolute($0) }
            let missing = manifest.filter { path, _ in
                !seen.contains(path) && prefixes.contains { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
            }
            for batch in Array(missing.values).chunked(into: 256) {
                try store.write("removing deleted files") { db in
                    try TermStatistics.markStale(db)
                    try ArticleAttributes.markStale(db)
                    let impact = try ImpactWriter(db)
                    for file in batch { try Self.deleteFile(id: file.id, impact: impact, db: db) }
                }
            }
            summary.filesRemoved = missing.count
        }
        _ = try SegmentMerge(store: store, maxSegments: options.maxImpactSegments).run()
        let upgraded = try fillMissingTokenMarks()
        if upgraded > 0 { summary.sectionsUpgraded = upgraded }
        // After large changes, a bounded FTS5 merge (about one page of merge work per 200
        // sections written, 64 to 500 pages) so that queries consult fewer segments; the
        // full merge is `newssearch optimize`.
        // Term counts for query expansion are read on a reader connection while the
        // writer merges segments (the merge does not change them), then stored.
        let stale = try termStatisticsStale(), present = try hasTermStatistics()
        let countsMissing = stale || !present
        let counting = summary.sections > 0 || summary.filesRemoved > 0 || countsMissing ? TermCounting(store: store) : nil
        if summary.sections > 10_000 || summary.filesRemoved > 0 {
            let pages = min(500, max(64, summary.sections / 200))
            try store.write("merging index segments") { db in
                try db.execute(sql: "INSERT INTO sections_fts(sections_fts, rank) VALUES('merge', \(pages))")
            }
        }
        if try store.read("reading the article attributes", { db in try ArticleAttributes.isStale(db) }) {
            try store.write("storing the article attributes") { db in try ArticleAttributes.rebuild(db) }
        }
        if let counting {
            let counts = try counting.wait()
            try store.write("storing term counts") { db in try TermStatistics.store(counts, db) }
        }
        summary.seconds = clock.duration(to: .now).seconds
        try recordRun(summary)
        if storedRules != DumpFile.rulesVersion {
            try store.write("recording the reading rules") { db in
                try MetaKey.readingRules.set(DumpFile.rulesVersion, in: db)
            }
        }
        return summary
    }

    private func chunked(_ files: [DumpWalker.Entry]) -> [[DumpWalker.Entry]] {
        var chunks: [[DumpWalker.Entry]] = []
        var current: [DumpWalker.Entry] = []
        var bytes = 0
        for file in files {
            current.append(file)
            bytes += file.size
            // The first chunk is small so that the writer starts at once.
            let limit = chunks.isEmpty ? options.chunkBytes / 8 : options.chunkBytes
            if bytes >= limit || current.count >= options.chunkFiles {
                chunks.append(current)
                current = []
                bytes = 0
            }
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks
    }
}

/// The `last_run` record kept in the index's `meta` table.
struct LastRun: Codable {
    var summary: IndexSummary
    var finished: Double
}

extension IndexSummary {
    mutating func noteSkipped(_ problem: DumpError) {
        filesSkipped += 1
        skippedByReason[problem.reasonKey, default: 0] += 1
        var examples = skippedExamples ?? [:]
        if examples[problem.reasonKey, default: []].count < Self.examplesPerReason {
            examples[problem.reasonKey, default: []].append(DumpError.displayed((problem.path as NSString).lastPathComponent))
        }
        skippedExamples = examples
        problems.append(problem.description)
    }
}

extension Duration {
    /// The duration in seconds as a `Double`.
    public var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
