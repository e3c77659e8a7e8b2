import ArgumentParser
import Foundation
import NewsSearch

/// `newssearch config`: show or store an index's ranking parameters.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the index's ranking parameters, or store new ones with the flags.")

    @OptionGroup var location: IndexLocation
    @OptionGroup var ranking: RankingFlags

    @Flag(help: "Forget stored parameters and use the defaults.")
    var reset = false

    func run() throws {
        do {
            let engine = try SearchEngine(store: IndexStore(path: location.path, access: reset || !ranking.isEmpty ? .write : .read))
            if reset {
                try engine.store(parameters: .default)
            } else if !ranking.isEmpty {
                try engine.store(parameters: ranking.applied(to: engine.storedParameters()))
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(engine.storedParameters()), as: UTF8.self))
        } catch {
            throw fail(error)
        }
    }
}
