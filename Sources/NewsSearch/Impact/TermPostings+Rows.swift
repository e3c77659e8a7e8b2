import GRDB

/// A row of `impact_postings` decoded for ``TermPostings``: its block headers into
/// blocks, and for a search its stored maxima into their tight bounds.
extension TermPostings {
    /// Decodes the block headers of row `row`, the bytes `rowStart..<rowEnd` of `bytes` (a
    /// segment whose documents start at global `base`), onto `blocks`, their byte ranges
    /// in `bytes` (positions in the row's chunks, or in `bytes` when `inline`); returns
    /// the row's block count. `rowsExpected` sizes `blocks` at the first row. Throws when
    /// the row was cut or damaged (read on, the next row's bytes would be taken for its).
    static func appendBlocks(ofRow row: Int, in bytes: UnsafeRawBufferPointer, from rowStart: Int, to rowEnd: Int,
                             base: Int, inline: Bool, skipTables: SkipTableLayout, rowsExpected: Int, term: String,
                             to blocks: inout [Block]) throws -> Int {
        let firstBlock = blocks.count
        var offset = rowStart
        let postingCount = Int(Varint.read(bytes, &offset))
        let blockCount = Int(Varint.read(bytes, &offset))
        if firstBlock == 0 { blocks.reserveCapacity(blockCount * (rowsExpected + rowsExpected / 4)) }
        // The headers straight into blocks, whose byte ranges count from the end of the
        // headers until it is known.
        var previous = base - 1
        var dataOffset = 0
        var positionOffset = 0
        var cut = false
        for number in 0..<blockCount {
            let last = Int(Varint.read(bytes, &offset))
            let documents = Int(Varint.read(bytes, &offset))
            let frequencies = Int(Varint.read(bytes, &offset))
            let positions = Int(Varint.read(bytes, &offset))
            let header = BlockBound.read(bytes, &offset)
            cut = cut || documents == 0
            if !inline, number % PostingsCodec.blocksPerPositionChunk == 0 { positionOffset = 0 }
            let count = max(0, min(PostingsCodec.blockSize, postingCount - number * PostingsCodec.blockSize))
            let frequencyStart = dataOffset + documents
            blocks.append(Block(lastDocument: base + last, previousDocument: previous, count: count, row: row,
                                documentStart: dataOffset, frequencies: frequencyStart..<(frequencyStart + frequencies),
                                chunk: number / PostingsCodec.blocksPerPositionChunk,
                                positions: positionOffset..<(positionOffset + positions), bound: header,
                                skips: Int32(skipTables.entries(count: count, positionBytes: positions)),
                                positionSkipWidth: Int32(skipTables.positionWidth(positionBytes: positions))))
            previous = base + last
            dataOffset = frequencyStart + frequencies
            positionOffset += positions
        }
        // The blocks follow the headers, inline positions the blocks: a row they overrun,
        // or a block without even its width byte, was cut or damaged.
        let blocksEnd = offset + dataOffset
        let rowBytes = blocksEnd + (inline ? positionOffset : 0)
        if rowBytes > rowEnd || cut {
            throw IndexError.impactDamage(detail: "postings: the row of \(term) is short")
        }
        // Inline positions' ranges are in the term's bytes; chunked ones in their chunk.
        let positionBase = inline ? blocksEnd : 0
        blocks.withUnsafeMutableBufferPointer { all in
            for index in firstBlock..<all.count {
                all[index].documentStart += offset
                all[index].frequencies = (all[index].frequencies.lowerBound + offset)..<(all[index].frequencies.upperBound + offset)
                if inline { all[index].positions = (all[index].positions.lowerBound + positionBase)..<(all[index].positions.upperBound + positionBase) }
            }
        }
        return blockCount
    }

    /// Reads a row's stored maxima in place, block after block as the headers are, into
    /// the tight bounds of `blocks` from `firstBlock` on, scaled to the search's ranking
    /// (absent fields stay infinite).
    static func applyMaxima(_ maxima: UnsafeRawBufferPointer, to blocks: inout [Block], from firstBlock: Int,
                            scale: SIMD4<Double>, combinedScale: Double?, combined: Bool) {
        var offset = 0
        for index in firstBlock..<blocks.count {
            let present = blocks[index].bound.maxFrequency .> 0
            guard let limit = PostingsCodec.readMaxima(maxima, &offset, present: present, combined: combined) else { break }
            blocks[index].bound.normalisedLimit = limit.fields * scale
            if let combinedScale { blocks[index].bound.combinedLimit = limit.combined * combinedScale }
        }
    }
}
