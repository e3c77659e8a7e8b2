import Foundation
import GRDB
import GRDBSQLite

/// One term's postings in every segment, as a search reads them: the block headers of
/// all segments in one list ordered by global document (``SegmentDirectory``), the
/// encoded blocks, and the live document counts per field pattern. Positions are read
/// when a candidate in a block needs them (``positions(ofBlock:buffer:db:)``): a search
/// reads the block's range of its chunk, a merge, which wants every block, whole chunks.
final class TermPostings {
    /// How positions are read: a block's range at a time (``BlobReader``), or a
    /// chunk of ``PostingsCodec/blocksPerPositionChunk`` blocks at a time.
    enum PositionReads { case blocks, chunks }

    struct Block {
        /// Global number of the block's last document, and of the document before its first.
        var lastDocument: Int
        var previousDocument: Int
        /// How many postings the block holds: ``PostingsCodec/blockSize`` but for a row's last.
        var count: Int
        /// Which of the term's rows (segments) holds the block.
        var row: Int
        /// Where the block's packed document codes start in the term's bytes (every row's
        /// postings, one after another); its frequencies follow them, and its positions
        /// are a range of its chunk's positions.
        var documentStart: Int
        var frequencies: Range<Int>
        var chunk: Int
        var positions: Range<Int>
        var bound: BlockBound
        /// Its skip-table entries (``PostingsCodec``): the first `2 · skips` bytes of its
        /// frequencies and `positionSkipWidth · skips` of its positions hold them.
        /// (32 bits each, so that the two take the room one took.)
        var skips: Int32
        var positionSkipWidth: Int32
    }

    let term: String
    let blocks: [Block]
    /// Whether the blocks were read with their tight bounds (``init(term:db:directory:segments:scales:positionReads:)``
    /// given `scales`); an empty term's hold nothing to bound.
    let hasTightBounds: Bool
    let patterns: FieldPatterns
    /// The bound of all blocks together, merged on first use: only a search where any
    /// phrase may match asks (a tenth of opening a common word's postings, measured).
    private(set) lazy var bound: BlockBound = blocks.reduce(into: Self.emptyBound) { $0 = $0.merged(with: $1.bound) }

    /// The bound of no postings: nothing can be less.
    private static var emptyBound: BlockBound {
        var bound = BlockBound()
        bound.normalisedLimit = .zero
        bound.combinedLimit = 0
        return bound
    }
    /// Every row's encoded postings in segment order, then ``BitPacking/readPadding`` zero
    /// bytes: one buffer, not one a row (a word of a 24-segment index has 24 rows).
    private let bytes: [UInt8]
    private let segmentIDs: [Int64]
    /// Per row, the number of its first chunk of positions in its segment.
    private let firstChunks: [Int64]
    private let positionReads: PositionReads
    /// Per row, its chunks of positions as read so far (``PositionReads/chunks``).
    private var positionChunks: [[[UInt8]?]]
    private var positionReader: BlobReader?

    var isEmpty: Bool { blocks.isEmpty }

    /// The term's postings in every segment, or only in the segments with ids in `segments`.
    /// With `scales`, the search's ranking's, the blocks carry their tight bounds
    /// (``BlockBound/normalisedLimit``, ``BlockBound/combinedLimit``) where the segment
    /// stored them under the same `b` (and weights). `reader`, a handle on `impact_postings`
    /// of `db`'s read, saves opening one a word (a search reads all its words through one).
    init(term: String, db: Database, directory: SegmentDirectory, segments: ClosedRange<Int64>? = nil,
         scales: BoundScales? = nil, positionReads: PositionReads, reader: BlobReader? = nil) throws {
        self.term = term
        self.positionReads = positionReads
        hasTightBounds = scales != nil
        var blocks: [Block] = []
        var bytes: [UInt8] = []
        var rowCount = 0
        var segmentIDs: [Int64] = []
        var firstChunks: [Int64] = []
        var chunkCounts: [Int] = []
        var patterns = FieldPatterns()
        // The rows there can be: one a segment asked for.
        let segmentCount = segments.map { range in directory.segments.count(where: { range.contains($0.id) }) } ?? directory.segments.count
        // A rare word has a small row in every segment: room for them all at once (growing
        // these one row at a time reallocated each a few times a word).
        segmentIDs.reserveCapacity(segmentCount)
        firstChunks.reserveCapacity(segmentCount)
        chunkCounts.reserveCapacity(segmentCount)
        // Each row whole, straight into `bytes`, through the search's handle or one of its own.
        let reader = reader ?? BlobReader(db, table: "impact_postings")
        // Entries come in segment order, as the directory lists segments: found by walking on.
        var nextPosition = 0
        _ = try TermRows.withEncoded(term, db: db) { termID, encoded in
            let valid = try TermRows.forEachEntry(in: encoded) { segment, firstChunk, entryPatterns in
                if let segments, !segments.contains(segment) { return }
                while nextPosition < directory.segments.count, directory.segments[nextPosition].id < segment { nextPosition += 1 }
                guard nextPosition < directory.segments.count, directory.segments[nextPosition].id == segment else { return }
                let position = nextPosition
                let base = directory.segments[position].base
                patterns.add(encoded: entryPatterns)
                let rowStart = bytes.count
                _ = try reader.append(row: PostingsRowID(term: termID, segment: segment).rawValue, to: &bytes,
                                      reserve: segmentCount + segmentCount / 4, db: db)
                let basis = directory.segments[position].basis
                let skipTables = directory.segments[position].skipTables
                let scale = scales?.fields[position], combinedScale = scales?.combined[position]
                let rowIndex = rowCount
                rowCount += 1
                segmentIDs.append(segment)
                firstChunks.append(firstChunk)
                let inline = firstChunk == PostingsCodec.inlinePositionsMark
                let firstBlock = blocks.count
                let blockCount = try bytes.withUnsafeBytes { bytes in
                    guard let parts = PostingsCodec.rowParts(bytes, from: rowStart, to: bytes.count) else {
                        throw IndexError.impactDamage(detail: "postings: the row of \(term) is short")
                    }
                    let count = try Self.appendBlocks(ofRow: rowIndex, in: bytes, from: parts.data.lowerBound, to: parts.data.upperBound,
                                                      base: base, inline: inline, skipTables: skipTables, rowsExpected: segmentCount,
                                                      term: term, to: &blocks)
                    if let scale {
                        Self.applyMaxima(UnsafeRawBufferPointer(rebasing: bytes[parts.maxima]), to: &blocks, from: firstBlock,
                                         scale: scale, combinedScale: combinedScale, combined: basis?.weights != nil)
                    }
                    return count
                }
                chunkCounts.append(inline ? 0 : (blockCount + PostingsCodec.blocksPerPositionChunk - 1) / PostingsCodec.blocksPerPositionChunk)
            }
            if !valid { throw IndexError.impactDamage(detail: "terms: the entry of \(term) is cut") }
        }
        self.blocks = blocks
        // Padded for the eight-byte loads of unpacking (``BitPacking``).
        bytes.append(contentsOf: repeatElement(0, count: BitPacking.readPadding))
        self.bytes = bytes
        self.segmentIDs = segmentIDs
        self.firstChunks = firstChunks
        self.patterns = patterns
        positionChunks = positionReads == .chunks ? chunkCounts.map { [[UInt8]?](repeating: nil, count: $0) } : []
    }

    /// No postings: a word the search knows matches nothing where it is asked for.
    init(emptyTerm term: String) {
        self.term = term
        hasTightBounds = true
        blocks = []
        bytes = []
        segmentIDs = []
        firstChunks = []
        patterns = FieldPatterns()
        positionReads = .blocks
        positionChunks = []
    }

    /// Calls `body` with the term's encoded postings (``Block/documentStart`` is an offset in them).
    @inline(__always)
    func withBytes<T>(_ body: (UnsafeRawBufferPointer) -> T) -> T {
        bytes.withUnsafeBytes(body)
    }

    /// The positions of block `number`: bytes whose `range` holds them. They are the
    /// term's own bytes when its row holds them inline; else they are read on first use:
    /// a merge's (``PositionReads/chunks``) whole chunks, kept; a search's the block's
    /// range alone, into `buffer`, the caller's, which keeps its room from block to block: a phrase with a common word reads thousands of blocks'
    /// offsets, and a new array each cost an allocation and a release (a tenth of
    /// `"the progressive"`'s instructions, measured). The bytes given are `buffer` itself then, and
    /// `buffer` may hold more bytes than the range.
    func positions(ofBlock number: Int, buffer: inout [UInt8], db: Database) throws -> (bytes: [UInt8], range: Range<Int>) {
        let block = blocks[number]
        if firstChunks[block.row] == PostingsCodec.inlinePositionsMark { return (bytes, block.positions) }
        switch positionReads {
        case .blocks:
            let reader = positionReader ?? BlobReader(db, table: "impact_positions")
            positionReader = reader
            let count = try reader.read(row: chunkID(of: block), range: block.positions, into: &buffer, db: db)
            return (buffer, 0..<count)
        case .chunks:
            if let known = positionChunks[block.row][block.chunk] { return (known, block.positions) }
            // A cached statement, not a BLOB handle: a merge reads every chunk once, and a
            // handle opened for each of its words made `optimize` 3 % slower (measured).
            // Bound straight onto the statement: GRDB's arguments cost as much as the read.
            let statement = try db.cachedStatement(sql: "SELECT data FROM impact_positions WHERE id = ?")
            sqlite3_bind_int64(statement.sqliteStatement, 1, chunkID(of: block))
            var found: [UInt8]?
            try StatementRows(statement).forEach { row in found = row.withBlob(0) { [UInt8]($0) } ?? [] }
            guard let bytes = found, block.positions.upperBound <= bytes.count else {
                throw IndexError.impactDamage(detail: "positions: chunk \(chunkID(of: block)) is missing or short")
            }
            positionChunks[block.row][block.chunk] = bytes
            return (bytes, block.positions)
        }
    }

    private func chunkID(of block: Block) -> Int64 {
        PositionChunkID(segment: segmentIDs[block.row], chunk: firstChunks[block.row] + Int64(block.chunk)).rawValue
    }
}
