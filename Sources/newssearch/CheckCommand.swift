import ArgumentParser
import NewsSearch

/// `newssearch check`: is the index sound?
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that an index is sound: SQLite's and FTS5's integrity checks, and newssearch's tables against each other.",
        discussion: """
            Prints one line per problem and exits with 1 when there is any; a damaged index can be made \
            anew from its dumps with `newssearch rebuild`. The index is opened read-only.

            Examples:
              newssearch check
              newssearch check --index archive.db
            """)

    @OptionGroup var location: IndexLocation

    func run() throws {
        do {
            let store = try location.store()
            let problems = try store.integrityProblems()
            guard problems.isEmpty else {
                for problem in problems { report("\(location.path): \(problem)") }
                report("\(problems.count) problem\(problems.count == 1 ? "" : "s") found: `newssearch rebuild --index \(location.path)` makes the index anew from its dumps")
                throw ExitCode(1)
            }
            let stats = try IndexStats(store: store)
            print("\(location.path) is sound: \(stats.articles) article\(stats.articles == 1 ? "" : "s"), \(stats.sections) section\(stats.sections == 1 ? "" : "s"); SQLite, FTS5 and table checks passed")
        } catch {
            throw fail(error)
        }
    }
}
