import GRDB

/// Walks one term's postings (``TermPostings``) in global document order, decoding a
/// block only when a document in it is wanted: ``advance(to:)`` passes whole blocks by
/// their headers, and ``bound(at:)`` reads a block's score bound without decoding it
/// (the "shallow" move of block-max evaluation).
struct PostingCursor {
    static let end = Int.max

    let postings: TermPostings
    /// The current document, or ``end`` once past the last.
    private(set) var document = -1
    private var block = -1
    private var index = 0
    private var documents: [Int] = []
    private var frequencyValues: [SIMD4<UInt32>] = []
    /// Where each posting's positions start in ``positionValues`` (decoded on demand).
    private var positionStarts: [Int] = []
    private var positionValues: [UInt32] = []
    private var positionsBlock = -1

    init(_ postings: TermPostings) {
        self.postings = postings
        documents.reserveCapacity(PostingsCodec.blockSize)
        frequencyValues.reserveCapacity(PostingsCodec.blockSize)
    }

    /// The frequencies per field of the current document's posting.
    var frequencies: SIMD4<UInt32> { frequencyValues[index] }

    /// Moves to the first document at or after `target`.
    mutating func advance(to target: Int) {
        guard document < target else { return }
        if block >= 0, block < postings.blocks.count, postings.blocks[block].lastDocument >= target {
            while documents[index] < target { index += 1 }
            document = documents[index]
            return
        }
        var next = max(block + 1, 0)
        let blocks = postings.blocks
        // Gallop then bisect over the block headers.
        var step = 1
        while next + step < blocks.count, blocks[next + step].lastDocument < target { next += step; step *= 2 }
        var low = next, high = min(blocks.count, next + step + 1)
        while low < high {
            let middle = (low + high) / 2
            if blocks[middle].lastDocument < target { low = middle + 1 } else { high = middle }
        }
        guard low < blocks.count else {
            block = blocks.count
            document = Self.end
            return
        }
        decode(low)
        while documents[index] < target { index += 1 }
        document = documents[index]
    }

    mutating func next() {
        guard document != Self.end else { return }
        if block >= 0, index + 1 < documents.count {
            index += 1
            document = documents[index]
        } else {
            advance(to: document + 1)
        }
    }

    /// The bound of the block that holds `target` or the first document after it, and
    /// that block's last document; nil past the end. Decodes nothing.
    func bound(at target: Int) -> (bound: BlockBound, lastDocument: Int)? {
        let blocks = postings.blocks
        var low = max(block, 0), high = blocks.count
        if low < high, blocks[low].lastDocument >= target { return (blocks[low].bound, blocks[low].lastDocument) }
        while low < high {
            let middle = (low + high) / 2
            if blocks[middle].lastDocument < target { low = middle + 1 } else { high = middle }
        }
        return low < blocks.count ? (blocks[low].bound, blocks[low].lastDocument) : nil
    }

    /// The current posting's token offsets in `field`, in increasing order.
    mutating func offsets(field: Int, db: Database) throws -> ArraySlice<UInt32> {
        if positionsBlock != block { try decodePositions(db: db) }
        let tf = frequencyValues[index]
        var start = positionStarts[index]
        for earlier in 0..<field { start += Int(tf[earlier]) }
        return positionValues[start..<(start + Int(tf[field]))]
    }

    private mutating func decode(_ number: Int) {
        block = number
        index = 0
        documents.removeAll(keepingCapacity: true)
        frequencyValues.removeAll(keepingCapacity: true)
        let header = postings.blocks[number]
        postings.withRow(header.row) { bytes in
            var offset = header.documentStart
            var previous = header.previousDocument
            while offset < header.frequencies.lowerBound {
                let value = Varint.read(bytes, &offset)
                previous += Int(value >> 1)
                documents.append(previous)
                // A simple posting is one occurrence in the body; others read their codes below.
                frequencyValues.append(value & 1 != 0 ? SIMD4(0, 0, 1, 0) : .zero)
            }
            offset = header.frequencies.lowerBound
            for index in frequencyValues.indices where frequencyValues[index] == .zero && offset < header.frequencies.upperBound {
                let code = Varint.read32(bytes, &offset)
                var tf = SIMD4<UInt32>(0, 0, code >> 1, 0)
                if code & 1 != 0, offset < bytes.count {
                    let mask = bytes[offset]
                    offset += 1
                    if mask & 1 != 0 { tf[0] = Varint.read32(bytes, &offset) }
                    if mask & 2 != 0 { tf[1] = Varint.read32(bytes, &offset) }
                    if mask & 8 != 0 { tf[3] = Varint.read32(bytes, &offset) }
                }
                frequencyValues[index] = tf
            }
        }
        if documents.isEmpty { documents.append(Self.end) }
        while frequencyValues.count < documents.count { frequencyValues.append(.zero) }
    }

    private mutating func decodePositions(db: Database) throws {
        positionsBlock = block
        positionStarts.removeAll(keepingCapacity: true)
        positionValues.removeAll(keepingCapacity: true)
        let header = postings.blocks[block]
        let bytes = try postings.positions(ofRow: header.row, db: db)
        bytes.withUnsafeBytes { raw in
            var offset = header.positions.lowerBound
            for tf in frequencyValues {
                positionStarts.append(positionValues.count)
                for field in 0..<PostingsCodec.fieldCount {
                    var previous: UInt32 = 0
                    for _ in 0..<Int(tf[field]) {
                        previous &+= offset < header.positions.upperBound ? Varint.read32(raw, &offset) : 0
                        positionValues.append(previous)
                    }
                }
            }
        }
    }
}
