/// A cursor's frequencies, decoded on first use: in order, from where the last call
/// stopped, or from a group's start by the block's skip table when the posting asked
/// for is further on. Which postings are simple (their gap's low bit) is read from the
/// block's packed documents (``BitPacking/isSimple(_:packedAt:index:)``): a simple
/// posting is one occurrence in the body and has no code.
extension PostingCursor {
    /// The frequencies per field of the current document's posting.
    var frequencies: SIMD4<UInt32> {
        decodeFrequencies(of: index...index)
        return frequencyValues[index]
    }

    /// Makes ``frequencyValues`` hold the frequencies of the decoded block's postings at
    /// `postings` (from the current one on): decoded on from where the last call
    /// stopped, or from the group of the first by the block's skip table when that is
    /// further on.
    func decodeFrequencies(of postings: ClosedRange<Int>) {
        guard frequenciesDecoded <= postings.upperBound else { return }
        if frequenciesDecoded <= postings.lowerBound, blockTable.entries > 0 { skipFrequencies(to: postings.lowerBound) }
        decodeFrequencies(through: postings.upperBound)
    }

    /// Passes the current block's frequencies up to the group of posting `last` by its
    /// skip table (``PostingsCodec``): the postings passed keep no frequencies, and
    /// ``PostingOffsets`` passes their offsets by its own table. A table entry past the
    /// block's bytes (damage) leaves the rest of its postings without frequencies.
    @inline(never)
    private func skipFrequencies(to last: Int) {
        let table = blockTable
        let entries = table.entries, size = table.group, width = table.frequencyWidth
        let group = min(last / size, entries)
        guard group * size > frequenciesDecoded else { return }
        let frequencies = blockFrequencies
        frequencyOffset = postings.withBytes { bytes in
            PostingsCodec.groupStart(bytes, table: frequencies.lowerBound, entries: entries, width: width, group: group,
                                     end: frequencies.upperBound)
        }
        frequenciesDecoded = group * size
    }

    /// Decodes the current block's frequencies through posting `last`, from where the
    /// last call stopped: a simple posting is one occurrence in the body; the others
    /// read their codes in order.
    private func decodeFrequencies(through last: Int) {
        let packed = blockDocuments, end = blockFrequencies.upperBound
        postings.withBytes { bytes in
            var offset = frequencyOffset
            for posting in frequenciesDecoded...last {
                guard !BitPacking.isSimple(bytes, packedAt: packed, index: posting) else {
                    frequencyValues[posting] = SIMD4(0, 0, 1, 0)
                    continue
                }
                guard offset < end else {
                    frequencyValues[posting] = .zero
                    continue
                }
                // Most codes are one byte (a body frequency under 64, no other field).
                let code: UInt32
                if bytes[offset] < 0x80 {
                    code = UInt32(bytes[offset])
                    offset &+= 1
                } else {
                    code = Varint.read32(bytes, &offset)
                }
                guard code & 1 != 0 else {
                    frequencyValues[posting] = SIMD4(0, 0, code >> 1, 0)
                    continue
                }
                var tf = SIMD4<UInt32>(0, 0, code >> 1, 0)
                if offset < bytes.count {
                    let mask = bytes[offset]
                    offset += 1
                    if mask & 1 != 0 { tf[0] = Varint.read32(bytes, &offset) }
                    if mask & 2 != 0 { tf[1] = Varint.read32(bytes, &offset) }
                    if mask & 8 != 0 { tf[3] = Varint.read32(bytes, &offset) }
                }
                frequencyValues[posting] = tf
            }
            frequencyOffset = offset
            frequenciesDecoded = last + 1
        }
    }
}
