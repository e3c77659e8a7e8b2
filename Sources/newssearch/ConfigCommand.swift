import ArgumentParser
import Foundation
import NewsSearch

/// `newssearch config`: show or store an index's ranking parameters.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the index's ranking parameters, or store new ones with the flags.",
        discussion: """
            Prints the parameters as JSON (snake_case keys; b and weights per field by name). Flags given are stored in the index and used \
            by every later search, bench and eval on it; --reset goes back to the defaults.

            Examples:
              newssearch config
              newssearch config --k1 1.4 --b-body 0.6
              newssearch config --reset
            """)

    @OptionGroup var location: IndexLocation
    @OptionGroup(title: "Ranking") var ranking: RankingFlags

    @Flag(help: "Forget stored parameters and use the defaults.")
    var reset = false

    func run() throws {
        do {
            let engine = try SearchEngine(store: location.store(access: reset || !ranking.isEmpty ? .write : .read))
            if reset {
                try engine.store(parameters: .default)
            } else if !ranking.isEmpty {
                try engine.store(parameters: ranking.applied(to: engine.storedParameters()))
            }
            print(try ParametersJSON.text(engine.storedParameters()))
        } catch {
            throw fail(error)
        }
    }
}
