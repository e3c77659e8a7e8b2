import Foundation
import GRDB
import Testing
@testable import NewsSearch
import NewsSearchTestSupport

/// A phrase is checked from its rarest word on: the matches and their frequencies per
/// field must be those of the phrase read in order, wherever its words stand.
@Suite struct PhraseMatcherTests {
    /// `the` in every section and `club` in half, so that both have more blocks than
    /// `breakfast` and are checked after it.
    private static func index() throws -> (TemporaryDirectory, IndexStore) {
        let directory = TemporaryDirectory()
        var lines: [String] = []
        func article(_ id: String, title: String, text: String) {
            lines.append(#"{"id": "\#(id)", "title": "\#(title)", "text": "\#(text)"}"#)
        }
        article("in-title-and-body", title: "The breakfast club", text: "the breakfast club met on monday.")
        article("no-the-before", title: "Morning", text: "a breakfast club and the rest.")
        article("at-the-start", title: "Early", text: "breakfast club the members said.")
        article("reversed", title: "Late", text: "club breakfast the end.")
        article("second-try", title: "Again", text: "the breakfast the breakfast club club.")
        article("twice", title: "Twice", text: "the breakfast club and then the breakfast club again.")
        for filler in 0..<400 {
            article("filler\(filler)", title: "Day \(filler)", text: filler % 2 == 0 ? "the news of the club today." : "the news of the day.")
        }
        directory.write("dumps/a.jsonl", lines.joined(separator: "\n") + "\n")
        return (directory, try makeIndex(in: directory, roots: [directory.path + "/dumps"]))
    }

    @Test func aPhraseMatchesWhereItsWordsStandInOrderCheckedFromTheRarest() throws {
        let (directory, store) = try Self.index()
        defer { withExtendedLifetime(directory) {} }
        let found = try store.read("phrase") { db -> [String: SIMD4<UInt32>] in
            let segments = try SegmentDirectory(db, totals: ImpactTotals.load(db))
            let postings = try ["the", "breakfast", "club"].map {
                try TermPostings(term: $0, db: db, directory: segments, positionReads: .blocks)
            }
            #expect(postings[1].blocks.count < postings[2].blocks.count && postings[2].blocks.count < postings[0].blocks.count)
            var matcher = PhraseMatcher(postings: postings, columns: 0b1111, directory: segments)
            let (count, matches) = try matcher.collect(limit: 100, db: db)
            let recorded = try #require(matches)
            #expect(count == 3)
            var found: [String: SIMD4<UInt32>] = [:]
            for (document, frequencies) in zip(recorded.documents, recorded.frequencies) {
                let article = SectionID.article(of: segments.sectionIDs[document])
                let id = try #require(try String.fetchOne(db, sql: "SELECT external_id FROM articles WHERE id = ?", arguments: [article]))
                found[id] = frequencies
            }
            return found
        }
        #expect(found == ["in-title-and-body": SIMD4(1, 0, 1, 0), "second-try": SIMD4(0, 0, 1, 0), "twice": SIMD4(0, 0, 2, 0)])
    }
}
