import Foundation
import GRDB

/// Indexes directories of dumps into an ``IndexStore``, incrementally and safely.
///
/// A run is four phases (``run(roots:cancellation:progress:)``):
/// 1. **diff**: walk the roots and compare each file with the manifest by size and
///    modification time, giving the new and changed files (``Changes``);
/// 2. **parse and write**: parse them on all cores in chunks of a few megabytes while one
///    writer inserts the previous chunk, a batch of chunks per transaction
///    (`Indexer+Pipeline`); a file whose bytes hash as the manifest says stops right
///    after reading;
/// 3. **remove missing**: delete the articles of files gone from the roots;
/// 4. **finish**: merge impact segments, upgrade what older indexes lack, merge FTS5
///    segments, and store the article attributes, term counts and the run's record
///    (`Indexer+Finish`).
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
        var run = Run(roots: roots, walk: DumpWalker(options: options.walk).walk(roots))
        // An index made before the impact index existed gets it first, so that every
        // batch below writes its segment (``ImpactWriter`` writes only to a complete one).
        let backfilled = try ImpactBackfill(store: store).run(cancellation: cancellation)
        if backfilled > 0 { run.summary.impactUpgraded = backfilled }
        if cancellation?.isCancelled == true { return try interrupted(run, filesDone: 0) }

        let changes = try diff(&run)
        let filesDone = try parseAndWrite(changes, run: &run, cancellation: cancellation, progress: progress)
        if cancellation?.isCancelled == true { return try interrupted(run, filesDone: filesDone) }
        try recordRoots(roots)
        if options.deleteMissing { try removeMissing(changes, run: &run) }
        try finish(changes, run: &run)
        return run.summary
    }

    /// One run's inputs and its summary so far, handed from phase to phase.
    struct Run {
        let roots: [String]
        /// The roots as absolute paths, as the manifest records files.
        let absoluteRoots: [String]
        let walk: DumpWalker.Walk
        let clock = ContinuousClock.now
        var summary = IndexSummary()

        init(roots: [String], walk: DumpWalker.Walk) {
            self.roots = roots
            absoluteRoots = roots.map { DumpWalker.absolute($0) }
            self.walk = walk
            summary.filesSeen = walk.files.count + walk.problems.count + walk.ignored.count
            summary.filesIgnored = walk.ignored.count
            summary.dumpBytesRead = 0
            for problem in walk.problems { summary.noteSkipped(problem) }
        }
    }

    /// What the diff found: the manifest as the run began, the files to read, and
    /// whether the reading rules changed since the index was made.
    struct Changes {
        let manifest: [String: ManifestEntry]
        let candidates: [DumpWalker.Entry]
        let storedRules: String?
        /// Files indexed under older reading rules are all read again once (unchanged
        /// ones are recognised by their hash and not rewritten).
        var rulesChanged: Bool { !manifest.isEmpty && storedRules != DumpFile.rulesVersion }
    }

    /// Phase 1: the new and changed files, by the manifest's size and time.
    func diff(_ run: inout Run) throws(IndexError) -> Changes {
        let manifest = try loadManifest()
        let storedRules = try storedRulesVersion()
        let rulesChanged = !manifest.isEmpty && storedRules != DumpFile.rulesVersion
        var candidates: [DumpWalker.Entry] = []
        for entry in run.walk.files {
            if !rulesChanged, let known = manifest[entry.path], known.size == entry.size, known.mtime == entry.mtimeNanoseconds {
                run.summary.filesUnchanged += 1
            } else {
                candidates.append(entry)
            }
        }
        return Changes(manifest: manifest, candidates: candidates, storedRules: storedRules)
    }

    /// Phase 3: deletes the articles of manifest files under the roots that the walk no
    /// longer found, a few hundred files per transaction.
    func removeMissing(_ changes: Changes, run: inout Run) throws(IndexError) {
        let seen = Set(run.walk.files.map(\.path))
        let missing = changes.manifest.filter { path, _ in
            !seen.contains(path) && run.absoluteRoots.contains { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
        }
        for batch in Array(missing.values).chunked(into: 256) {
            try store.write("removing deleted files") { db in
                try TermStatistics.markStale(db)
                try ArticleAttributes.markStale(db)
                let impact = try ImpactWriter(db)
                for file in batch { try Self.deleteFile(id: file.id, impact: impact, db: db) }
            }
        }
        run.summary.filesRemoved = missing.count
    }

    /// The summary of a run stopped by its cancellation, recorded as the last run.
    private func interrupted(_ run: Run, filesDone: Int) throws(IndexError) -> IndexSummary {
        var summary = run.summary
        summary.interrupted = true
        summary.filesNotReached = max(0, summary.filesSeen - filesDone)
        summary.seconds = run.clock.duration(to: .now).seconds
        try recordRun(summary)
        return summary
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
