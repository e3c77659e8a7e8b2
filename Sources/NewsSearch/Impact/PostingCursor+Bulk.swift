/// The decoded block's postings from the current one on, all at once: for a caller that
/// judges every posting of a block in one pass (``LeadScores``) rather than one posting
/// a move, whose frequency decode, length read and formula then pipeline.
extension PostingCursor {
    /// The current posting and those after it in the decoded block: their documents,
    /// frequencies per field (decoded now) and sections' field lengths (gathered now),
    /// each valid at `range`'s indices. Empty past the last document.
    func remainingPostings(in directory: SegmentDirectory) -> BlockPostings {
        guard document != Self.end, block >= 0 else { return BlockPostings(cursor: self, range: 0..<0) }
        if frequenciesDecoded <= count - 1 {
            if frequenciesDecoded <= index, blockSkips > 0 { skipFrequencies(to: index) }
            decodeFrequencies(through: count - 1)
        }
        if !lengthsGathered {
            lengthsGathered = true
            for posting in 0..<count where documents[posting] != Self.end {
                lengthValues[posting] = directory.fieldLengths(documents[posting])
            }
        }
        return BlockPostings(cursor: self, range: index..<count)
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
