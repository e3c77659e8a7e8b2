import ArgumentParser
import NewsSearch

/// `newssearch optimize`: merge the full-text index into one segment.
struct OptimizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize", abstract: "Merge all full-text segments into one (FTS5 'optimize').",
        discussion: """
            Searches read every segment of the full-text index; after many incremental index runs, \
            merging them into one makes searches a little faster.

            Examples:
              newssearch optimize
              newssearch optimize --index /tmp/bbc.db
            """)

    @OptionGroup var location: IndexLocation

    func run() throws {
        do {
            let store = try location.store(access: .write)
            let before = try IndexStats(store: store).segments
            try store.optimize()
            let after = try IndexStats(store: store).segments
            print("optimized " + TerminalText.sanitised(location.path) + ": \(Counted.noun(before, "segment")) → \(after)")
        } catch {
            throw fail(error)
        }
    }
}
