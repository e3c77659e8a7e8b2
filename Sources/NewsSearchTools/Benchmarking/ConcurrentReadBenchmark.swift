import Foundation
import NewsSearch

/// Searches while an index run writes: the promise that readers never wait on writers,
/// measured (`newssearch bench --readers-during-index DIR...`).
///
/// Several reader threads, each with its own read-only ``IndexStore`` (as separate
/// `newssearch search` processes would have), loop over the benchmark queries while a
/// child `newssearch index DIR... --index PATH` process writes into the index, then
/// make one pass over the queries each on the idle index the run left (the largest the
/// searches during the run ever saw, so growth alone never flatters the comparison).
/// Every search's wall time is recorded, as is every error; the report compares the
/// two phases at p50, p99 and max. Both phases run the same readers, so the CPU they
/// share is the same; what the writer adds is its own CPU use and any wait on a lock.
public struct ConcurrentReadBenchmark: Sendable {
    public struct Options: Sendable {
        public var readers = 4
        public var limit = 10
        /// The `newssearch` executable that runs the index process.
        public var executable: String
        /// Directories the index run adds to the index.
        public var roots: [String]
        /// `--batch-size` of the index run in megabytes (nil: its default).
        public var batchMegabytes: Double?

        public init(executable: String, roots: [String]) {
            self.executable = executable
            self.roots = roots
        }
    }

    public struct Report: Sendable, Codable {
        public var readers: Int
        public var batch_mb: Double?
        public var idle: LatencySummary
        public var during_index: LatencySummary
        /// The opening of the index alone (inspect, open read-only, validate), within
        /// the figures above: where a wait on a lock would show.
        public var idle_open: LatencySummary
        public var during_index_open: LatencySummary
        public var ratio: LatencyRatio
        public var max_ratio: Double
        public var errors: Int
        public var first_error: String?
        public var index_seconds: Double
        public var index_exit_code: Int32
    }

    public let indexPath: String
    public let options: Options

    public init(indexPath: String, options: Options) {
        self.indexPath = indexPath
        self.options = options
    }

    /// Copies the index at `base` (with its WAL) to ``indexPath``, so that every run
    /// starts from the same index and the base is never written.
    public static func copy(index base: String, to path: String) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        for suffix in ["", "-wal", "-shm", ".lock"] where manager.fileExists(atPath: path + suffix) {
            try manager.removeItem(atPath: path + suffix)
        }
        for suffix in ["", "-wal"] where manager.fileExists(atPath: base + suffix) {
            try manager.copyItem(atPath: base + suffix, toPath: path + suffix)
        }
    }

    public func run(_ queries: [BenchmarkQuery]) throws -> Report {
        precondition(!queries.isEmpty, "a benchmark needs queries")
        let during = Phase(readers: options.readers)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: options.executable)
        process.arguments = ["index"] + options.roots + ["--index", indexPath, "--quiet"]
            + (options.batchMegabytes.map { ["--batch-size", String($0)] } ?? [])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let start = ContinuousClock.now
        try process.run()
        runReaders(queries, phase: during) { _ in process.isRunning }
        process.waitUntilExit()
        let seconds = start.duration(to: .now).seconds
        // Idle afterwards, on the index as the run left it: the largest the searches
        // during the run ever saw, so growth alone never flatters the comparison.
        let idle = Phase(readers: options.readers)
        runReaders(queries, phase: idle) { $0 < queries.count }
        let idleSummary = idle.summary, duringSummary = during.summary
        return Report(readers: options.readers, batch_mb: options.batchMegabytes, idle: idleSummary,
                      during_index: duringSummary, idle_open: idle.openSummary, during_index_open: during.openSummary, ratio: LatencyRatio(duringSummary, over: idleSummary),
                      max_ratio: idleSummary.max_ms > 0 ? (duringSummary.max_ms / idleSummary.max_ms * 1000).rounded() / 1000 : 0,
                      errors: during.errors + idle.errors, first_error: during.firstError ?? idle.firstError,
                      index_seconds: seconds, index_exit_code: process.terminationStatus)
    }

    /// Runs every reader on its own thread until `goOn(searchesDone)` is false.
    private func runReaders(_ queries: [BenchmarkQuery], phase: Phase, goOn: @escaping @Sendable (Int) -> Bool) {
        let group = DispatchGroup()
        for reader in 0..<options.readers {
            DispatchQueue.global().async(group: group) { [indexPath, options] in
                var recorder = LatencyRecorder(), opening = LatencyRecorder()
                var done = 0
                var search = SearchOptions()
                search.limit = options.limit
                while goOn(done) {
                    // Readers start at different queries, so they do not march in step.
                    let query = queries[(done + reader * queries.count / options.readers) % queries.count]
                    search.mode = query.mode
                    let begin = ContinuousClock.now
                    do {
                        let store = try IndexStore(path: indexPath)
                        opening.record(seconds: begin.duration(to: .now).seconds)
                        _ = try SearchEngine(store: store).search(query.text, options: search)
                    } catch {
                        phase.noteError("\(error)")
                    }
                    recorder.record(seconds: begin.duration(to: .now).seconds)
                    done += 1
                }
                phase.add(recorder, opening: opening)
            }
        }
        group.wait()
    }

    /// The recorders and errors of one phase, filled by the reader threads.
    private final class Phase: @unchecked Sendable {
        private let lock = NSLock()
        private var recorders: [LatencyRecorder] = []
        private var openings: [LatencyRecorder] = []
        private(set) var errors = 0
        private(set) var firstError: String?

        init(readers: Int) {}

        func add(_ recorder: LatencyRecorder, opening: LatencyRecorder) {
            lock.withLock {
                recorders.append(recorder)
                openings.append(opening)
            }
        }

        func noteError(_ message: String) {
            lock.withLock {
                errors += 1
                if firstError == nil { firstError = message }
            }
        }

        var summary: LatencySummary { lock.withLock { Self.merged(recorders) } }
        var openSummary: LatencySummary { lock.withLock { Self.merged(openings) } }

        private static func merged(_ recorders: [LatencyRecorder]) -> LatencySummary {
            var merged = LatencyRecorder()
            for recorder in recorders { merged.merge(recorder) }
            return merged.summary
        }
    }
}
