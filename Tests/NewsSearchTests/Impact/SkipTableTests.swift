import Foundation
import GRDB
import Testing
@testable import NewsSearch
import NewsSearchTools

/// A common word's blocks carry skip tables (``PostingsCodec``): a cursor that jumps to
/// a posting by them must read the frequencies and offsets that were written, wherever
/// in its block the posting stands and whatever the cursor read before it.
@Suite struct SkipTableTests {
    /// One posting as written: its document, frequencies and offsets per field.
    struct Written {
        var document: Int
        var frequencies: SIMD4<UInt32>
        var offsets: [[UInt32]]
    }

    /// A segment of `documents` sections holding `common` in nearly every one, often many
    /// times and sometimes in the title (so that frequency codes take several bytes);
    /// `inline` in a few, many times each, so that its one block gets tables and its
    /// offsets stay in its postings row; and `rare` in a few, each once: its blocks stay
    /// small and get no tables; `middling` in one section of three, once each: its
    /// blocks come to under 256 bytes of offsets and have no frequency codes.
    static func segment(documents: Int, seed: UInt64, skipTables: SkipTableLayout = .current) throws -> (DatabaseQueue, [String: [Written]]) {
        var random = SplitMix64(seed: seed)
        let terms = ["common", "dense", "inline", "rare", "middling"]
        var written: [String: [Written]] = ["common": [], "dense": [], "inline": [], "rare": [], "middling": []]
        var lengths: [UInt32] = []
        for document in 0..<documents {
            // `dense` many hundred times in long sections: its full block's offsets pass
            // 64 KiB, so its skip entries are 4 bytes wide.
            let long = document % 40 == 0
            let fieldLengths: [UInt32] = [12, 0, long ? 3000 : UInt32.random(in: 50...900, using: &random), 2]
            lengths += fieldLengths
            for term in terms {
                let frequencies: SIMD4<UInt32> = switch term {
                case "common": SIMD4(Bool.random(using: &random) ? 0 : UInt32.random(in: 1...3, using: &random), 0,
                                     UInt32.random(in: 1...60, using: &random), 0)
                case "inline": SIMD4(0, 0, UInt32.random(in: 10...20, using: &random), 0)
                case "dense": SIMD4(0, 0, UInt32.random(in: 700...900, using: &random), 0)
                default: SIMD4(0, 0, 1, 0)
                }
                let holds = switch term {
                case "common": document % 17 != 3
                case "inline": document % 150 == 7
                case "dense": long
                case "middling": document % 3 == 0
                default: document % 97 == 5
                }
                guard holds else { continue }
                let offsets = (0..<4).map { field in
                    Array(Set((0..<Int(frequencies[field])).map { _ in UInt32.random(in: 0..<max(1, fieldLengths[field]), using: &random) }))
                        .sorted()
                }
                let counted = SIMD4<UInt32>(offsets.map { UInt32($0.count) })
                written[term]!.append(Written(document: document, frequencies: counted, offsets: offsets))
            }
        }
        let totals = (0..<4).map { field in stride(from: field, to: lengths.count, by: 4).reduce(Int64(0)) { $0 + Int64(lengths[$1]) } }
        let basis = BoundBasis(totals: ImpactTotals(sections: Int64(documents), lengths: SIMD4(totals[0], totals[1], totals[2], totals[3])))
        var rows: [EncodedSegment.Row] = []
        for term in terms {
            var builder = PostingsBuilder(skipTables: skipTables)
            for posting in written[term]! {
                let d = posting.document
                let flat = posting.offsets.flatMap { $0 }
                flat.withUnsafeBufferPointer { buffer in
                    builder.add(document: UInt32(d), frequencies: posting.frequencies,
                                lengths: SIMD4(lengths[4 * d], lengths[4 * d + 1], lengths[4 * d + 2], lengths[4 * d + 3]),
                                offsets: buffer, basis: basis)
                }
            }
            rows.append(builder.encoded())
        }
        let queue = try DatabaseQueue()
        try queue.write { db in
            try ImpactSchema.create(db)
            let segment = EncodedSegment(ids: (0..<documents).map { Int64($0 + 1) << 6 }, lengths: lengths, terms: terms,
                                         rows: rows, totals: SIMD4(totals[0], totals[1], totals[2], totals[3]), basis: basis)
            _ = try segment.write(db)
        }
        return (queue, written)
    }

    /// The narrowest entry that holds a start in `bytes` bytes: 1, 2 or 4.
    static func narrowest(_ bytes: Int) -> Int { bytes <= 255 ? 1 : bytes <= 65_535 ? 2 : 4 }

    /// Reads the postings of `term` at `wanted` (increasing indexes into what was written)
    /// with one cursor: the frequencies of each, then every field's offsets of every
    /// `offsetsEvery`-th only (a phrase reads a common word's frequencies where the rarer
    /// words stand, and its offsets where they stand in order); the others' offsets are
    /// given as written.
    static func read(_ term: String, at wanted: [Int], written: [Written], offsetsEvery: Int, db: Database,
                     reads: TermPostings.PositionReads) throws -> [Written] {
        let directory = try SegmentDirectory(db, totals: ImpactTotals.load(db))
        let cursor = PostingCursor(try TermPostings(term: term, db: db, directory: directory, positionReads: reads))
        return try wanted.enumerated().map { number, index in
            cursor.advance(to: written[index].document)
            let frequencies = cursor.frequencies
            guard number % offsetsEvery == 0 else {
                return Written(document: cursor.document, frequencies: frequencies, offsets: written[index].offsets)
            }
            let offsets = try (0..<4).map { field in frequencies[field] > 0 ? Array(try cursor.offsets(field: field, db: db)) : [] }
            return Written(document: cursor.document, frequencies: frequencies, offsets: offsets)
        }
    }

    /// With today's tables, and as versions 9 (tables in large blocks only) and 7 and 8 (none)
    /// wrote segments, which the segment says (`impact_segments.skip_tables`), so the
    /// reader looks for the tables that were written.
    @Test(arguments: SkipTableLayout.allCases)
    func aPostingReadByItsBlocksSkipTableIsTheOneWritten(skipTables: SkipTableLayout) throws {
        let (queue, written) = try Self.segment(documents: 6000, seed: 3, skipTables: skipTables)
        try queue.read { db in
            let directory = try SegmentDirectory(db, totals: ImpactTotals.load(db))
            #expect(directory.segments.allSatisfy { $0.skipTables == skipTables })
            let common = try TermPostings(term: "common", db: db, directory: directory, positionReads: .blocks)
            let rare = try TermPostings(term: "rare", db: db, directory: directory, positionReads: .blocks)
            let inline = try TermPostings(term: "inline", db: db, directory: directory, positionReads: .blocks)
            #expect(try TermRows.read("inline", db: db)?.entries.map(\.firstChunk) == [PostingsCodec.inlinePositionsMark],
                    "its offsets are in its postings row")
            #expect(inline.blocks.count == 1 && inline.blocks[0].table.entries == (skipTables == .none ? 0 : skipTables == .graded ? 9 : 2))
            switch skipTables {
            case .none:
                #expect(common.blocks.allSatisfy { $0.table.entries == 0 })
                #expect(rare.blocks.allSatisfy { $0.table.entries == 0 })
            case .large:
                #expect(common.blocks.filter { $0.table.entries > 0 }.count > common.blocks.count / 2, "the common word's blocks have tables")
                #expect(common.blocks.allSatisfy { $0.table.entries == 0 || $0.table.positionWidth == 4 })
                #expect(rare.blocks.allSatisfy { $0.table.entries == 0 }, "a rare word's small blocks have none")
            case .compact, .graded:
                #expect(common.blocks.allSatisfy { $0.count <= PostingsCodec.skipGroup || $0.table.entries > 0 }, "every block of the common word has tables")
                #expect(common.blocks.allSatisfy { $0.table.entries == 0 || $0.table.positionWidth
                            == (skipTables == .graded ? Self.narrowest($0.positions.count - $0.table.positionBytes) : 2) },
                        "narrow ones, its blocks' offsets being under 64 KiB")
                #expect(common.blocks.allSatisfy { $0.table.entries == 0 || $0.table.frequencyWidth
                            == (skipTables == .graded ? Self.narrowest($0.frequencies.count - $0.table.frequencyBytes) : 2) })
                let dense = try TermPostings(term: "dense", db: db, directory: directory, positionReads: .blocks)
                #expect(dense.blocks.contains { $0.count == PostingsCodec.blockSize && $0.positions.count > Int(UInt16.max) },
                        "a block whose offsets pass 64 KiB")
                #expect(dense.blocks.allSatisfy {
                    $0.table.entries > 0 && $0.table.positionWidth == (skipTables == .graded
                        ? Self.narrowest($0.positions.count - $0.table.positionBytes) : $0.positions.count > Int(UInt16.max) ? 4 : 2)
                }, "its entries are wide, narrow below 64 KiB")
                if skipTables == .graded {
                    let middling = try TermPostings(term: "middling", db: db, directory: directory, positionReads: .blocks)
                    let full = { (postings: TermPostings) in postings.blocks.filter { $0.count == PostingsCodec.blockSize } }
                    #expect([common, dense, middling].allSatisfy { !full($0).isEmpty && full($0).allSatisfy {
                        $0.table.group == SkipTableLayout.fineGroup && $0.table.entries == 31
                    } }, "a full block has an entry every 4 postings")
                    #expect(full(middling).allSatisfy { $0.table.positionWidth == 1 && $0.table.frequencyWidth == 1 },
                            "1-byte entries for a block of under 256 bytes of offsets and codes")
                    #expect(full(dense).allSatisfy { $0.table.frequencyWidth == 2 }, "2-byte ones for its codes")
                }
            }

            var random = SplitMix64(seed: 8)
            var checked = 0
            for term in ["common", "dense", "inline", "rare", "middling"] {
                let all = written[term]!
                // Every posting; every k-th, from various starts (a cursor that jumps over
                // groups, lands at a group's start or end, or stays within one); random ones.
                var patterns: [[Int]] = [Array(all.indices)]
                for step in [3, 15, 16, 17, 40, 129] {
                    for start in [0, 1, 15, 16] { patterns.append(Array(stride(from: start, to: all.count, by: step))) }
                }
                patterns.append(all.indices.filter { _ in Int.random(in: 0..<10, using: &random) == 0 })
                for (number, pattern) in patterns.enumerated() {
                    for (reads, offsetsEvery) in [(TermPostings.PositionReads.blocks, 1), (.blocks, 3), (.chunks, 1), (.chunks, 3)] {
                        let read = try Self.read(term, at: pattern, written: all, offsetsEvery: offsetsEvery, db: db, reads: reads)
                        let wrong = zip(pattern, read).first { index, found in
                            found.document != all[index].document || found.frequencies != all[index].frequencies
                                || found.offsets != all[index].offsets
                        }
                        #expect(wrong == nil, "\(term), pattern \(number), \(reads), offsets every \(offsetsEvery): posting \(wrong.map { "\($0.0) read as \($0.1), written \(all[$0.0])" } ?? "")")
                        checked += read.count
                    }
                }
            }
            #expect(checked > 30_000)
        }
    }

    /// The table the writer gives a block (``SkipTableLayout/table(count:untabledPositionBytes:codeBytes:)``)
    /// is the one the reader finds from the block's byte counts alone, on both sides of
    /// every threshold (128, 255 and 512 bytes, 64 KiB); version 9's rule is as version
    /// 9 wrote it; versions 10 to 12 give every full block tables, today's too, an entry
    /// every 4 postings, each as narrow as it can be.
    @Test(arguments: SkipTableLayout.allCases)
    func theTableTheWriterGivesIsTheOneTheReaderFinds(layout: SkipTableLayout) {
        let sizes = Array(0...1_100) + Array(65_000...66_100) + Array(stride(from: 1_101, to: 300_000, by: 997))
        let codeSizes = layout == .graded ? [0, 1, 100, 254, 255, 256, 257, 300, 1_000, 20_000] : [0]
        var wrong: [String] = []
        for count in 1...PostingsCodec.blockSize {
            for untabled in sizes where wrong.count < 5 {
                for codes in codeSizes {
                    let table = layout.table(count: count, untabledPositionBytes: untabled, codeBytes: codes)
                    let total = untabled + table.positionBytes
                    let group = layout == .graded ? 4 : 16
                    let groups = count > group ? (count - 1) / group : 0
                    let expected = switch layout {
                    case .none: 0
                    case .large: untabled + 4 * groups >= 512 ? groups : 0
                    case .compact: total >= SkipTableLayout.compactMinimum && groups > 0 ? groups : 0
                    case .graded: untabled >= SkipTableLayout.compactMinimum ? groups : 0
                    }
                    let read = layout.table(count: count, positionBytes: total, frequencyBytes: codes + table.frequencyBytes)
                    let widths = layout == .graded ? (Self.narrowest(codes), Self.narrowest(untabled))
                                                   : (2, layout == .compact && total <= 65_535 ? 2 : 4)
                    if table.entries != expected || table.group != group
                        || read.entries != table.entries
                        || (table.entries > 0 && (read != table || (table.frequencyWidth, table.positionWidth) != widths))
                        || (layout.rawValue >= SkipTableLayout.compact.rawValue && count == PostingsCodec.blockSize
                            && untabled >= count && table.entries == 0) {
                        wrong.append("\(count) postings, \(untabled) bytes, \(codes) of codes: \(table), read as \(read)")
                    }
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong)")
    }

    /// A block read in bulk from any posting (``PostingCursor/postings(_:in:)``,
    /// what a conjunction's lead scores at once) holds the frequencies written for it and
    /// every later posting of its block, where the cursor entered by a skip table too.
    @Test(arguments: SkipTableLayout.allCases)
    func aBlockReadInBulkFromAnyPostingHoldsTheWrittenFrequencies(skipTables: SkipTableLayout) throws {
        let (queue, written) = try Self.segment(documents: 6000, seed: 4, skipTables: skipTables)
        let all = written["common"]!
        let byDocument = Dictionary(uniqueKeysWithValues: all.map { ($0.document, $0.frequencies) })
        try queue.read { db in
            let directory = try SegmentDirectory(db, totals: ImpactTotals.load(db))
            let postings = try TermPostings(term: "common", db: db, directory: directory, positionReads: .blocks)
            var checked = 0
            for (step, start) in [(1, 0), (40, 17), (129, 33), (200, 5)] {
                let cursor = PostingCursor(postings)
                for index in stride(from: start, to: all.count, by: step) {
                    cursor.advance(to: all[index].document)
                    // Some frequencies asked for one at a time first, as a phrase asks.
                    if index % 3 == 0 { _ = cursor.frequencies }
                    let read = cursor.postings(cursor.index..<cursor.count, in: directory)
                    #expect(read.document(read.range.lowerBound) == all[index].document)
                    for posting in read.range {
                        #expect(read.frequencies(posting) == byDocument[read.document(posting)], "posting \(posting) of the block at \(index)")
                        checked += 1
                    }
                }
            }
            #expect(checked > 20_000)
        }
    }
}
