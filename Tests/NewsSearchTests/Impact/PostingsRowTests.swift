import Testing
@testable import NewsSearch

/// A postings row is read in place (``PostingsCodec``): opening a word takes only its
/// blocks' last documents from their records, so every record must be checked then, and
/// a row cut anywhere, or a record whose ends run backwards, must be damage rather than
/// ranges read from another block's bytes later.
@Suite struct PostingsRowTests {
    /// A row of `count` postings, every third document, two fields each, with offsets
    /// `offsetsPerPosting` a field: few make its positions inline, many put them in chunks.
    static func row(count: Int, offsetsPerPosting: Int) -> EncodedSegment.Row {
        let basis = BoundBasis(b: SIMD4(repeating: 0.75), averageLengths: SIMD4(repeating: 50), weights: SIMD4(repeating: 1))
        var builder = PostingsBuilder()
        let offsets = (0..<UInt32(2 * offsetsPerPosting)).map { $0 * 3 }
        for posting in 0..<count {
            let tf = SIMD4<UInt32>(1, 0, UInt32(offsetsPerPosting) * 2 - 1, 0)
            offsets.prefix(Int(tf.wrappedSum())).withUnsafeBufferPointer { buffer in
                builder.add(document: UInt32(posting * 3), frequencies: tf, lengths: SIMD4(8, 0, 400, 0), offsets: buffer, basis: basis)
            }
        }
        return builder.encoded()
    }

    static func read(_ row: [UInt8], inline: Bool) throws -> (TermPostings.RowLayout, [Int]) {
        var layout = TermPostings.RowLayout(segment: 1, firstChunk: inline ? PostingsCodec.inlinePositionsMark : 0, base: 1000,
                                            firstBlock: 0, postingCount: 0, records: 0, bounds: 0, data: 0, positions: 0,
                                            skipTables: .current, scale: nil, combinedScale: nil, combined: true)
        var lasts: [Int] = [], rows: [Int32] = []
        let padded = row + [UInt8](repeating: 0, count: BitPacking.readPadding)
        try padded.withUnsafeBytes { bytes in
            try TermPostings.readRow(bytes, from: 0, to: row.count, number: 0, into: &layout, lastDocuments: &lasts,
                                     blockRows: &rows, rowsExpected: 1, term: "word")
        }
        return (layout, lasts)
    }

    @Test(arguments: [(300, 1), (700, 40)])
    func aRowsRecordsGiveEveryBlocksLastDocument(count: Int, offsets: Int) throws {
        let row = Self.row(count: count, offsetsPerPosting: offsets)
        #expect(row.inlinePositions == (offsets == 1))
        let (layout, lasts) = try Self.read(row.data, inline: row.inlinePositions)
        let blocks = (count + PostingsCodec.blockSize - 1) / PostingsCodec.blockSize
        #expect(lasts == (0..<blocks).map { 1000 + 3 * min(count - 1, ($0 + 1) * PostingsCodec.blockSize - 1) })
        #expect(layout.postingCount == count)
        // Inline positions end the row; chunked ones are not in it.
        #expect((layout.positions < row.data.count) == row.inlinePositions)
    }

    /// Cut anywhere, a row is damage: its last record's ends lie past it.
    @Test(arguments: [1, 40])
    func aRowCutAnywhereIsDamage(offsets: Int) {
        let row = Self.row(count: 300, offsetsPerPosting: offsets)
        for length in 0..<row.data.count {
            #expect(throws: (any Error).self, "cut to \(length) bytes") { try Self.read(Array(row.data.prefix(length)), inline: row.inlinePositions) }
        }
    }

    /// Any of a record's four values made smaller than the record before's (or, for the
    /// first, zero where it must be above zero), and a block count that is not the
    /// postings' count in blocks, is damage.
    @Test func recordsThatRunBackwardsOrABlockCountThatDisagreesAreDamage() throws {
        let row = Self.row(count: 300, offsetsPerPosting: 40)
        let records = row.data.withUnsafeBytes { bytes -> Int in
            var offset = 0
            _ = Varint.read(bytes, &offset)
            _ = Varint.read(bytes, &offset)
            return offset
        }
        for field in [0, 1, 3] {
            var damaged = row.data
            let offset = records + PostingsCodec.blockRecordSize + 4 * field
            // The second block's value set to the first's: not past it.
            damaged.replaceSubrange(offset..<(offset + 4), with: row.data[(offset - 16)..<(offset - 12)])
            #expect(throws: (any Error).self, "field \(field)") { try Self.read(damaged, inline: false) }
        }
        // Positions run on within a chunk (blocks 0 and 1 share one).
        var backwards = row.data
        let positionEnd = records + PostingsCodec.blockRecordSize + 8
        backwards.replaceSubrange(positionEnd..<(positionEnd + 4), with: [0, 0, 0, 0])
        #expect(throws: (any Error).self) { try Self.read(backwards, inline: false) }
        var blockCount = row.data
        blockCount[records - 1] += 1
        #expect(throws: (any Error).self) { try Self.read(blockCount, inline: false) }
        _ = try Self.read(row.data, inline: false)
    }

    /// A bound record is read when a cursor asks for it, not when the word is opened: one
    /// that its bound and maxima do not fill exactly is damaged, and bounds its block by
    /// ``BlockBound/unknown`` (which holds for any posting) so that pruning stays exact.
    @Test func aBoundRecordThatIsNotFilledExactlyBoundsItsBlockByAnyPosting() throws {
        let row = Self.row(count: 300, offsetsPerPosting: 40)
        let (layout, _) = try Self.read(row.data, inline: false)
        let padded = row.data + [UInt8](repeating: 0, count: BitPacking.readPadding)
        let end = layout.bounds + padded.withUnsafeBytes {
            Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: layout.records + 12, as: UInt32.self)))
        }
        let bound = padded.withUnsafeBytes { TermPostings.bound($0, row: layout, from: layout.bounds, to: end) }
        #expect(bound.maxFrequency == SIMD4(1, 0, 79, 0) && bound.minLength == SIMD4(8, .max, 400, .max), "\(bound)")
        for (start, stop) in [(layout.bounds, end - 1), (layout.bounds, end + 1), (layout.bounds + 1, end)] {
            #expect(padded.withUnsafeBytes { TermPostings.bound($0, row: layout, from: start, to: stop) } == .unknown)
        }
    }
}
