import ArgumentParser
import NewsSearch

/// `newssearch optimize`: merge the full-text index into one segment and the impact
/// index into a few.
struct OptimizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize", abstract: "Merge the index's segments: full-text into one, impact into at most 4.",
        discussion: """
            Searches read every segment of the full-text index, and each word's rows in every \
            segment of the impact index. An index run keeps at most 24 impact segments; merging \
            them down to 4 makes searches of a large archive read less (at 1M sections about 40 % \
            less of each word's rows and offsets), at the cost of rewriting the impact index once \
            (about 2 minutes at 1M sections). Each merge is committed on its own: an interrupted \
            run keeps the merges it finished.

            Examples:
              newssearch optimize
              newssearch optimize --index /tmp/bbc.db
            """)

    @OptionGroup var location: IndexLocation

    func run() throws {
        do {
            let store = try location.store(access: .write)
            let before = try IndexStats(store: store).segments
            let impact = try store.optimize()
            let after = try IndexStats(store: store).segments
            print("optimized " + TerminalText.sanitised(location.path) + ": \(Counted.noun(before, "segment")) → \(after)"
                  + "; impact index \(Counted.noun(impact.impactBefore, "segment")) → \(impact.impactAfter)")
        } catch {
            throw fail(error)
        }
    }
}
