/// The conjunction's lead word's exact part (weighted BM25F) in each posting of its
/// current block, computed for the rest of the block when the conjunction first asks
/// there, so that lead postings whose part with the other phrases' bounds falls short
/// of the threshold are passed by one comparison each (``firstReaching(_:others:through:)``).
///
/// Scored one posting a move, each passed posting cost a call for its frequencies, one
/// for its field lengths and one for the formula, whose two divisions then waited on
/// each other; in a block the decode, the reads and the divisions of many postings
/// overlap. The parts are the formula's (``SectionScorer/phraseScore(_:frequencies:lengths:)``,
/// times the phrase's weight) within rounding, which the comparison's slack covers
/// (``BM25F/PostingKernel``).
final class LeadScores {
    private let scorer: SectionScorer
    private let phrase: Int
    private let cursor: PostingCursor
    private let columns: SIMD4<UInt32>
    private let directory: SegmentDirectory
    /// The formula with this phrase's constants folded, where the ranking has that form.
    private let kernel: BM25F.PostingKernel?
    private let scores = UnsafeMutablePointer<Double>.allocate(capacity: PostingsCodec.blockSize)
    /// The block the parts are of (-1: none yet), and the postings they cover in it.
    private var block = -1
    private var scored = 0..<0

    /// For the lead `phrase`, a single word read through `cursor` within `columns`.
    init(scorer: SectionScorer, phrase: Int, cursor: PostingCursor, columns: SIMD4<UInt32>, directory: SegmentDirectory) {
        self.scorer = scorer
        self.phrase = phrase
        self.cursor = cursor
        self.columns = columns
        self.directory = directory
        kernel = BM25F.PostingKernel(scorer.bm25f, averageLengths: scorer.averageLengths, idf: scorer.idf[phrase],
                                     weight: scorer.query.phrases[phrase].weight)
    }

    deinit { scores.deallocate() }

    /// The first lead document, from the cursor's current one through `windowEnd`, whose
    /// part plus `others` may reach `threshold` (the conjunction's test, times its slack);
    /// else the first lead document after the window, or the one after the block's last.
    /// The cursor's current document when it may.
    func firstReaching(_ threshold: Double, others: Double, through windowEnd: Int) -> Int {
        followCursor()
        let documents = cursor.documents
        var index = cursor.index
        let count = cursor.count
        while index < count {
            let document = documents[index]
            if document > windowEnd { return document }
            if index >= scored.upperBound { score(upTo: runEnd(from: index, through: windowEnd)) }
            if (scores[index] + others) * TopKPruning.slack >= threshold { return document }
            index &+= 1
        }
        return documents[count - 1] &+ 1
    }

    /// The parts of the cursor's postings from its current one through the last at or
    /// before `windowEnd` in its block (scored now where they were not yet): documents
    /// and parts side by side, `count` of each, valid until the cursor leaves the block.
    func run(through windowEnd: Int) -> (documents: UnsafePointer<Int>, parts: UnsafePointer<Double>, count: Int) {
        followCursor()
        let first = cursor.index
        let end = runEnd(from: first, through: windowEnd)
        if end > scored.upperBound { score(upTo: end) }
        return (UnsafePointer(cursor.documents + first), UnsafePointer(scores + first), end - first)
    }

    /// The current posting's part when it was scored already (by ``firstReaching(_:others:through:)``
    /// or ``run(through:)`` in its block), else nil.
    var currentPart: Double? {
        cursor.block == block && scored.contains(cursor.index) ? scores[cursor.index] : nil
    }

    /// Parts are kept for one run of postings: a cursor that moved past its end without
    /// asking starts another.
    private func followCursor() {
        if cursor.block != block || !(scored.lowerBound...scored.upperBound).contains(cursor.index) {
            block = cursor.block
            scored = cursor.index..<cursor.index
        }
    }

    /// Past the block's last posting at or before `windowEnd`, from posting `first` on.
    private func runEnd(from first: Int, through windowEnd: Int) -> Int {
        var end = first
        while end < cursor.count, cursor.documents[end] <= windowEnd { end &+= 1 }
        return end
    }

    /// Scores the block's postings after those scored so far, up to `end` (the run's end
    /// in a window: a window often ends inside the lead's block, and the next may be
    /// passed over whole).
    private func score(upTo end: Int) {
        let postings = cursor.postings(scored.upperBound..<end, in: directory)
        if let kernel {
            for index in postings.range {
                scores[index] = kernel.score(frequencies: postings.frequencies(index) &* columns, lengths: postings.lengths(index))
            }
        } else {
            let weight = scorer.query.phrases[phrase].weight
            for index in postings.range {
                scores[index] = weight * scorer.phraseScore(phrase, frequencies: postings.frequencies(index) &* columns,
                                                            lengths: postings.lengths(index))
            }
        }
        scored = scored.lowerBound..<end
    }
}
