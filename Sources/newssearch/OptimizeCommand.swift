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
            them down to 4 makes searches of a large archive read a little less (at 1M sections, \
            16 segments merged to 4 in 71 s, and a search's instructions fell 1 to 4 %). An index \
            whose impact index was dropped when a newer version opened it (an older layout) has \
            it built again first, as the next index run would. Each merge, and each batch of \
            sections built, is committed on its own: an interrupted run keeps what it finished.

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
                  + "; impact index \(Counted.noun(impact.impactBefore, "segment")) → \(impact.impactAfter)"
                  + (impact.upgraded > 0 ? "; index upgraded for fast top-k search (\(Counted.noun(impact.upgraded, "section")))" : ""))
        } catch {
            throw fail(error)
        }
    }
}
