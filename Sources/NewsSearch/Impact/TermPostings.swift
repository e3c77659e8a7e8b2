import Foundation
import GRDB
import GRDBSQLite

/// One term's postings in every segment, as a search reads them: its rows' bytes, one
/// after another, read in place. Opening a word copies only its blocks' last documents
/// (global, ``SegmentDirectory``) into one list, which cursors skip through; a block's
/// byte ranges (``block(_:)``) and its score bound (``bound(ofBlock:)``) are read from
/// its fixed-width record and its bound record when a cursor reaches it
/// (``PostingsCodec``). Positions are read when a candidate in a block needs them
/// (``positions(ofBlock:buffer:db:)``): a search reads the block's range of its chunk, a
/// merge, which wants every block, whole chunks.
final class TermPostings {
    /// How positions are read: a block's range at a time (``BlobReader``), or a
    /// chunk of ``PostingsCodec/blocksPerPositionChunk`` blocks at a time.
    enum PositionReads { case blocks, chunks }

    /// Where one block's parts are, read from its record (``block(_:)``).
    struct Block {
        /// Global number of the block's last document, and of the document before its first.
        var lastDocument: Int
        var previousDocument: Int
        /// How many postings the block holds: ``PostingsCodec/blockSize`` but for a row's last.
        var count: Int
        /// Which of the term's rows (segments) holds the block.
        var row: Int
        /// Where the block's packed document codes start in the term's bytes (every row,
        /// one after another); its frequencies follow them, and its positions are a range
        /// of its chunk's positions (or of the term's bytes, where its row holds them inline).
        var documentStart: Int
        var frequencies: Range<Int>
        var chunk: Int
        var positions: Range<Int>
        /// Its skip tables (``PostingsCodec``), at the start of its frequencies and of its
        /// positions.
        var table: SkipTable
    }

    /// Where one row's parts are in ``bytes``, and how its blocks are read.
    struct RowLayout {
        var segment: Int64
        /// The number of its first chunk of positions in its segment, or ``PostingsCodec/inlinePositionsMark``.
        var firstChunk: Int64
        /// The global number of its segment's first document.
        var base: Int
        var firstBlock: Int
        var postingCount: Int
        /// Where its block records, bound records, blocks and inline positions start.
        var records: Int
        var bounds: Int
        var data: Int
        var positions: Int
        var skipTables: SkipTableLayout
        /// The search's scales of its stored maxima (``BoundScales``), nil where not read.
        var scale: SIMD4<Double>?
        var combinedScale: Double?
        /// Whether its maxima include the combined one (its segment's basis has weights).
        var combined: Bool

        var inline: Bool { firstChunk == PostingsCodec.inlinePositionsMark }
        /// How many blocks it holds: ``PostingsCodec/blockSize`` postings a block but the last.
        var blockCount: Int { (postingCount + PostingsCodec.blockSize - 1) / PostingsCodec.blockSize }
    }

    let term: String
    /// Per block, in global order, its last document (global).
    let lastDocuments: [Int]
    /// Per block, the index of its row in ``rows``.
    let blockRows: [Int32]
    let rows: [RowLayout]
    /// Whether the blocks' bounds carry their tight bounds (``init(term:db:directory:segments:scales:positionReads:reader:)``
    /// given `scales`); an empty term's hold nothing to bound.
    let hasTightBounds: Bool
    let patterns: FieldPatterns
    /// The bound of all blocks together, merged on first use: only a search where any
    /// phrase may match asks.
    private(set) lazy var bound: BlockBound = mergedBound()

    /// The bound of no postings: nothing can be less.
    static var emptyBound: BlockBound {
        var bound = BlockBound()
        bound.normalisedLimit = .zero
        bound.combinedLimit = 0
        return bound
    }
    /// Every row's stored bytes in segment order, then ``BitPacking/readPadding`` zero
    /// bytes: one buffer, not one a row (a word of a 24-segment index has 24 rows).
    let bytes: [UInt8]
    private let positionReads: PositionReads
    /// Per row, its chunks of positions as read so far (``PositionReads/chunks``).
    private var positionChunks: [[[UInt8]?]]
    private var positionReader: BlobReader?
    /// The blocks' bounds decoded so far (``bound(ofBlock:)``), and which are: made when
    /// the first is asked for (a phrase asks for none). Behind pointers, as a cursor's
    /// buffers are: no uniqueness check a read.
    private var memo: (bounds: UnsafeMutablePointer<BlockBound>, known: UnsafeMutablePointer<UInt8>)?

    var blockCount: Int { lastDocuments.count }
    var isEmpty: Bool { lastDocuments.isEmpty }

    /// The term's postings in every segment, or only in the segments with ids in `segments`.
    /// With `scales`, the search's ranking's, the blocks' bounds carry their tight bounds
    /// (``BlockBound/normalisedLimit``, ``BlockBound/combinedLimit``) where the segment
    /// stored them under the same `b` (and weights). `reader`, a handle on `impact_postings`
    /// of `db`'s read, saves opening one a word (a search reads all its words through one).
    init(term: String, db: Database, directory: SegmentDirectory, segments: ClosedRange<Int64>? = nil,
         scales: BoundScales? = nil, positionReads: PositionReads, reader: BlobReader? = nil) throws {
        self.term = term
        self.positionReads = positionReads
        hasTightBounds = scales != nil
        var rows: [RowLayout] = []
        var lastDocuments: [Int] = []
        var blockRows: [Int32] = []
        var bytes: [UInt8] = []
        var patterns = FieldPatterns()
        // The rows there can be: one a segment asked for.
        let segmentCount = segments.map { range in directory.segments.count(where: { range.contains($0.id) }) } ?? directory.segments.count
        rows.reserveCapacity(segmentCount)
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
                patterns.add(encoded: entryPatterns)
                let rowStart = bytes.count
                _ = try reader.append(row: PostingsRowID(term: termID, segment: segment).rawValue, to: &bytes,
                                      reserve: segmentCount + segmentCount / 4, db: db)
                let info = directory.segments[position]
                var layout = RowLayout(segment: segment, firstChunk: firstChunk, base: info.base, firstBlock: lastDocuments.count,
                                       postingCount: 0, records: 0, bounds: 0, data: 0, positions: 0, skipTables: info.skipTables,
                                       scale: scales?.fields[position], combinedScale: scales?.combined[position],
                                       combined: info.basis?.weights != nil)
                try bytes.withUnsafeBytes { bytes in
                    try Self.readRow(bytes, from: rowStart, to: bytes.count, number: Int32(rows.count), into: &layout,
                                     lastDocuments: &lastDocuments, blockRows: &blockRows, rowsExpected: segmentCount, term: term)
                }
                rows.append(layout)
            }
            if !valid { throw IndexError.impactDamage(detail: "terms: the entry of \(term) is cut") }
        }
        self.rows = rows
        self.lastDocuments = lastDocuments
        self.blockRows = blockRows
        // Padded for the eight-byte loads of unpacking (``BitPacking``).
        bytes.append(contentsOf: repeatElement(0, count: BitPacking.readPadding))
        self.bytes = bytes
        self.patterns = patterns
        positionChunks = positionReads == .chunks
            ? rows.map { row in
                let chunks = (row.blockCount + PostingsCodec.blocksPerPositionChunk - 1) / PostingsCodec.blocksPerPositionChunk
                return [[UInt8]?](repeating: nil, count: row.inline ? 0 : chunks)
            }
            : []
    }

    /// No postings: a word the search knows matches nothing where it is asked for.
    init(emptyTerm term: String) {
        self.term = term
        hasTightBounds = true
        lastDocuments = []
        blockRows = []
        rows = []
        bytes = []
        patterns = FieldPatterns()
        positionReads = .blocks
        positionChunks = []
    }

    deinit {
        guard let memo else { return }
        memo.bounds.deallocate()
        memo.known.deallocate()
    }

    /// The memo of decoded bounds, made on first use (``bound(ofBlock:)``).
    @inline(__always)
    func boundMemo() -> (bounds: UnsafeMutablePointer<BlockBound>, known: UnsafeMutablePointer<UInt8>) {
        memo ?? makeBoundMemo()
    }

    @inline(never)
    private func makeBoundMemo() -> (bounds: UnsafeMutablePointer<BlockBound>, known: UnsafeMutablePointer<UInt8>) {
        // BlockBound is plain data: its slots need no initialising until written.
        let made = (bounds: UnsafeMutablePointer<BlockBound>.allocate(capacity: blockCount),
                    known: UnsafeMutablePointer<UInt8>.allocate(capacity: blockCount))
        made.known.initialize(repeating: 0, count: blockCount)
        memo = made
        return made
    }

    /// Calls `body` with the term's stored bytes (``Block/documentStart`` is an offset in them).
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
        let block = block(number)
        let row = rows[block.row]
        if row.inline { return (bytes, block.positions) }
        // A damaged entry's first chunk may be near the largest: past it, no chunk is.
        let chunk = row.firstChunk + Int64(block.chunk)
        guard chunk <= PositionChunkID.maxChunk else {
            throw IndexError.impactDamage(detail: "terms: the first chunk of \(term) in segment \(row.segment) is out of range")
        }
        let chunkID = PositionChunkID(segment: row.segment, chunk: chunk).rawValue
        switch positionReads {
        case .blocks:
            let reader = positionReader ?? BlobReader(db, table: "impact_positions")
            positionReader = reader
            let count = try reader.read(row: chunkID, range: block.positions, into: &buffer, db: db)
            return (buffer, 0..<count)
        case .chunks:
            if let known = positionChunks[block.row][block.chunk] {
                // Read for another block of the chunk: checked for this one's range too.
                guard block.positions.upperBound <= known.count else {
                    throw IndexError.impactDamage(detail: "positions: chunk \(chunkID) is short")
                }
                return (known, block.positions)
            }
            // A cached statement, not a BLOB handle: a merge reads every chunk once, and a
            // handle opened for each of its words made `optimize` 3 % slower (measured).
            // Bound straight onto the statement: GRDB's arguments cost as much as the read.
            let statement = try db.cachedStatement(sql: "SELECT data FROM impact_positions WHERE id = ?")
            sqlite3_bind_int64(statement.sqliteStatement, 1, chunkID)
            var found: [UInt8]?
            try StatementRows(statement).forEach { row in found = row.withBlob(0) { [UInt8]($0) } ?? [] }
            guard let bytes = found, block.positions.upperBound <= bytes.count else {
                throw IndexError.impactDamage(detail: "positions: chunk \(chunkID) is missing or short")
            }
            positionChunks[block.row][block.chunk] = bytes
            return (bytes, block.positions)
        }
    }
}
