import Foundation
import GRDB
import Testing
@testable import NewsSearch
import NewsSearchTestSupport

/// A term's entry in `impact_terms` (``TermRows``) reads back as written, keeps its
/// segments in order, and is damage when cut; and the entries list exactly the postings
/// rows the index holds, through index runs, deletions and merges.
@Suite struct TermRowsTests {
    static let sample = TermRows(id: 7, entries: [
        .init(segment: 1, firstChunk: PostingsCodec.inlinePositionsMark, patterns: [4, 12]),
        .init(segment: 3, firstChunk: 0, patterns: []),
        .init(segment: 300_000, firstChunk: 70_000, patterns: Array(repeating: 0x81, count: 200) + [1]),
    ])

    @Test func anEntryReadsBackAsWritten() {
        let encoded = Self.sample.encoded
        #expect(encoded.withUnsafeBytes { TermRows(id: 7, encoded: $0) } == Self.sample)
        #expect([UInt8]().withUnsafeBytes { TermRows(id: 7, encoded: $0) } == TermRows(id: 7))
    }

    @Test func anEntryCutInsideItsPatternsOrPastTheLastSegmentIsDamage() {
        let encoded = Self.sample.encoded
        // Cut inside the last entry's 201 pattern bytes.
        #expect(encoded.dropLast(5).withUnsafeBytes { TermRows(id: 7, encoded: $0) } == nil)
        // A segment gap that would take the id past 2³¹ (``PostingsRowID``).
        var beyond: [UInt8] = []
        Varint.append(UInt64(1) << 40, to: &beyond)
        beyond += [0, 0]
        #expect(beyond.withUnsafeBytes { TermRows(id: 7, encoded: $0) } == nil)
    }

    @Test func insertingKeepsSegmentOrderAndReplacesASegmentsEntry() {
        var rows = Self.sample
        rows.insert(.init(segment: 2, firstChunk: 5, patterns: [1, 1]))
        rows.insert(.init(segment: 3, firstChunk: 9, patterns: [2, 2]))
        #expect(rows.entries.map(\.segment) == [1, 2, 3, 300_000])
        #expect(rows.entries[2].firstChunk == 9)
    }

    /// Runs that add files, one that removes a file, and merges: after each, every
    /// postings row is one an entry lists, and every entry's row is there.
    @Test func theEntriesListExactlyThePostingsRowsThroughRunsDeletionsAndMerges() throws {
        let directory = TemporaryDirectory()
        // Six segments; the removed file's is purged, and optimize merges the rest to four.
        let store = try IndexOptimizeTests.grownIndex(in: directory, runs: 6, articles: 60, words: 20...80, seed: 30) {
            try Self.expectEntriesMatchRows($0)
        }
        try FileManager.default.removeItem(atPath: directory.path + "/dumps/part1.jsonl")
        _ = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        try Self.expectEntriesMatchRows(store)
        let merged = try store.optimize()
        #expect(merged.impactBefore > merged.impactAfter)
        try Self.expectEntriesMatchRows(store)
    }

    /// Every postings row id the entries name, against the table's.
    static func expectEntriesMatchRows(_ store: IndexStore, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (listed, stored) = try store.read("rows") { db -> (Set<Int64>, Set<Int64>) in
            var listed = Set<Int64>()
            try TermRows.forEach(db) { _, rows in
                for entry in rows.entries { listed.insert(PostingsRowID(term: rows.id, segment: entry.segment).rawValue) }
            }
            return (listed, Set(try Int64.fetchAll(db, sql: "SELECT id FROM impact_postings")))
        }
        #expect(!listed.isEmpty, sourceLocation: sourceLocation)
        #expect(listed.symmetricDifference(stored).isEmpty, "listed but missing: \(listed.subtracting(stored).count), stored but unlisted: \(stored.subtracting(listed).count)",
                sourceLocation: sourceLocation)
    }
}
