import ArgumentParser
import Foundation
import NewsSearch

/// `newssearch`: index directories of news dumps and search them.
@main
struct NewsSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newssearch",
        abstract: "Full-text search for directories of news article dumps.",
        discussion: """
            Index a directory of scraped articles, JSON Lines exports or Reuters SGML once, then search it \
            by keyword, exact phrase, field or proximity; re-runs of `index` read only what changed. \
            `newssearch search --from DIR WORDS...` does both in one step.

            Examples:
              newssearch index ~/dumps/bbc
              newssearch search '"border closure"' korea
              newssearch search --from seeds Kaesong --json
            """,
        version: NewsSearchVersion.current,
        subcommands: [
            IndexCommand.self, SearchCommand.self, ShowCommand.self, TimelineCommand.self, ExportCommand.self, ParseCommand.self, StatsCommand.self,
            ServeCommand.self, OptimizeCommand.self, CheckCommand.self, RebuildCommand.self, ConfigCommand.self, BenchCommand.self, EvalCommand.self, GenerateCommand.self,
        ]
    )

    /// Runs the command line. Exit status: 0 success, 1 a failure (reported on one
    /// line), 2 a command line or query that cannot be used (ArgumentParser's own
    /// usage errors would exit 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((TerminalText.sanitised(fullMessage(for: error), oneLine: false) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// The `--index PATH` option shared by every command that opens an index.
struct IndexLocation: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Index file (default: $NEWSSEARCH_INDEX, else the nearest \(IndexStore.defaultPath) in this folder or a parent, else one here).", valueName: "path"),
            completion: .file())
    var index: String?

    /// `--index`, else `$NEWSSEARCH_INDEX`, else the nearest `.newssearch/index.db` in
    /// this folder or one of its parents (as git finds `.git`), else one in this folder.
    var path: String {
        if let index { return index }
        if let variable = ProcessInfo.processInfo.environment["NEWSSEARCH_INDEX"], !variable.isEmpty { return variable }
        return IndexStore.discover(from: FileManager.default.currentDirectoryPath) ?? IndexStore.defaultPath
    }

    /// Whether the path is the fallback: nothing named an index and none was found.
    var isFallback: Bool { path == IndexStore.defaultPath && index == nil }

    /// Opens the index, with a message that says how to make one when there is none.
    func store(access: IndexStore.Access = .read) throws -> IndexStore {
        do {
            return try IndexStore(path: path, access: access)
        } catch {
            guard case .notFound = error, isFallback else { throw error }
            throw CommandError("""
                no index found: none in this folder or its parents (\(IndexStore.defaultPath)), no --index, and $NEWSSEARCH_INDEX is not set. \
                Make one with `newssearch index DIR`, or index and search at once with `newssearch search --from DIR QUERY`
                """)
        }
    }
}

/// A failure of a command (not of its arguments), reported as one line, exit status 1.
struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A failure already reported to the user, ending the process with `code`.
struct Failure: Error {
    var code: Int32
}

/// Prints one line to standard error, prefixed with the program name. The message is
/// sanitised (``TerminalText``): it often quotes file names and data.
func report(_ message: String) {
    FileHandle.standardError.write(Data("newssearch: \(TerminalText.sanitised(message))\n".utf8))
}

/// Reports a library error on one line and exits with `code` (2 for unusable input).
func fail(_ error: some Error, code: Int32 = 1) -> ExitCode {
    // An exit already decided (an interrupted index run) is passed on as it is.
    if let exit = error as? ExitCode { return exit }
    report("\(error)")
    return ExitCode(code)
}
