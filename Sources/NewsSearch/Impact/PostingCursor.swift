import GRDB

/// Walks one term's postings (``TermPostings``) in global document order, decoding a
/// block only when a document in it is wanted, and then only what is asked of it:
/// ``advance(to:)`` passes whole blocks by their headers and decodes a block's
/// documents, ``frequencies`` its frequencies on first use, and ``offsets(field:db:)``
/// one posting's offsets, skipping those before it. ``bound(at:)`` reads a block's
/// score bound without decoding it (the "shallow" move of block-max evaluation).
///
/// A class with buffers of its own, so that the hot loops mutate no value held in an
/// array (each such mutation checks the array for uniqueness); a cursor is never shared.
final class PostingCursor {
    static let end = Int.max

    let postings: TermPostings
    /// The current document, or ``end`` once past the last.
    private(set) var document = -1
    /// The decoded block (-1 before the first, the block count past the last).
    private(set) var block = -1
    /// The decoded block's last document (-1 before the first): a target at or before it
    /// is found by scanning the decoded documents, without reading the block headers.
    private(set) var blockLast = -1
    /// The current posting's place in the decoded block.
    private(set) var index = 0
    /// The decoded block: its documents, and its frequencies once ``frequencies`` needed them.
    let documents: UnsafeMutablePointer<Int>
    private(set) var count = 0
    let frequencyValues: UnsafeMutablePointer<SIMD4<UInt32>>
    /// Frequencies are decoded in order as far as asked (``PostingCursor+Frequencies``):
    /// the posting decoded next and where its code starts. A skip table may move both on
    /// to a group's start: the postings passed then hold no frequencies of this block.
    var frequenciesDecoded = 0
    var frequencyOffset = 0
    /// Where the decoded block's packed documents start, and its frequencies' bytes, in
    /// the term's bytes.
    private(set) var blockDocuments = 0
    private(set) var blockFrequencies = 0..<0
    /// The decoded block's skip tables (``TermPostings/Block/table``).
    private(set) var blockTable = SkipTable(entries: 0, group: PostingsCodec.skipGroup, frequencyWidth: 2, positionWidth: 4)
    /// The decoded block's sections' field lengths, gathered on first use.
    let lengthValues: UnsafeMutablePointer<SIMD4<UInt32>>
    private var lengthsGathered = false
    private var lengthReads = 0
    /// The offsets of the last posting whose offsets were asked for.
    /// Behind a pointer, as the buffers are: reached as a stored property of a class, each
    /// of its reads and moves checked exclusive access at run time (three a posting: 5 %
    /// of the slowest phrases' instructions, measured).
    let offsetReader: UnsafeMutablePointer<PostingOffsets>

    init(_ postings: TermPostings) {
        self.postings = postings
        // The three block buffers in one allocation (a search makes a cursor per word and
        // pass): vectors first, for their alignment, then the documents.
        let size = PostingsCodec.blockSize
        let vectorBytes = size * MemoryLayout<SIMD4<UInt32>>.stride
        let buffers = UnsafeMutableRawPointer.allocate(byteCount: 2 * vectorBytes + size * MemoryLayout<Int>.stride,
                                                       alignment: MemoryLayout<SIMD4<UInt32>>.alignment)
        frequencyValues = buffers.bindMemory(to: SIMD4<UInt32>.self, capacity: size)
        lengthValues = (buffers + vectorBytes).bindMemory(to: SIMD4<UInt32>.self, capacity: size)
        documents = (buffers + 2 * vectorBytes).bindMemory(to: Int.self, capacity: size)
        offsetReader = .allocate(capacity: 1)
        offsetReader.initialize(to: PostingOffsets())
    }

    deinit {
        UnsafeMutableRawPointer(frequencyValues).deallocate()
        offsetReader.deinitialize(count: 1)
        offsetReader.deallocate()
    }

    /// The field lengths of the current document's section. The second call in a block
    /// reads those of all its documents at once: the reads are independent, so the
    /// processor overlaps their cache misses, where reading them one candidate at a
    /// time waited for each (``SegmentDirectory/fieldLengths(_:)``); a block that one
    /// candidate needs (an intersection with a rarer word) reads only its own.
    func fieldLengths(in directory: SegmentDirectory) -> SIMD4<UInt32> {
        if !lengthsGathered {
            lengthReads += 1
            if lengthReads < 2 { return directory.fieldLengths(documents[index]) }
            gatherLengths(in: directory)
        }
        return lengthValues[index]
    }

    /// Reads the field lengths of all the decoded block's documents into ``lengthValues``,
    /// once a block.
    func gatherLengths(in directory: SegmentDirectory) {
        guard !lengthsGathered else { return }
        lengthsGathered = true
        for posting in 0..<count where documents[posting] != Self.end {
            lengthValues[posting] = directory.fieldLengths(documents[posting])
        }
    }

    /// Moves to the first document at or after `target`.
    func advance(to target: Int) {
        guard document < target else { return }
        if target <= blockLast {
            scan(to: target)
            return
        }
        let low = blockIndex(at: target)
        guard low < postings.blockCount else {
            block = postings.blockCount
            document = Self.end
            return
        }
        decode(low)
        scan(to: target)
    }

    /// Moves through the decoded block to its first document at or after `target` (the
    /// block's last document is at least `target`): a few steps, then bisection. A rare
    /// word's next document is often dozens of postings on in a common word's block
    /// (`"analog computer"` stepped 15,800 times for 550 moves). A local index, not the
    /// stored one: a stored property of a class is written back to memory every step.
    @inline(__always)
    private func scan(to target: Int) {
        var position = index
        let last = count - 1
        let stop = min(position + 8, last)
        while position < stop, documents[position] < target { position &+= 1 }
        if documents[position] < target {
            var low = position + 1, high = last
            while low < high {
                let middle = (low + high) >> 1
                if documents[middle] < target { low = middle + 1 } else { high = middle }
            }
            position = low
        }
        index = position
        document = documents[position]
    }

    func next() {
        guard document != Self.end else { return }
        if block >= 0, index + 1 < count {
            index += 1
            document = documents[index]
        } else {
            advance(to: document + 1)
        }
    }

    private func decode(_ number: Int) {
        block = number
        index = 0
        frequenciesDecoded = 0
        lengthsGathered = false
        lengthReads = 0
        let header = postings.block(number)
        blockLast = header.lastDocument
        blockDocuments = header.documentStart
        blockFrequencies = header.frequencies
        count = postings.withBytes { bytes in
            BitPacking.unpackDocuments(bytes, from: header.documentStart, count: header.count,
                                       after: header.previousDocument, into: documents)
        }
        // A block whose documents do not end where its header says is damaged: read as
        // holding none, as one that cannot be unpacked, so that moves within it never
        // pass its last posting (``scan(to:)`` stops at the header's last document).
        if count > 0, documents[count - 1] != header.lastDocument { count = 0 }
        if count == 0 {
            documents[0] = Self.end
            frequencyValues[0] = .zero
            count = 1
            frequenciesDecoded = 1
        }
        blockTable = header.table
        frequencyOffset = header.frequencies.lowerBound + header.table.frequencyBytes
    }
}
