import ArgumentParser
import Foundation
import NewsSearch

/// `newssearch index DIR...`: build or update an index.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index directories (or files) of dumps; re-runs only read what changed.",
        discussion: """
            Examples:
              newssearch index ~/dumps/bbc ~/dumps/reuters21578
              newssearch index seeds --index /tmp/seeds.db --quiet
            """)

    @Argument(help: "Directories or files to index (walked recursively; hidden entries skipped).", completion: .directory)
    var roots: [String]

    @OptionGroup var location: IndexLocation

    @Option(help: "Skip files larger than this many bytes.")
    var maxFileSize = DumpFile.defaultMaxBytes

    @Option(help: "Megabytes of dumps written per transaction (smaller: less lost to a crash, slower).")
    var batchSize = 32.0

    @Option(name: .customLong("exclude"), help: ArgumentHelp(
        "Leave out files and folders matching this gitignore-style pattern, relative to the indexed folder (`*.txt`, `docs/`, `**/qrels*`, `!keep.txt` re-includes); repeatable. A `.newssearchignore` file in an indexed folder holds more, one per line.",
        valueName: "glob"))
    var excludes: [String] = []

    @Option(name: .customLong("include"), help: ArgumentHelp(
        "Index only files matching this gitignore-style pattern (repeatable; any one may match).", valueName: "glob"))
    var includes: [String] = []

    @Flag(help: "Follow symbolic links that lead outside the indexed folders (by default they are skipped).")
    var followLinks = false

    @Flag(help: "Keep the articles of files that no longer exist under the roots.")
    var noDelete = false

    @Flag(help: "Print nothing on success: no progress line, no summary (problems are still reported).")
    var quiet = false

    @Flag(help: "List every skipped file and bad record.")
    var verbose = false

    func run() throws {
        do {
            var walk = DumpWalker.Options()
            walk.filter = PathFilter(excludes: excludes.compactMap(PathGlob.init), includes: includes.compactMap(PathGlob.init))
            walk.followLinks = followLinks
            let summary = try IndexRunner.run(roots: roots, indexPath: location.path, maxFileSize: maxFileSize,
                                              batchBytes: Int(batchSize * 1_048_576), deleteMissing: !noDelete,
                                              walk: walk, quiet: quiet, verbose: verbose)
            if !quiet { print(summary.line) }
            if !quiet, let skipped = summary.skippedLine { print(skipped) }
        } catch {
            throw fail(error)
        }
    }
}

/// Runs the indexer with a progress line on a terminal; shared by `index` and `search --from`.
enum IndexRunner {
    static func run(roots: [String], indexPath: String, maxFileSize: Int = DumpFile.defaultMaxBytes,
                    batchBytes: Int = Indexer.Options().batchBytes,
                    deleteMissing: Bool = true, walk: DumpWalker.Options = DumpWalker.Options(),
                    quiet: Bool, verbose: Bool) throws -> IndexSummary {
        for root in roots where !FileManager.default.fileExists(atPath: root) {
            throw ValidationError("\(root): no such file or directory")
        }
        let store = try IndexStore(path: indexPath, create: true)
        var options = Indexer.Options()
        options.maxFileBytes = maxFileSize
        options.deleteMissing = deleteMissing
        options.walk = walk
        options.batchBytes = max(1, batchBytes)
        options.chunkBytes = min(options.chunkBytes, options.batchBytes)
        let progress = ProgressLine(enabled: !quiet && isatty(STDERR_FILENO) != 0)
        let interruption = Interruption()
        let summary = try Indexer(store: store, options: options).run(roots: roots, cancellation: interruption.cancellation) {
            progress.show($0)
        }
        progress.clear()
        if quiet && !verbose {
            // Nothing on success: the skipped files stay listed in the summary's counts.
        } else if verbose || summary.problems.count <= 10 {
            for problem in summary.problems { report("skipped \(problem)") }
        } else {
            for problem in summary.problems.prefix(10) { report("skipped \(problem)") }
            report("… and \(summary.problems.count - 10) more (use --verbose to list all)")
        }
        try Interruption.exitIfInterrupted(summary, interruption)
        return summary
    }
}

/// A progress line redrawn in place on standard error.
final class ProgressLine: Sendable {
    let enabled: Bool

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func show(_ progress: IndexProgress) {
        guard enabled else { return }
        let eta = progress.secondsLeft.map { String(format: ", ETA %.0fs", $0) } ?? ""
        let line = String(format: "indexing: %d/%d files, %d articles, %.1f MB of dump files read, %.1f MB/s%@",
                          progress.filesDone, progress.filesTotal, progress.articles,
                          Double(progress.bytesRead) / 1_000_000, progress.megabytesPerSecond, eta)
        // Cut to the terminal's width, read each time (the pane may have been resized):
        // a line that wrapped would leave a stale copy behind on every redraw.
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + Terminal.fitted(line, columns: Terminal.reportedColumns(STDERR_FILENO))).utf8))
    }

    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
