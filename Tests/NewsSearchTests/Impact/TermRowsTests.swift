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

    /// Cut anywhere but between two entries, an entry is damage, never a shorter valid
    /// one (read as such, a segment's counts or its offsets' place would be lost unseen).
    @Test func anEntryCutAnywhereButBetweenEntriesIsDamage() {
        let encoded = Self.sample.encoded
        let boundaries = (0...Self.sample.entries.count).map { TermRows(id: 7, entries: Array(Self.sample.entries.prefix($0))).encoded.count }
        for length in 0..<encoded.count {
            let read = encoded.prefix(length).withUnsafeBytes { TermRows(id: 7, encoded: $0) }
            if let entries = boundaries.firstIndex(of: length) {
                #expect(read == TermRows(id: 7, entries: Array(Self.sample.entries.prefix(entries))), "cut at \(length)")
            } else {
                #expect(read == nil, "cut at \(length)")
            }
        }
    }

    /// Values no entry holds are damage, and never stop the process: a segment gap past
    /// 2³¹ (``PostingsRowID``), a varint of 64 bits, a chunk past ``PositionChunkID/maxChunk``.
    @Test func outOfRangeValuesAreDamage() {
        var beyond: [UInt8] = []
        Varint.append(UInt64(1) << 40, to: &beyond)
        beyond += [0, 0]
        let huge: [UInt8] = Array(repeating: 0xFF, count: 9) + [0x01]
        var chunk: [UInt8] = [1]
        Varint.append(UInt64(PositionChunkID.maxChunk) + 2, to: &chunk)
        chunk += [0]
        for bytes in [beyond, huge + [0, 0], [1] + huge + [0], [1, 0] + huge, chunk] {
            #expect(bytes.withUnsafeBytes { TermRows(id: 7, encoded: $0) } == nil, "\(bytes)")
        }
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
        let numbers = { try store.read("numbers") { db in try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT term, id FROM impact_terms").map { ($0[0] as String, $0[1] as Int64) }) } }
        let before = try numbers()
        let merged = try store.optimize()
        #expect(merged.impactBefore > merged.impactAfter)
        try Self.expectEntriesMatchRows(store)
        // Everything into one segment: every term's entry is emptied, then written again.
        try store.write("merging") { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM impact_segments ORDER BY id")
            try SegmentMerge.merge(ids.first!...ids.last!, db: db)
        }
        try Self.expectEntriesMatchRows(store)
        #expect(try numbers() == before, "a merge keeps every term's number")
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
