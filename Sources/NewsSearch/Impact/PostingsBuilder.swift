/// Accumulates one term's postings for one segment and encodes them in the layout of
/// ``PostingsCodec``. Documents must be added in increasing order.
struct PostingsBuilder {
    private(set) var count = 0
    /// Per block its record (``PostingsCodec/blockRecordSize`` bytes), and its bound
    /// and maxima.
    private var records: [UInt8] = []
    private var bounds: [UInt8] = []
    private var blocks: [UInt8] = []
    /// The positions of every full chunk of blocks, and of the chunk being filled.
    private var positionChunks: [[UInt8]] = []
    private var positionChunk: [UInt8] = []
    private var blockCount = 0
    /// The block's document codes (`gap << 1 | simple`), packed when it is full.
    private var codes: [UInt64] = []
    private var frequencies: [UInt8] = []
    private var positions: [UInt8] = []
    private var inBlock = 0
    /// Where each group of ``SkipTableLayout/fineGroup`` postings but the first starts in
    /// the block's frequencies and positions: its skip tables, if it gets them, take
    /// every one or every fourth (``SkipTable/group``).
    private var groupFrequencyStarts: [UInt16] = []
    private var groupPositionStarts: [UInt32] = []
    private var bound = BlockBound()
    /// The block's largest normalised frequency per field.
    private var limit = SIMD4<Double>.zero
    /// The block's largest combined pseudo-frequency (``BoundBasis/combined(_:)``), and
    /// whether the basis has weights to compute it.
    private var combinedLimit = 0.0
    private var hasCombined = false
    private var lastDocument: Int64 = -1
    /// Live documents by field pattern (``FieldPatterns``).
    private(set) var patterns = FieldPatterns()

    /// Which blocks get skip tables: ``SkipTableLayout/current``, but for a test's segment
    /// written as an older version wrote them, or a test's merge rewriting one so.
    private let skipTables: SkipTableLayout

    init(skipTables: SkipTableLayout = .current) {
        self.skipTables = skipTables
    }

    /// Adds a document holding the term `frequencies[f]` times in field *f*, whose
    /// fields are `lengths` long, with the term's token offsets per field in `offsets`
    /// (field 0's first, each field's in increasing order). `basis` is the segment's
    /// (``BoundBasis``), the same for every posting.
    mutating func add(document: UInt32, frequencies tf: SIMD4<UInt32>, lengths: SIMD4<UInt32>,
                      offsets: UnsafeBufferPointer<UInt32>, basis: BoundBasis) {
        let simple = tf == SIMD4(0, 0, 1, 0)
        if inBlock > 0, inBlock % SkipTableLayout.fineGroup == 0 {
            groupFrequencyStarts.append(UInt16(frequencies.count))
            groupPositionStarts.append(UInt32(positions.count))
        }
        codes.append(UInt64(Int64(document) - lastDocument) << 1 | (simple ? 1 : 0))
        lastDocument = Int64(document)
        let others = tf[0] > 0 || tf[1] > 0 || tf[3] > 0
        var pattern: UInt8 = 0
        for field in 0..<PostingsCodec.fieldCount where tf[field] > 0 { pattern |= 1 << UInt8(field) }
        if !simple {
            Varint.append(tf[2] << 1 | (others ? 1 : 0), to: &frequencies)
            if others {
                frequencies.append(pattern & ~(1 << UInt8(PostingsCodec.bodyField)))
                if tf[0] > 0 { Varint.append(tf[0], to: &frequencies) }
                if tf[1] > 0 { Varint.append(tf[1], to: &frequencies) }
                if tf[3] > 0 { Varint.append(tf[3], to: &frequencies) }
            }
        }
        var index = 0
        for field in 0..<PostingsCodec.fieldCount {
            var previous: UInt32 = 0
            for _ in 0..<Int(tf[field]) {
                let offset = offsets[index]
                Varint.append(offset &- previous, to: &positions)
                previous = offset
                index += 1
            }
        }
        patterns.counts[Int(pattern)] += 1
        bound.note(frequencies: tf, lengths: lengths)
        let normalised = basis.normalised(frequencies: tf, lengths: lengths)
        limit = pointwiseMax(limit, normalised)
        hasCombined = basis.weights != nil
        combinedLimit = max(combinedLimit, basis.combined(normalised))
        count += 1
        inBlock += 1
        if inBlock == PostingsCodec.blockSize { finishBlock() }
    }

    private mutating func finishBlock() {
        guard inBlock > 0 else { return }
        BitPacking.append(codes, to: &blocks)
        codes.removeAll(keepingCapacity: true)
        // Skip tables where the reader will look for them (``SkipTableLayout``).
        let table = skipTables.table(count: inBlock, untabledPositionBytes: positions.count, codeBytes: frequencies.count)
        bound.append(to: &bounds)
        PostingsCodec.appendMaxima(limit, present: bound.maxFrequency .> 0, combined: hasCombined ? combinedLimit : nil, to: &bounds)
        if table.entries > 0 {
            // Group k starts at posting k · group, the start recorded for it (k · group / fine) - 1.
            let every = table.group / SkipTableLayout.fineGroup
            let chosen = stride(from: every - 1, to: table.entries * every, by: every)
            for entry in chosen { Self.append(Int(groupFrequencyStarts[entry]), width: table.frequencyWidth, to: &blocks) }
            for entry in chosen { Self.append(Int(groupPositionStarts[entry]), width: table.positionWidth, to: &positionChunk) }
        }
        groupFrequencyStarts.removeAll(keepingCapacity: true)
        groupPositionStarts.removeAll(keepingCapacity: true)
        blocks += frequencies
        positionChunk += positions
        frequencies.removeAll(keepingCapacity: true)
        positions.removeAll(keepingCapacity: true)
        // The ends, once the block's parts are in (``PostingsCodec``); positions' from
        // the start of the chunk (made the inline ones' in ``encoded()`` if they are).
        let record = SIMD4<UInt32>(UInt32(lastDocument).littleEndian, UInt32(blocks.count).littleEndian,
                                   UInt32(positionChunk.count).littleEndian, UInt32(bounds.count).littleEndian)
        withUnsafeBytes(of: record) { records += $0 }
        bound = BlockBound()
        limit = .zero
        combinedLimit = 0
        inBlock = 0
        blockCount += 1
        if blockCount % PostingsCodec.blocksPerPositionChunk == 0 {
            positionChunks.append(positionChunk)
            positionChunk = []
        }
    }

    /// Appends `value` as a little-endian integer of `width` bytes (1, 2 or 4).
    private static func append(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        for byte in 0..<width { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * byte))) }
    }

    /// The term's row: the encoded postings with their blocks' bounds and normalised
    /// maxima, and their positions, after the blocks in the same bytes when they come to
    /// at most ``PostingsCodec/inlinePositionBytes``, else apart in chunks (the builder is spent).
    mutating func encoded() -> EncodedSegment.Row {
        finishBlock()
        if blockCount % PostingsCodec.blocksPerPositionChunk != 0 { positionChunks.append(positionChunk) }
        let positionBytes = positionChunks.reduce(0) { $0 + $1.count }
        let inline = positionBytes <= PostingsCodec.inlinePositionBytes
        if inline { countPositionEndsFromTheFirstChunk() }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(records.count + bounds.count + blocks.count + 10 + (inline ? positionBytes : 0))
        Varint.append(UInt32(count), to: &bytes)
        Varint.append(UInt32(blockCount), to: &bytes)
        bytes += records
        bytes += bounds
        bytes += blocks
        if inline { for chunk in positionChunks { bytes += chunk } }
        let row = EncodedSegment.Row(patterns: patterns.encoded, data: bytes, positions: inline ? [] : positionChunks,
                                     inlinePositions: inline, skipTables: skipTables)
        // What was copied into the row is let go now: a segment's builders live until
        // all its rows are made, and kept, they held each row's bytes twice.
        records = []
        bounds = []
        blocks = []
        positionChunks = []
        return row
    }

    /// Makes each record's position end count from the first chunk's start, not its own
    /// chunk's: inline positions are one run.
    private mutating func countPositionEndsFromTheFirstChunk() {
        var base: UInt32 = 0
        for (chunk, positions) in positionChunks.enumerated() {
            let first = chunk * PostingsCodec.blocksPerPositionChunk
            for block in first..<min(blockCount, first + PostingsCodec.blocksPerPositionChunk) {
                let offset = block * PostingsCodec.blockRecordSize + 8
                let end = records.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
                withUnsafeBytes(of: (end + base).littleEndian) { records.replaceSubrange(offset..<(offset + 4), with: $0) }
            }
            base += UInt32(positions.count)
        }
    }
}
