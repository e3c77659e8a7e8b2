/// The layout of one term's postings in one segment (a row of `impact_postings`,
/// whose id is a ``PostingsRowID``; the term's entry in `impact_terms`, ``TermRows``,
/// lists its rows).
///
/// Postings are local document numbers in increasing order, cut into blocks of
/// ``blockSize``. The row starts with a fixed-width record per block, read in place:
/// opening a word checks the records and copies only the blocks' last documents, and a
/// block's ranges, its bound and its bytes are read when a cursor reaches it:
///
///     row:       varint count, varint blockCount,
///                per block a record of ``blockRecordSize`` bytes, four little-endian
///                UInt32: lastDocument, dataEnd, positionEnd, boundEnd
///                per block its bound record: its bound (``BlockBound``), then its maxima
///                per block: documents | frequencies
///                inline positions, if any
///     positions: chunk k (a row of `impact_positions`): blocks k·B ..< (k+1)·B's positions,
///                or, when they come to at most ``inlinePositionBytes``, every block's in
///                order after the last block's frequencies (the term's entry then holds
///                ``inlinePositionsMark``, not its first chunk's number)
///
/// Each end is where the block's part ends, counted from the start of its kind: the
/// bound records, the blocks, and the positions of its chunk (or all inline positions);
/// a block's part starts where the one before's ends (at 0 for the first block, and for
/// the first of a chunk's positions when they are in chunks). Its frequencies start
/// after its documents, whose first byte gives their width.
///
/// Positions are rows of their own, ``blocksPerPositionChunk`` blocks (B) a row, read
/// only when a candidate in one of their blocks needs them. A block's maxima, its tight
/// bounds (``BoundBasis``): per field the block holds the term in
/// (``BlockBound/maxFrequency`` above 0), the largest normalised frequency as a
/// little-endian Float32 rounded up, then, where the segment's basis has weights, the
/// largest combined pseudo-frequency the same way.
/// - documents: per posting the code `gap << 1 | simple`, bit-packed in the width of the
///   block's largest (``BitPacking``); the gap is from the previous document (the first
///   block's from -1); `simple` marks the commonest posting, the term once in the body
///   and nowhere else, which has no frequencies entry. A block holds ``blockSize``
///   postings but for the row's last, which holds the rest of `count`.
/// - frequencies: per other posting `bodyTF << 1 | others`, and when `others` is 1 a byte
///   of the other fields present (bit *f*) followed by their frequencies, varints.
/// - positions: per posting, per field holding the term in column order, its token
///   offsets as gaps (the first from 0), varints; read only for phrases and proximity.
/// - skip tables (segments written since schema version 9; which blocks have them is the
///   segment's ``SkipTableLayout``, `impact_segments.skip_tables`): a block of more than
///   a group's postings whose positions are long enough starts its frequencies with a
///   UInt16 per group after the first, and its positions with a UInt16 or UInt32
///   (little-endian) per group: where the group's first frequency code at or after its
///   first posting is (a simple posting has none) and where that posting's offsets
///   start. A group is ``skipGroup`` postings; since version 13 it is
///   ``SkipTableLayout/fineGroup`` postings and an entry as narrow as what it points
///   into allows, 1 byte up to 255 bytes (``SkipTable``). A posting is then found by
///   decoding and passing at most a group's postings, not all those before it in its block.
enum PostingsCodec {
    static let blockSize = 128
    /// Blocks whose positions share one `impact_positions` row: a common word's offsets
    /// run to kilobytes a block, and a phrase or the proximity bonus wants those of the
    /// few blocks it visits; fewer rows per term keep the table and its keys small.
    static let blocksPerPositionChunk = 4
    /// Positions of one term in one segment up to this size are kept in its postings row:
    /// a search that scores a section with the proximity bonus or matches a phrase there
    /// then has them from the row it read, where a chunk cost a seek (about 1 µs) per block
    /// visited. Most words' positions fit (a word in 1 section of 20 in a segment of
    /// 60,000 sections has about 2.5 kB); common words keep theirs apart, so searches that
    /// want none of them do not read them.
    static let inlinePositionBytes = 4096
    /// The first chunk of a row whose positions are inline.
    static let inlinePositionsMark: Int64 = -1

    /// Bytes of a block's record at the head of its row.
    static let blockRecordSize = 16
    static let fieldCount = 4
    static let bodyField = 2
    /// Postings a skip-table entry covers in segments written before schema version 13
    /// (since, ``SkipTableLayout/fineGroup``).
    static let skipGroup = 16
    /// Where group `group` (1 through `entries`) starts in a block's frequencies or
    /// positions, whose skip table of `entries` entries of `width` bytes (1, 2 or 4,
    /// ``SkipTable``) starts at `table` in `bytes`: the entry counted from the table's
    /// end; or `end`, the stream's end, when the entry or what it names lies past it
    /// (damage).
    static func groupStart(_ bytes: UnsafeRawBufferPointer, table: Int, entries: Int, width: Int, group: Int, end: Int) -> Int {
        let entry = table + width * (group - 1)
        guard entry + width <= min(end, bytes.count) else { return end }
        let value = switch width {
        case 1: Int(bytes[entry])
        case 2: Int(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: entry, as: UInt16.self)))
        default: Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: entry, as: UInt32.self)))
        }
        return min(end, table + width * entries + value)
    }

    /// Appends one block's normalised maxima of the fields `present`, then its
    /// `combined` maximum if there is one, each rounded up.
    static func appendMaxima(_ limit: SIMD4<Double>, present: SIMDMask<SIMD4<Int32>>, combined: Double?, to bytes: inout [UInt8]) {
        func append(_ exact: Double) {
            var value = Float(exact)
            if Double(value) < exact { value = value.nextUp }
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 }
        }
        for field in 0..<fieldCount where present[field] { append(limit[field]) }
        if let combined { append(combined) }
    }

    /// Reads one block's normalised maxima of the fields `present` into the fields of a
    /// vector (infinity elsewhere), and with `combined` its combined maximum (infinity
    /// without); nil when `bytes` ends first.
    @inline(__always)
    static func readMaxima(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int, present: SIMDMask<SIMD4<Int32>>,
                           combined: Bool) -> (fields: SIMD4<Double>, combined: Double)? {
        @inline(__always)
        func read() -> Double? {
            guard offset + 4 <= bytes.count else { return nil }
            let bits = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            offset += 4
            return Double(Float(bitPattern: bits))
        }
        // Into locals, the vector made whole (see ``BlockBound/read(_:_:)``).
        @inline(__always)
        func lane(_ field: Int) -> Double? { present[field] ? read() : .infinity }
        guard let title = lane(0), let heading = lane(1), let body = lane(2), let author = lane(3) else { return nil }
        let limit = SIMD4(title, heading, body, author)
        guard combined else { return (limit, .infinity) }
        guard let value = read() else { return nil }
        return (limit, value)
    }
}

/// What a block's postings can score at most, whatever the index's current document
/// count, average lengths and ranking parameters: per field the largest frequency and
/// the smallest field length among the postings holding the term there, and the
/// smallest whole-row length. BM25F grows with frequency and falls with length in every
/// field, so the score of these combined extremes bounds every posting's.
///
/// A search adds ``normalisedLimit`` where the segment stored its tight bounds
/// (``BoundBasis``); it is not part of the bound's bytes.
struct BlockBound: Equatable, Sendable {
    /// A bound of any posting: the largest frequency and the shortest lengths a field
    /// holding the term can have, no tight bounds; for a block whose bound record is
    /// damaged.
    static let unknown = BlockBound(maxFrequency: SIMD4(repeating: .max), minLength: SIMD4(repeating: 1), minRowLength: 1)

    var maxFrequency = SIMD4<UInt32>(repeating: 0)
    var minLength = SIMD4<UInt32>(repeating: .max)
    var minRowLength: UInt32 = .max
    /// Per field, at least the largest normalised frequency `tf / (1 − b + b · len / avglen)`
    /// of the block's postings under the search's `b` and the index's averages now;
    /// infinity where unknown.
    var normalisedLimit = SIMD4<Double>(repeating: .infinity)
    /// At least the largest combined pseudo-frequency of one posting over the fields of
    /// ``BoundBasis/combinedColumns`` under the search's weights, `b` and averages;
    /// infinity where unknown.
    var combinedLimit = Double.infinity

    /// Takes one posting's frequencies and its section's field lengths into the bound.
    @inline(__always)
    mutating func note(frequencies: SIMD4<UInt32>, lengths: SIMD4<UInt32>) {
        let present = frequencies .> 0
        maxFrequency = pointwiseMax(maxFrequency, frequencies)
        minLength = minLength.replacing(with: pointwiseMin(minLength, lengths), where: present)
        minRowLength = min(minRowLength, lengths.wrappedSum())
    }

    /// A bound for the postings of both.
    func merged(with other: BlockBound) -> BlockBound {
        BlockBound(maxFrequency: pointwiseMax(maxFrequency, other.maxFrequency),
                   minLength: pointwiseMin(minLength, other.minLength),
                   minRowLength: min(minRowLength, other.minRowLength),
                   normalisedLimit: pointwiseMax(normalisedLimit, other.normalisedLimit),
                   combinedLimit: max(combinedLimit, other.combinedLimit))
    }

    func append(to bytes: inout [UInt8]) {
        for field in 0..<PostingsCodec.fieldCount { Varint.append(maxFrequency[field], to: &bytes) }
        for field in 0..<PostingsCodec.fieldCount where maxFrequency[field] > 0 { Varint.append(minLength[field], to: &bytes) }
        Varint.append(minRowLength, to: &bytes)
    }

    static func read(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int) -> BlockBound {
        // Into locals, the vectors made whole: a lane written at a variable index goes
        // through the stack (a tenth of opening a word's postings, measured).
        let title = Varint.read32(bytes, &offset), heading = Varint.read32(bytes, &offset)
        let body = Varint.read32(bytes, &offset), author = Varint.read32(bytes, &offset)
        let titleLength = title > 0 ? Varint.read32(bytes, &offset) : .max
        let headingLength = heading > 0 ? Varint.read32(bytes, &offset) : .max
        let bodyLength = body > 0 ? Varint.read32(bytes, &offset) : .max
        let authorLength = author > 0 ? Varint.read32(bytes, &offset) : .max
        var bound = BlockBound()
        bound.maxFrequency = SIMD4(title, heading, body, author)
        bound.minLength = SIMD4(titleLength, headingLength, bodyLength, authorLength)
        bound.minRowLength = Varint.read32(bytes, &offset)
        return bound
    }
}
