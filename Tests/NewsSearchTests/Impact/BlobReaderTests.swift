import Foundation
import GRDB
import Testing
@testable import NewsSearch
import NewsSearchTestSupport

/// Offsets read a block at a time through the BLOB handle (``BlobReader``) must be
/// the bytes a whole-chunk read gives, and a chunk the index lost or cut must be
/// reported as damage, not read as empty; so must a postings row or a term's entry lost
/// or cut, and a row whose inline offsets were cut.
@Suite struct BlobReaderTests {
    /// Long articles over a small vocabulary: every word's offsets run past what a row
    /// keeps inline (``PostingsCodec/inlinePositionBytes``), in many blocks and chunks.
    static func commonWordsIndex() throws -> (TemporaryDirectory, IndexStore) {
        let directory = TemporaryDirectory()
        directory.write("dumps/a.jsonl", BoundBasisTests.articles(2000, words: 150...250, seed: 11, prefix: "a"))
        return (directory, try makeIndex(in: directory, roots: [directory.path + "/dumps"]))
    }

    @Test func aBlocksOffsetsAreTheSameReadAloneOrWithItsChunk() throws {
        let (_, store) = try Self.commonWordsIndex()
        #expect(try store.read("counting") { db in
            var inline = 0
            try TermRows.forEach(db) { _, rows in inline += rows.entries.count { $0.firstChunk == PostingsCodec.inlinePositionsMark } }
            return inline
        } == 0, "the words' offsets are in chunks")
        let (compared, longest) = try store.read("comparing") { db -> (Int, Int) in
            let segments = try SegmentDirectory(db, totals: ImpactTotals.load(db))
            var compared = 0, longest = 0
            for term in try String.fetchAll(db, sql: "SELECT term FROM impact_terms") {
                let alone = try TermPostings(term: term, db: db, directory: segments, positionReads: .blocks)
                let chunked = try TermPostings(term: term, db: db, directory: segments, positionReads: .chunks)
                longest = max(longest, alone.blocks.count)
                // Backwards too, so the handle moves between rows in both directions; into
                // one buffer, as a cursor reads them, so that it often holds more than a block.
                var buffer: [UInt8] = [], unused: [UInt8] = []
                for block in alone.blocks.indices + alone.blocks.indices.reversed() {
                    let (bytes, range) = try alone.positions(ofBlock: block, buffer: &buffer, db: db)
                    let (chunk, chunkRange) = try chunked.positions(ofBlock: block, buffer: &unused, db: db)
                    #expect(Array(bytes[range]) == Array(chunk[chunkRange]), "\(term) block \(block)")
                    compared += 1
                }
            }
            return (compared, longest)
        }
        #expect(compared > 1000)
        // Some word's blocks fill more than one chunk, so ranges inside chunks are read.
        #expect(longest > PostingsCodec.blocksPerPositionChunk)
    }

    @Test(arguments: ["DELETE FROM impact_positions", "UPDATE impact_positions SET data = substr(data, 1, 1)"])
    func aLostOrCutChunkOfOffsetsIsReportedAsDamage(damage: String) throws {
        let (directory, store) = try Self.commonWordsIndex()
        #expect(try SearchEngine(store: store).search("\"zobab zocac\"").total > 0)
        try DatabaseQueue(path: directory.indexPath).write { db in try db.execute(sql: damage) }
        #expect(try Self.failure(searching: "\"zobab zocac\"", in: directory).contains("damaged"))
    }

    /// A postings row cut short, in its blocks or in its headers, is damage: read on, its
    /// blocks would be read from the next row's bytes.
    @Test(arguments: ["substr(data, 1, length(data) - 1)", "substr(data, 1, 4)"])
    func aCutPostingsRowIsReportedAsDamage(cut: String) throws {
        let (directory, store) = try Self.commonWordsIndex()
        #expect(try SearchEngine(store: store).search("zobab zocac").total > 0)
        try DatabaseQueue(path: directory.indexPath).write { db in
            try db.execute(sql: "UPDATE impact_postings SET data = \(cut) WHERE \(Self.rowsOfZobab)")
        }
        let failure = try Self.failure(searching: "zobab zocac", in: directory)
        #expect(failure.contains("damaged") && failure.contains("the row of zobab is short"), "\(failure)")
    }

    /// A postings row its term's entry lists and the index lost, or the entry itself cut
    /// short, is damage too: read as absent, the word would match fewer sections.
    @Test(arguments: ["DELETE FROM impact_postings WHERE \(rowsOfZobab)",
                      "UPDATE impact_postings SET data = 5 WHERE \(rowsOfZobab)",
                      "UPDATE impact_terms SET rows = substr(rows, 1, 5) WHERE term = 'zobab'"])
    func aLostPostingsRowOrACutTermEntryIsReportedAsDamage(damage: String) throws {
        let (directory, store) = try Self.commonWordsIndex()
        #expect(try SearchEngine(store: store).search("zobab zocac").total > 0)
        try DatabaseQueue(path: directory.indexPath).write { db in try db.execute(sql: damage) }
        let failure = try Self.failure(searching: "zobab zocac", in: directory)
        #expect(failure.contains("damaged") && (failure.contains("no such rowid") || failure.contains("cannot open value")
                                                 || failure.contains("the entry of zobab is cut")), "\(failure)")
    }

    /// The postings rows of `zobab`, whose ids hold its number above the segment's 31 bits.
    static let rowsOfZobab = "id >> 31 = (SELECT id FROM impact_terms WHERE term = 'zobab')"

    /// A rare word's offsets are in its postings row (``PostingsCodec/inlinePositionBytes``):
    /// a row cut short is damage too.
    @Test func aCutRowOfInlineOffsetsIsReportedAsDamage() throws {
        let directory = TemporaryDirectory()
        let before = try makeEngine(indexing: directory, roots: [TestSupport.seedsDirectory]).search("\"North Korea\"")
        #expect(before.total > 0)
        try DatabaseQueue(path: directory.indexPath).write { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM impact_positions") == 0, "every seed word's offsets are inline")
            try db.execute(sql: "UPDATE impact_postings SET data = substr(data, 1, length(data) - 1)")
        }
        #expect(try Self.failure(searching: "\"North Korea\"", in: directory).contains("damaged"))
    }

    /// A segment whose skip-table layout this build does not know cannot be read by any
    /// rule: damage, not a segment to read as having none.
    @Test func anUnknownSkipTableLayoutIsReportedAsDamage() throws {
        let (directory, store) = try Self.commonWordsIndex()
        #expect(try SearchEngine(store: store).search("\"zobab zocac\"").total > 0)
        try DatabaseQueue(path: directory.indexPath).write { db in try db.execute(sql: "UPDATE impact_segments SET skip_tables = 7") }
        let failure = try Self.failure(searching: "\"zobab zocac\"", in: directory)
        #expect(failure.contains("damaged") && failure.contains("unknown skip-table layout"), "\(failure)")
    }

    /// A merge reads whole chunks of offsets and keeps them for the chunk's other blocks:
    /// a chunk cut inside its second block's offsets is damage when that block is read
    /// from the kept chunk, not offsets read past the chunk's end.
    @Test func aChunkCutAfterItsFirstBlockIsReportedAsDamageByAMerge() throws {
        let directory = TemporaryDirectory()
        directory.write("dumps/a.jsonl", BoundBasisTests.articles(2000, words: 150...250, seed: 11, prefix: "a"))
        let store = try makeIndex(in: directory, roots: [directory.path + "/dumps"])
        directory.write("dumps/b.jsonl", BoundBasisTests.articles(2000, words: 150...250, seed: 12, prefix: "b"))
        _ = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        try store.write("cutting") { db in
            let segments = try SegmentDirectory(db, totals: ImpactTotals.load(db))
            #expect(segments.segments.count >= 2, "two runs, two segments to merge")
            // A word whose first row has its offsets in chunks and two blocks in its first.
            let chunked = try String.fetchAll(db, sql: "SELECT term FROM impact_terms ORDER BY term").lazy.map {
                try TermPostings(term: $0, db: db, directory: segments, positionReads: .chunks)
            }.first { $0.blockCount > 1 && !$0.rows[0].inline && $0.block(1).row == 0 }
            let postings = try #require(chunked)
            let (first, row) = (postings.block(0), postings.rows[0])
            let id = PositionChunkID(segment: row.segment, chunk: row.firstChunk).rawValue
            try db.execute(sql: "UPDATE impact_positions SET data = substr(data, 1, ?) WHERE id = ?",
                           arguments: [first.positions.upperBound, id])
        }
        #expect {
            try store.write("merging") { db in
                let ids = try Int64.fetchAll(db, sql: "SELECT id FROM impact_segments ORDER BY id")
                try SegmentMerge.merge(ids.first!...ids.last!, db: db)
            }
        } throws: { "\($0)".contains("damaged") && "\($0)".contains("is short") }
    }

    private static func failure(searching query: String, in directory: TemporaryDirectory) throws -> String {
        do {
            _ = try SearchEngine(store: IndexStore(path: directory.indexPath)).search(query)
            return "no error"
        } catch {
            return "\(error)"
        }
    }
}
