import GRDB

/// A row of `impact_postings` read in place for ``TermPostings`` (``PostingsCodec``):
/// checked and its blocks' last documents copied when the word is opened; a block's
/// ranges and its bound decoded from its records when asked.
extension TermPostings {
    /// Checks the row `rowStart..<rowEnd` of `bytes` (a segment whose documents start at
    /// `layout.base`), fills in where its parts are, and appends its blocks' last
    /// documents (global) and their row, `number`. `rowsExpected` sizes the lists at the
    /// first row. Throws when the row was cut or damaged: every range a block's record
    /// gives then lies in the row and after the one before, so that reading a block
    /// later needs no check.
    static func readRow(_ bytes: UnsafeRawBufferPointer, from rowStart: Int, to rowEnd: Int, number: Int32,
                        into layout: inout RowLayout, lastDocuments: inout [Int], blockRows: inout [Int32],
                        rowsExpected: Int, term: String) throws {
        func damaged() -> DatabaseError { IndexError.impactDamage(detail: "postings: the row of \(term) is short or damaged") }
        var offset = rowStart
        // Compared before they are made integers: damaged varints may not fit one.
        let rawCount = Varint.read(bytes, &offset), rawBlocks = Varint.read(bytes, &offset)
        let size = UInt64(PostingsCodec.blockSize)
        guard offset <= rowEnd, rawCount > 0, rawCount <= UInt64(Int32.max), rawBlocks == (rawCount + size - 1) / size
        else { throw damaged() }
        let blockCount = Int(rawBlocks)
        let records = offset
        guard records + PostingsCodec.blockRecordSize * blockCount <= rowEnd else { throw damaged() }
        if lastDocuments.isEmpty {
            lastDocuments.reserveCapacity(blockCount * (rowsExpected + rowsExpected / 4))
            blockRows.reserveCapacity(blockCount * (rowsExpected + rowsExpected / 4))
        }
        // Each block's ends after the last's (a block holds at least its width byte and a
        // bound); positions start again at each chunk, or run on through inline ones.
        var dataEnd = 0, positionEnd = 0, boundEnd = 0, last = -1
        let inline = layout.inline
        // The row's slots made first, then written in place: an append a block checked
        // capacity and uniqueness twice (13k of a median phrase search's 922k
        // instructions, measured).
        let first = lastDocuments.count
        lastDocuments.append(contentsOf: repeatElement(0, count: blockCount))
        blockRows.append(contentsOf: repeatElement(number, count: blockCount))
        let valid = lastDocuments.withUnsafeMutableBufferPointer { lasts in
            for block in 0..<blockCount {
                let record = records + PostingsCodec.blockRecordSize * block
                func field(_ index: Int) -> Int {
                    Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: record + 4 * index, as: UInt32.self)))
                }
                let document = field(0), data = field(1), positions = field(2), bound = field(3)
                if !inline, block % PostingsCodec.blocksPerPositionChunk == 0 { positionEnd = 0 }
                guard document > last, data > dataEnd, positions >= positionEnd, bound > boundEnd else { return false }
                last = document
                dataEnd = data
                positionEnd = positions
                boundEnd = bound
                lasts[first + block] = layout.base + document
            }
            return true
        }
        guard valid else { throw damaged() }
        layout.postingCount = Int(rawCount)
        layout.records = records
        layout.bounds = records + PostingsCodec.blockRecordSize * blockCount
        layout.data = layout.bounds + boundEnd
        layout.positions = layout.data + dataEnd
        guard layout.positions + (inline ? positionEnd : 0) <= rowEnd else { throw damaged() }
    }

    /// Field `field` of block `local`'s record in `row` (``PostingsCodec``).
    @inline(__always)
    private func record(_ bytes: UnsafeRawBufferPointer, _ row: RowLayout, _ local: Int, _ field: Int) -> Int {
        Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: row.records + PostingsCodec.blockRecordSize * local + 4 * field,
                                                     as: UInt32.self)))
    }

    /// Where block `number`'s parts are (no bound: ``bound(ofBlock:)``).
    @inline(__always)
    func block(_ number: Int) -> Block {
        let rowIndex = Int(blockRows[number])
        let row = rows[rowIndex]
        let local = number - row.firstBlock
        return bytes.withUnsafeBytes { bytes in
            let size = PostingsCodec.blockSize, perChunk = PostingsCodec.blocksPerPositionChunk
            let count = min(size, row.postingCount - local * size)
            let documentStart = row.data + (local == 0 ? 0 : record(bytes, row, local - 1, 1))
            let dataEnd = row.data + record(bytes, row, local, 1)
            // The codes' width, their first byte, tells where the frequencies start.
            let width = Int(bytes[documentStart])
            let frequencyStart = min(documentStart + 1 + (count * width + 7) / 8, dataEnd)
            let chunkStart = row.inline ? local == 0 : local % perChunk == 0
            var positions = (chunkStart ? 0 : record(bytes, row, local - 1, 2))..<record(bytes, row, local, 2)
            if row.inline { positions = (positions.lowerBound + row.positions)..<(positions.upperBound + row.positions) }
            let previous = local == 0 ? row.base - 1 : lastDocuments[number - 1]
            return Block(lastDocument: lastDocuments[number], previousDocument: previous, count: count, row: rowIndex,
                         documentStart: documentStart, frequencies: frequencyStart..<dataEnd, chunk: local / perChunk,
                         positions: positions,
                         table: row.skipTables.table(count: count, positionBytes: positions.count,
                                                     frequencyBytes: dataEnd - frequencyStart))
        }
    }

    /// The global number of the document before block `number`'s first.
    @inline(__always)
    func previousDocument(ofBlock number: Int) -> Int {
        let row = Int(blockRows[number])
        return number > 0 && Int(blockRows[number - 1]) == row ? lastDocuments[number - 1] : rows[row].base - 1
    }

    /// Block `number`'s bound (``BlockBound``), with its tight bounds scaled to the
    /// search's ranking where the row's were asked for (absent fields stay infinite).
    /// Decoded once: pruning asks again for each window a block overlaps (decoding each
    /// time cost the median `--any` search 5 % more instructions, measured).
    @inline(__always)
    func bound(ofBlock number: Int) -> BlockBound {
        let memo = boundMemo()
        if memo.known[number] != 0 { return memo.bounds[number] }
        let bound = decodeBound(ofBlock: number)
        (memo.bounds + number).initialize(to: bound)
        memo.known[number] = 1
        return bound
    }

    @inline(never)
    private func decodeBound(ofBlock number: Int) -> BlockBound {
        let row = rows[Int(blockRows[number])]
        let local = number - row.firstBlock
        return bytes.withUnsafeBytes { bytes in
            Self.bound(bytes, row: row, from: row.bounds + (local == 0 ? 0 : record(bytes, row, local - 1, 3)),
                       to: row.bounds + record(bytes, row, local, 3))
        }
    }

    /// The bound of every block together, their bounds decoded into the memo on the way,
    /// each row's records in order (cheaper than one at a time: an `--any` search asks
    /// for this of every word, measured).
    func mergedBound() -> BlockBound {
        let memo = boundMemo()
        var merged = Self.emptyBound
        bytes.withUnsafeBytes { bytes in
            for row in rows {
                var start = row.bounds
                for local in 0..<row.blockCount {
                    let number = row.firstBlock + local, end = row.bounds + record(bytes, row, local, 3)
                    if memo.known[number] == 0 {
                        (memo.bounds + number).initialize(to: Self.bound(bytes, row: row, from: start, to: end))
                        memo.known[number] = 1
                    }
                    merged = merged.merged(with: memo.bounds[number])
                    start = end
                }
            }
        }
        return merged
    }

    /// The bound whose record is `start..<end` of `bytes`, in row `row`. A record that
    /// its bound and maxima do not fill exactly is damaged: its block is bounded by
    /// ``BlockBound/unknown``, which holds for any posting, so that pruning stays exact.
    @inline(__always)
    static func bound(_ bytes: UnsafeRawBufferPointer, row: RowLayout, from start: Int, to end: Int) -> BlockBound {
        var offset = start
        var bound = BlockBound.read(UnsafeRawBufferPointer(rebasing: bytes[..<end]), &offset)
        let present = bound.maxFrequency .> 0
        let maximaBytes = 4 * ((present[0] ? 1 : 0) + (present[1] ? 1 : 0) + (present[2] ? 1 : 0) + (present[3] ? 1 : 0)
                               + (row.combined ? 1 : 0))
        guard offset + maximaBytes == end else { return .unknown }
        guard let scale = row.scale else { return bound }
        let maxima = UnsafeRawBufferPointer(rebasing: bytes[offset..<end])
        var maximaOffset = 0
        if let limit = PostingsCodec.readMaxima(maxima, &maximaOffset, present: present, combined: row.combined) {
            bound.normalisedLimit = limit.fields * scale
            if let combinedScale = row.combinedScale { bound.combinedLimit = limit.combined * combinedScale }
        }
        return bound
    }

    /// The blocks, each read from its record as it is asked for.
    var blocks: Blocks { Blocks(postings: self) }

    /// ``TermPostings/block(_:)`` of every block, as a collection.
    struct Blocks: RandomAccessCollection {
        let postings: TermPostings
        var startIndex: Int { 0 }
        var endIndex: Int { postings.blockCount }
        subscript(position: Int) -> Block { postings.block(position) }
    }
}
