import ArgumentParser
import NewsSearch

/// `newssearch optimize`: merge the full-text index into one segment.
struct OptimizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize", abstract: "Merge all full-text segments into one (FTS5 'optimize').")

    @OptionGroup var location: IndexLocation

    func run() throws {
        do {
            let store = try IndexStore(path: location.path, access: .write)
            let before = try IndexStats(store: store).segments
            try store.optimize()
            let after = try IndexStats(store: store).segments
            print("optimized \(location.path): \(before) segments → \(after)")
        } catch {
            throw fail(error)
        }
    }
}
