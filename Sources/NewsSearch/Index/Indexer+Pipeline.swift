import Foundation
import GRDB

/// Phase 2 of a run: parse the new and changed files ahead of the writer and write them,
/// a batch of chunks per transaction.
extension Indexer {
    /// Parses and writes `changes.candidates`; returns how many of the walked files are
    /// done (unchanged ones included), for the summary of an interrupted run.
    func parseAndWrite(_ changes: Changes, run: inout Run, cancellation: IndexCancellation?,
                       progress: (@Sendable (IndexProgress) -> Void)?) throws(IndexError) -> Int {
        // Under new reading rules every file is parsed again (its attributes may read
        // differently); otherwise a touched but unchanged file stops at its hash.
        var knownHashes: [String: UInt64] = [:]
        if !changes.rulesChanged {
            for entry in changes.candidates {
                if let known = changes.manifest[entry.path] { knownHashes[entry.path] = UInt64(bitPattern: known.hash) }
            }
        }
        let pipeline = ParsePipeline(chunks: chunked(changes.candidates), maxBytes: options.maxFileBytes, knownHashes: knownHashes)
        var counts = RunProgress(filesDone: run.summary.filesUnchanged, filesTotal: run.walk.files.count,
                                 bytesTotal: changes.candidates.reduce(0) { $0 + $1.size })
        let origins = Origins(roots: run.absoluteRoots,
                              flat: ArticleOrigin.flatRoots(run.absoluteRoots, files: run.walk.files.map(\.path)))
        while pipeline.hasMore, cancellation?.isCancelled != true {
            let before = run.summary
            (run.summary, counts) = try store.write("writing a batch") { db in
                var summary = before, batchCounts = counts
                try writeBatch(from: pipeline, changes: changes, origins: origins, cancellation: cancellation,
                               summary: &summary, counts: &batchCounts, db: db) { counts, summary in
                    progress?(IndexProgress(filesDone: counts.filesDone, filesTotal: counts.filesTotal, articles: summary.articles,
                                            textBytes: summary.textBytes, bytesRead: counts.bytesRead, bytesTotal: counts.bytesTotal,
                                            elapsed: run.clock.duration(to: .now).seconds))
                }
                return (summary, batchCounts)
            }
        }
        return counts.filesDone
    }

    /// Where a run's files are: the roots, and those of them holding files directly
    /// (``ArticleOrigin``).
    struct Origins {
        let roots: [String]
        let flat: Set<String>
    }

    /// How far a run has got, for its progress reports.
    struct RunProgress {
        var filesDone: Int
        let filesTotal: Int
        var bytesRead = 0
        let bytesTotal: Int
    }

    /// Writes chunks from `pipeline` into one transaction until the batch holds
    /// ``Options/batchBytes`` or the run is cancelled. Term counts and attributes are
    /// marked stale from the first change until they are stored again (in the same
    /// transaction as the new counts), so a run killed in between is repaired by the
    /// next one.
    private func writeBatch(from pipeline: ParsePipeline, changes: Changes, origins: Origins, cancellation: IndexCancellation?,
                            summary: inout IndexSummary, counts: inout RunProgress, db: Database,
                            report: (RunProgress, IndexSummary) -> Void) throws {
        try TermStatistics.markStale(db)
        try ArticleAttributes.markStale(db)
        let impact = try ImpactWriter(db)
        var batchBytes = 0
        while let results = pipeline.take() {
            try write(results, manifest: changes.manifest, roots: origins.roots, flatRoots: origins.flat,
                      refreshAttributes: changes.rulesChanged, impact: impact, into: &summary, db: db)
            let chunkBytes = results.reduce(0) { $0 + $1.entry.size }
            batchBytes += chunkBytes
            counts.bytesRead += chunkBytes
            counts.filesDone += results.count
            summary.dumpBytesRead = counts.bytesRead
            report(counts, summary)
            if batchBytes >= options.batchBytes || cancellation?.isCancelled == true { break }
        }
        try impact.finish(db)
    }

    func chunked(_ files: [DumpWalker.Entry]) -> [[DumpWalker.Entry]] {
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

/// The chunks of a run, parsed one ahead of the writer: taking a chunk's results starts
/// the parsing of the next, so the parsing threads work while the writer writes.
final class ParsePipeline {
    private let chunks: [[DumpWalker.Entry]]
    private let maxBytes: Int
    private let knownHashes: [String: UInt64]
    private var next = 0
    private var pending: ParseJob?

    init(chunks: [[DumpWalker.Entry]], maxBytes: Int, knownHashes: [String: UInt64]) {
        self.chunks = chunks
        self.maxBytes = maxBytes
        self.knownHashes = knownHashes
        pending = chunks.first.map { ParseJob(files: $0, maxBytes: maxBytes, knownHashes: knownHashes) }
    }

    /// Whether a chunk is left to take.
    var hasMore: Bool { pending != nil }

    /// The next chunk's results, waiting for its parsing, or nil when none is left.
    func take() -> [ParsedFile]? {
        guard let job = pending else { return nil }
        let results = job.wait()
        next += 1
        pending = next < chunks.count ? ParseJob(files: chunks[next], maxBytes: maxBytes, knownHashes: knownHashes) : nil
        return results
    }
}
