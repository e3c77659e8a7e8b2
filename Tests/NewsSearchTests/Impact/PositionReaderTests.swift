import Foundation
import GRDB
import Testing
@testable import NewsSearch
import NewsSearchTestSupport

/// Offsets read a block at a time through the BLOB handle (``PositionReader``) must be
/// the bytes a whole-chunk read gives, and a chunk the index lost or cut must be
/// reported as damage, not read as empty.
@Suite struct PositionReaderTests {
    @Test func aBlocksOffsetsAreTheSameReadAloneOrWithItsChunk() throws {
        let directory = TemporaryDirectory()
        // A small vocabulary, so that words have many blocks and chunks.
        directory.write("dumps/a.jsonl", BoundBasisTests.articles(2000, words: 20...60, seed: 11, prefix: "a"))
        let store = try makeIndex(in: directory, roots: [directory.path + "/dumps"])
        let (compared, longest) = try store.read("comparing") { db -> (Int, Int) in
            let segments = try SegmentDirectory(db, totals: ImpactTotals.load(db))
            var compared = 0, longest = 0
            for term in try String.fetchAll(db, sql: "SELECT DISTINCT term FROM impact_postings") {
                let alone = try TermPostings(term: term, db: db, directory: segments, positionReads: .blocks)
                let chunked = try TermPostings(term: term, db: db, directory: segments, positionReads: .chunks)
                longest = max(longest, alone.blocks.count)
                // Backwards too, so the handle moves between rows in both directions.
                for block in alone.blocks.indices + alone.blocks.indices.reversed() {
                    let (bytes, range) = try alone.positions(ofBlock: block, db: db)
                    let (chunk, chunkRange) = try chunked.positions(ofBlock: block, db: db)
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
        let directory = TemporaryDirectory()
        let before = try makeEngine(indexing: directory, roots: [TestSupport.seedsDirectory]).search("\"North Korea\"")
        #expect(before.total > 0)
        try DatabaseQueue(path: directory.indexPath).write { db in try db.execute(sql: damage) }
        let message: String
        do {
            _ = try SearchEngine(store: IndexStore(path: directory.indexPath)).search("\"North Korea\"")
            message = "no error"
        } catch {
            message = "\(error)"
        }
        #expect(message.contains("damaged"), "\(message)")
    }
}
