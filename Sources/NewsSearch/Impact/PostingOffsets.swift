import GRDB

/// One cursor's reading of its postings' token offsets (``PostingCursor/offsets(field:db:)``):
/// one posting's offsets at a time, all fields in column order, found by skipping over
/// those of the postings before it in its block, from its group's start where the block
/// has a skip table (``SkipTable``). Postings asked for in order within a group are
/// each skipped once: where the last one's offsets started is kept.
///
/// A block's offsets are read whole: reading only a posting's group (its start from a
/// table kept in the postings row) cost a BLOB read a candidate where a block took one
/// for all its candidates, and the 12 slowest phrases ran 15 % slower for it (p50,
/// alternating rounds, measured), the copy of a common word's kilobyte or two of offsets
/// a block notwithstanding.
///
/// The cursor keeps it behind a pointer, and its values in memory of its own, handed out
/// as a buffer pointer valid until the next read: appending to an array stored in the
/// cursor (a class) checked exclusive access at every value, and each slice handed out
/// retained and released the array (5 % and 3 % of the slowest phrases, measured).
struct PostingOffsets: ~Copyable {
    /// The offsets of posting ``posting`` (block, index in block), all fields in column
    /// order; valid until the next ``read(block:index:table:frequencies:postings:db:)``.
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

    /// Reads the offsets of posting `index` of `block` of `postings`, whose skip tables
    /// are `table`, and whose `frequencies` are decoded from the start of the posting's group, or from where the last read in the block was,
    /// through `index` (the sum of a posting's frequencies is how many offsets it has).
    @inline(__always)
    mutating func read(block: Int, index: Int, table: SkipTable, frequencies: UnsafePointer<SIMD4<UInt32>>,
                       postings: TermPostings, db: Database) throws {
        posting = (block, index)
        count = 0
        if skip.block != block {
            // Let go of the last block's bytes first: held twice, the buffer would be copied.
            blockBytes = ([], 0..<0)
            blockBytes = try postings.positions(ofBlock: block, buffer: &buffer, db: db)
            skip = (block, 0, blockBytes.range.lowerBound + table.positionBytes)
        } else if skip.index > index {
            skip = (block, 0, blockBytes.range.lowerBound + table.positionBytes)
        }
        let (bytes, range) = blockBytes
        // To the start of the posting's group by the block's skip table, when that is
        // further on: the cursor decoded frequencies from there (``PostingCursor``), not
        // those of the postings before.
        let group = min(index / table.group, table.entries)
        if group > 0, group * table.group > skip.index {
            // Within the block's range: the buffer may hold an earlier block's bytes past it.
            let offset = bytes.withUnsafeBytes { raw in
                PostingsCodec.groupStart(raw, table: range.lowerBound, entries: table.entries, width: table.positionWidth,
                                         group: group, end: range.upperBound)
            }
            skip = (block, group * table.group, offset)
        }
        bytes.withUnsafeBytes { raw in
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
