/// What a cursor can tell from its term's block headers alone, without decoding a
/// block: the "shallow" moves of block-max evaluation (Lucene's `advanceShallow`), which
/// let a window whose bounds fall short be passed over untouched.
extension PostingCursor {
    /// The bound of the block that holds `target` or the first document after it, and
    /// that block's last document; nil past the end. Decodes nothing.
    @inline(__always)
    func bound(at target: Int) -> (bound: BlockBound, lastDocument: Int)? {
        let low = blockIndex(at: target)
        return low < postings.blockCount ? (postings.bound(ofBlock: low), postings.lastDocuments[low]) : nil
    }

    /// The first document at or after `target` this cursor may still hold, from the
    /// block headers alone (the current document when it is there already); ``end``
    /// past the last block. Decodes nothing.
    func firstPossible(from target: Int) -> Int {
        if document >= target { return document }
        let low = blockIndex(at: target)
        return low < postings.blockCount ? max(target, postings.previousDocument(ofBlock: low) + 1) : Self.end
    }

    /// The largest `score` of the blocks that may hold a document in `first...last`
    /// (nil when none may), and the last document of the block that holds `first` or
    /// the first document after it. Decodes nothing.
    func maxBound(from first: Int, through last: Int, score: (BlockBound) -> Double) -> (score: Double, lastDocument: Int)? {
        let low = blockIndex(at: first)
        let count = postings.blockCount
        guard low < count, postings.previousDocument(ofBlock: low) < last else { return nil }
        var best = score(postings.bound(ofBlock: low))
        var next = low + 1
        while next < count, postings.previousDocument(ofBlock: next) < last {
            best = max(best, score(postings.bound(ofBlock: next)))
            next += 1
        }
        return (best, postings.lastDocuments[low])
    }

    /// The first block at or after the current one whose last document is at least
    /// `target` (postings before the current block are passed), the term's
    /// block count past the last: galloping from the current block, then bisecting, as
    /// the target is mostly near.
    func blockIndex(at target: Int) -> Int {
        postings.lastDocuments.withUnsafeBufferPointer { lasts in
            let first = max(block, 0)
            guard first < lasts.count, lasts[first] < target else { return first }
            var next = first + 1, step = 1
            while next + step < lasts.count, lasts[next + step] < target { next += step; step *= 2 }
            var low = next, high = min(lasts.count, next + step + 1)
            while low < high {
                let middle = (low + high) / 2
                if lasts[middle] < target { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }
}
