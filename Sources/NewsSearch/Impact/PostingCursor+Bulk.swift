/// The decoded block's postings from the current one on, all at once: for a caller that
/// judges every posting of a block in one pass (``LeadScores``) rather than one posting
/// a move, whose frequency decode, length read and formula then pipeline.
extension PostingCursor {
    /// The decoded block's postings at `range` (from the current one on): their
    /// documents, frequencies per field (decoded now) and sections' field lengths (the
    /// whole block's gathered now). Empty past the last document.
    func postings(_ range: Range<Int>, in directory: SegmentDirectory) -> BlockPostings {
        guard document != Self.end, block >= 0, !range.isEmpty else { return BlockPostings(cursor: self, range: 0..<0) }
        precondition(range.lowerBound >= index && range.upperBound <= count, "postings \(range) outside the block's rest")
        decodeFrequencies(of: range.lowerBound...(range.upperBound - 1))
        gatherLengths(in: directory)
        return BlockPostings(cursor: self, range: range)
    }

    /// A view of some of a cursor's decoded postings, valid until the cursor moves to
    /// another block.
    struct BlockPostings {
        let cursor: PostingCursor
        let range: Range<Int>

        @inline(__always) func document(_ index: Int) -> Int { cursor.documents[index] }
        @inline(__always) func frequencies(_ index: Int) -> SIMD4<UInt32> { cursor.frequencyValues[index] }
        @inline(__always) func lengths(_ index: Int) -> SIMD4<UInt32> { cursor.lengthValues[index] }
    }
}
