import Foundation
import GRDB
import Testing
@testable import NewsSearch
import NewsSearchTestSupport
import NewsSearchTools

/// What pruning asks of cursors before it decodes anything (``PostingCursor/firstPossible(from:)``)
/// must never pass over a posting, and phrase matching must keep exactly the starts that
/// the next word follows.
@Suite struct PostingCursorTests {
    /// Every document of `postings`, unpacked block by block from the stored codes: a
    /// reference that shares no code with a cursor's moves.
    static func unpackedDocuments(of postings: TermPostings) -> [Int] {
        var documents: [Int] = []
        let buffer = UnsafeMutablePointer<Int>.allocate(capacity: PostingsCodec.blockSize)
        defer { buffer.deallocate() }
        for block in postings.blocks {
            let count = postings.withBytes {
                BitPacking.unpackDocuments($0, from: block.documentStart, count: block.count, after: block.previousDocument,
                                           into: buffer)
            }
            documents += UnsafeBufferPointer(start: buffer, count: count)
        }
        return documents
    }

    /// Indexes 2,000 articles of a small vocabulary, so that words have many blocks with
    /// gaps between them, and calls `body` with each of up to `limit` words' postings and
    /// the index's segments; returns the sum of what it returned.
    static func forEachWord(limit: Int, _ body: (String, TermPostings, SegmentDirectory) throws -> Int) throws -> Int {
        let directory = TemporaryDirectory()
        directory.write("dumps/a.jsonl", BoundBasisTests.articles(2000, words: 20...60, seed: 5, prefix: "a"))
        let store = try makeIndex(in: directory, roots: [directory.path + "/dumps"])
        return try store.read("words") { db -> Int in
            let segments = try SegmentDirectory(db, totals: ImpactTotals.load(db))
            var total = 0
            for term in try String.fetchAll(db, sql: "SELECT term FROM impact_terms LIMIT ?", arguments: [limit]) {
                total += try body(term, TermPostings(term: term, db: db, directory: segments, positionReads: .blocks), segments)
            }
            return total
        }
    }

    @Test func theFirstPossibleDocumentIsNeverPastTheNextPosting() throws {
        let checked = try Self.forEachWord(limit: 40) { term, postings, _ in
            var checked = 0
            let all = Self.unpackedDocuments(of: postings)
            let last = try #require(all.last)
            // A cursor that moves on, and one that only looks ahead from where it stands.
            let moving = PostingCursor(postings), standing = PostingCursor(postings)
            standing.advance(to: all[all.count / 2])
            for target in stride(from: 0, through: last + 3, by: 3) {
                let next = all.first { $0 >= target } ?? PostingCursor.end
                let possible = moving.firstPossible(from: target)
                #expect(possible >= target && possible <= next, "\(term): \(possible) for \(target), next \(next)")
                if next == PostingCursor.end { #expect(possible == PostingCursor.end) }
                moving.advance(to: target)
                #expect(moving.firstPossible(from: target) == moving.document)
                if target <= standing.document { #expect(standing.firstPossible(from: target) == standing.document) }
                checked += 1
            }
            return checked
        }
        #expect(checked > 10_000)
    }

    /// A move lands on the first posting at or after its target, whether the target is the
    /// next posting, further on in the decoded block, or blocks away: the strides go from
    /// one document to several blocks' worth, in a seeded order.
    @Test func aMoveLandsOnTheFirstPostingAtOrAfterItsTarget() throws {
        var generator = SplitMix64(seed: 11)
        let checked = try Self.forEachWord(limit: 40) { term, postings, _ in
            let all = Self.unpackedDocuments(of: postings)
            let last = try #require(all.last)
            var checked = 0
            for _ in 0..<5 {
                let cursor = PostingCursor(postings)
                var target = 0
                while target <= last + 1 {
                    let next = all.first { $0 >= target } ?? PostingCursor.end
                    cursor.advance(to: target)
                    #expect(cursor.document == next, "\(term): \(cursor.document) for \(target), next \(next)")
                    checked += 1
                    target = max(target, cursor.document == PostingCursor.end ? last : cursor.document)
                        + [1, 1, 2, 3, 9, 40, 130, 700].randomElement(using: &generator)!
                }
            }
            return checked
        }
        #expect(checked > 3_000)
    }

    /// A block read in bulk (what a conjunction's lead scores at once) holds, for the
    /// current posting and every later one in its block, what reading them one at a time
    /// gives: even where the cursor entered the block by a skip table, mid-block.
    @Test func aBlockReadInBulkMatchesPostingsReadOneByOne() throws {
        let compared = try Self.forEachWord(limit: 30) { term, postings, segments in
            var expected: [Int: (SIMD4<UInt32>, SIMD4<UInt32>)] = [:]
            let single = PostingCursor(postings)
            single.advance(to: 0)
            while single.document != PostingCursor.end {
                expected[single.document] = (single.frequencies, segments.fieldLengths(single.document))
                single.next()
            }
            var compared = 0
            // Entering blocks at their start, and mid-block (past a skip-table group).
            for stride in [1, 37] {
                let bulk = PostingCursor(postings)
                bulk.advance(to: 0)
                var step = 0
                while bulk.document != PostingCursor.end {
                    if step % stride == 0 {
                        let read = bulk.postings(bulk.index..<bulk.count, in: segments)
                        #expect(read.document(read.range.lowerBound) == bulk.document)
                        for index in read.range {
                            let document = read.document(index)
                            let want = try #require(expected[document], "\(term): \(document) is not a posting")
                            #expect(read.frequencies(index) == want.0, "\(term) at \(document)")
                            #expect(read.lengths(index) == want.1, "\(term) at \(document)")
                            compared += 1
                        }
                    }
                    step += 1
                    bulk.advance(to: bulk.document + 1 + (step % 3 == 0 ? 20 : 0))
                }
            }
            return compared
        }
        #expect(compared > 10_000)
    }

    @Test func aRecordedPhraseNamesItsNextMatchExactly() throws {
        let directory = TemporaryDirectory()
        directory.write("dumps/a.jsonl", BoundBasisTests.articles(300, words: 20...40, seed: 9, prefix: "a"))
        let store = try makeIndex(in: directory, roots: [directory.path + "/dumps"])
        try store.read("phrases") { db in
            let segments = try SegmentDirectory(db, totals: ImpactTotals.load(db))
            let terms = try String.fetchAll(db, sql: "SELECT term FROM impact_terms LIMIT 2")
            let postings = try terms.map { try TermPostings(term: $0, db: db, directory: segments, positionReads: .blocks) }
            let recorded = PhraseMatches(documents: [3, 40, 41, 200], frequencies: Array(repeating: SIMD4(0, 0, 1, 0), count: 4))
            let matcher = PhraseMatcher(postings: postings, columns: 0b1111, directory: segments, recorded: recorded)
            for (target, expected) in [(0, 3), (3, 3), (4, 40), (41, 41), (42, 200), (201, PostingCursor.end)] {
                #expect(matcher.firstPossible(from: target) == expected, "from \(target)")
            }
        }
    }

    @Test func phraseStartsAreKeptOnlyWhereTheNextWordFollows() {
        var starts: [UInt32] = [1, 5, 9, 20]
        /// Narrows `starts` in place, as the matcher narrows its buffer.
        func keep(followedBy later: [UInt32], distance: UInt32) {
            let kept = starts.withUnsafeMutableBufferPointer { starts in
                later.withUnsafeBufferPointer { PhraseMatcher.keepFollowed(starts, by: $0, distance: distance) }
            }
            starts.removeLast(starts.count - kept)
        }
        keep(followedBy: [2, 7, 10, 21], distance: 1)
        #expect(starts == [1, 9, 20])
        keep(followedBy: [3, 11], distance: 2)
        #expect(starts == [1, 9])
        keep(followedBy: [], distance: 1)
        #expect(starts.isEmpty)
    }
}
