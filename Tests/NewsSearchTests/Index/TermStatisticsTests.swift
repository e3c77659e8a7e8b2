import Foundation
import GRDB
import Testing
@testable import NewsSearch
import NewsSearchTestSupport

@Suite struct TermStatisticsTests {
    private func write(_ directory: TemporaryDirectory, _ name: String, title: String, words: String) {
        directory.write("dumps/\(name).txt", sampleArticle(
            title: title, lead: "The council met on Monday to discuss \(words) at length.",
            sections: [("Background", "Residents raised \(words) and the harbour budget."),
                       ("Outlook", "A vote on \(words) is expected next week, officials said.")],
            author: "Ann Lee"))
    }

    private func counts(_ store: IndexStore, _ read: (Database) throws -> TermStatistics.Counts) throws -> [String: Int64] {
        let counts = try store.read("test") { db in try read(db) }
        return Dictionary(uniqueKeysWithValues: zip(counts.terms, counts.sections))
    }

    /// The impact index's live counts are FTS5's vocabulary counts, after files are
    /// added, changed and deleted (the counts that query expansion weighs).
    @Test func countsFromTheImpactIndexEqualFTS5sVocabulary() throws {
        let directory = TemporaryDirectory()
        for index in 0..<12 { write(directory, "story\(index)", title: "Story \(index) on tolls", words: "bridge tolls \(index)") }
        write(directory, "ferry", title: "Ferry timetable", words: "ferry crossings")
        let store = try IndexStore(path: directory.indexPath, create: true)
        _ = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        #expect(try counts(store, TermStatistics.countFromImpact) == counts(store, TermStatistics.countFromVocabulary))

        // A changed file, a deleted one (the only one with "ferry"), a new one.
        write(directory, "story3", title: "Story three, revised", words: "parking charges")
        try FileManager.default.removeItem(atPath: directory.path + "/dumps/ferry.txt")
        write(directory, "late", title: "Late news", words: "tram extension")
        _ = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        let fromImpact = try counts(store, TermStatistics.countFromImpact)
        #expect(fromImpact == (try counts(store, TermStatistics.countFromVocabulary)))
        #expect(fromImpact["ferri"] == nil)
        #expect(fromImpact["tram"] == Int64(3))
        #expect(fromImpact["toll"] == Int64(11 * 3))  // eleven stories left, three sections each
    }
}
