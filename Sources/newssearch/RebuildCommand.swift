import ArgumentParser
import Foundation
import NewsSearch

/// `newssearch rebuild`: make an index anew from its dumps.
struct RebuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Make an index anew from its dumps, replacing the old file only once the new one is complete.",
        discussion: """
            Without directories, the folders the index was made from (as it recorded them) are read again. \
            The old index stays in place, searchable, until the new one is complete; an interrupted rebuild \
            leaves it as it was. Stored ranking parameters are kept when the old file can still be read.

            Examples:
              newssearch rebuild
              newssearch rebuild ~/dumps --index archive.db
            """)

    @Argument(help: ArgumentHelp("Directories or files to index (default: those the index recorded).", valueName: "dir"),
              completion: .directory)
    var roots: [String] = []

    @OptionGroup var location: IndexLocation

    @Flag(help: "No progress line.")
    var quiet = false

    func run() throws {
        do {
            for root in roots where !FileManager.default.fileExists(atPath: root) {
                throw ValidationError("\(root): no such file or directory")
            }
            let progress = ProgressLine(enabled: !quiet && isatty(STDERR_FILENO) != 0)
            let interruption = Interruption()
            let summary = try IndexRebuild(path: location.path).run(roots: roots, cancellation: interruption.cancellation) {
                progress.show($0)
            }
            progress.clear()
            if summary.interrupted, let signal = interruption.caught {
                report("interrupted: the old index at \(location.path) was kept as it was")
                throw ExitCode(Interruption.exitCode(for: signal))
            }
            print("rebuilt \(location.path): \(summary.line)")
        } catch {
            throw fail(error)
        }
    }
}
