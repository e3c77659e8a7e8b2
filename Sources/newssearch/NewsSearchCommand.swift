import ArgumentParser
import NewsSearch

/// `newssearch`: index directories of news dumps and search them.
@main
struct NewsSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newssearch",
        abstract: "Full-text search for directories of news article dumps.",
        discussion: """
            Index a directory once (`newssearch index DIR`), then search it by keyword or exact phrase
            (`newssearch search '"border closure" korea'`). `newssearch search --from DIR QUERY` does both.
            """,
        subcommands: [
            IndexCommand.self, SearchCommand.self, ParseCommand.self, StatsCommand.self,
            OptimizeCommand.self, CheckCommand.self, RebuildCommand.self, ConfigCommand.self, BenchCommand.self, EvalCommand.self, GenerateCommand.self,
        ]
    )
}

/// The `--index PATH` option shared by every command that opens an index.
struct IndexLocation: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Index file (default: $NEWSSEARCH_INDEX or \(IndexStore.defaultPath)).", valueName: "path"))
    var index: String?

    var path: String {
        index ?? ProcessInfo.processInfo.environment["NEWSSEARCH_INDEX"] ?? IndexStore.defaultPath
    }
}

/// A failure already reported to the user, ending the process with `code`.
struct Failure: Error {
    var code: Int32
}

/// Prints one line to standard error, prefixed with the program name.
func report(_ message: String) {
    FileHandle.standardError.write(Data("newssearch: \(message)\n".utf8))
}

/// Reports a library error on one line and exits with `code` (2 for unusable input).
func fail(_ error: some Error, code: Int32 = 1) -> ExitCode {
    // An exit already decided (an interrupted index run) is passed on as it is.
    if let exit = error as? ExitCode { return exit }
    report("\(error)")
    return ExitCode(code)
}

import Foundation
