import GRDB

/// A posting's token offsets, read by the cursor's ``PostingOffsets`` on first use.
extension PostingCursor {
    /// The current posting's token offsets in `field`, in increasing order: the cursor's
    /// memory, valid until its next offsets read.
    func offsets(field: Int, db: Database) throws -> UnsafeBufferPointer<UInt32> {
        let tf = frequencies
        if offsetReader.pointee.posting != (block, index) {
            try offsetReader.pointee.read(block: block, index: index, table: blockTable, frequencies: frequencyValues,
                                          postings: postings, db: db)
        }
        var start = 0
        for earlier in 0..<field { start += Int(tf[earlier]) }
        return UnsafeBufferPointer(rebasing: offsetReader.pointee.values[start..<(start + Int(tf[field]))])
    }
}
