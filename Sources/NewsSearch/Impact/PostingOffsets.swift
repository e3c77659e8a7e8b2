import GRDB

/// One cursor's reading of its postings' token offsets (``PostingCursor/offsets(field:db:)``):
/// one posting's offsets at a time, all fields in column order, found by skipping over
/// those of the postings before it in its block, from its group's start where the block
/// has a skip table (``PostingsCodec``). Postings asked for in order within a group are
/// each skipped once: where the last one's offsets started is kept.
///
/// The cursor keeps it behind a pointer, and its values in memory of its own, handed out
/// as a buffer pointer valid until the next read: appending to an array stored in the
/// cursor (a class) checked exclusive access at every value, and each slice handed out
/// retained and released the array (5 % and 3 % of the slowest phrases, measured).
struct PostingOffsets: ~Copyable {
    /// The offsets of posting ``posting`` (block, index in block), all fields in column
    /// order; valid until the next ``read(block:index:skips:width:frequencies:postings:db:)``.
    var values: UnsafeBufferPointer<UInt32> { UnsafeBufferPointer(start: storage, count: count) }
    /// ``values`` and room after them, kept from posting to posting.
    private var storage: UnsafeMutablePointer<UInt32>
    private var capacity: Int
    private var count = 0
    private(set) var posting = (block: -1, index: -1)
    /// Where, in the bytes ``TermPostings/positions(ofBlock:buffer:db:)`` gives, the
    /// offsets of posting `skip.index` of `skip.block` start.
    private var skip = (block: -1, index: 0, offset: 0)
    /// The positions of block `skip.block`: the bytes and their range, read once a block
    /// into ``buffer``, whose room is kept from block to block.
    private var blockBytes: (bytes: [UInt8], range: Range<Int>) = ([], 0..<0)
    private var buffer: [UInt8] = []

    init() {
        capacity = 64
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    /// Reads the offsets of posting `index` of `block` of `postings`, whose block has
    /// `skips` skip-table entries of `width` bytes in its positions and its `frequencies` decoded from the start of the
    /// posting's group, or from where the last read in the block was, through `index`
    /// (the sum of a posting's frequencies is how many offsets it has).
    mutating func read(block: Int, index: Int, skips: Int, width: Int, frequencies: UnsafePointer<SIMD4<UInt32>>,
                       postings: TermPostings, db: Database) throws {
        posting = (block, index)
        count = 0
        if skip.block != block {
            // Let go of the last block's bytes first: held twice, the buffer would be copied.
            blockBytes = ([], 0..<0)
            blockBytes = try postings.positions(ofBlock: block, buffer: &buffer, db: db)
            skip = (block, 0, blockBytes.range.lowerBound + width * skips)
        } else if skip.index > index {
            skip = (block, 0, blockBytes.range.lowerBound + width * skips)
        }
        let (bytes, range) = blockBytes
        bytes.withUnsafeBytes { raw in
            // To the start of the posting's group by the block's skip table, when that is
            // further on: the cursor decoded frequencies from there (``PostingCursor``),
            // not those of the postings before.
            let group = min(index / PostingsCodec.skipGroup, skips)
            if group > 0, group * PostingsCodec.skipGroup > skip.index {
                // Within the block's range: the buffer may hold an earlier block's bytes past it.
                skip = (block, group * PostingsCodec.skipGroup,
                        PostingsCodec.groupStart(raw, table: range.lowerBound, entries: skips, width: width, group: group,
                                                 end: range.upperBound))
            }
            // Varints are passed by their last bytes, not decoded (``Varint/skip(_:in:from:limit:)``).
            let limit = min(range.upperBound, raw.count)
            var passed = 0
            for earlier in skip.index..<index { passed += Int(frequencies[earlier].wrappedSum()) }
            var offset = Varint.skip(passed, in: raw, from: skip.offset, limit: limit)
            skip = (block, index, offset)
            let tf = frequencies[index]
            let total = Int(tf.wrappedSum())
            if capacity < total {
                storage.deallocate()
                capacity = max(total, 2 * capacity)
                storage = .allocate(capacity: capacity)
            }
            let values = storage
            var written = 0
            for field in 0..<PostingsCodec.fieldCount {
                var previous: UInt32 = 0
                for _ in 0..<Int(tf[field]) {
                    previous &+= offset < limit ? Varint.read32(raw, &offset) : 0
                    values[written] = previous
                    written += 1
                }
            }
            count = total
        }
    }
}
