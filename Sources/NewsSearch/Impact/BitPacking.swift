/// Fixed-width packing of one block's document codes (``PostingsCodec``): a byte with
/// the width `w` in bits of the largest code, then every code in `w` bits, low bits
/// first, the last byte padded with zeros.
///
/// Each code is found at bit `i · w` without reading the ones before it, so unpacking a
/// block is independent loads and shifts the processor overlaps, where varints were one
/// dependent chain of byte reads (the largest cost of intersecting a rare word with a
/// common one, measured). Readers load eight bytes at a time and need
/// ``readPadding`` bytes readable past the block's last byte (``TermPostings`` pads
/// its rows).
enum BitPacking {
    /// Bytes a reader may read past the end of the packed codes.
    static let readPadding = 8
    /// The widest code: a gap of up to 2³² (local document numbers are 32-bit, and the
    /// first gap counts from -1) shifted left by one, plus its flag.
    static let maxWidth = 34

    /// Appends `codes` packed in the width of the largest.
    static func append(_ codes: [UInt64], to bytes: inout [UInt8]) {
        let width = max(1, 64 - (codes.max() ?? 0).leadingZeroBitCount)
        precondition(width <= maxWidth, "document code too wide to pack")
        bytes.append(UInt8(width))
        // Fewer than 8 bits wait in the buffer before a code joins them: at most 41 in all.
        var buffer: UInt64 = 0, filled = 0
        for code in codes {
            buffer |= code << UInt64(filled)
            filled += width
            while filled >= 8 {
                bytes.append(UInt8(truncatingIfNeeded: buffer))
                buffer >>= 8
                filled -= 8
            }
        }
        if filled > 0 { bytes.append(UInt8(truncatingIfNeeded: buffer)) }
    }

    /// Unpacks `count` codes packed at `start` and turns them into documents: code
    /// `gap << 1 | simple`, each gap from the document before (`first` before the first).
    /// Returns the simple flags as bits (posting *i* is bit *i*). `bytes` must be readable
    /// ``readPadding`` bytes past the codes; a width out of range reads as no codes.
    @inline(__always)
    static func unpackDocuments(_ bytes: UnsafeRawBufferPointer, from start: Int, count: Int, after first: Int,
                                into documents: UnsafeMutablePointer<Int>) -> (count: Int, simple: (low: UInt64, high: UInt64)) {
        guard let base = bytes.baseAddress, start < bytes.count else { return (0, (0, 0)) }
        let width = Int(bytes[start])
        guard (1...maxWidth).contains(width), start + 1 + (count * width + 7) / 8 + readPadding <= bytes.count
        else { return (0, (0, 0)) }
        let packed = base + start + 1
        let mask: UInt64 = (1 << UInt64(width)) - 1
        var previous = first
        var flags: (low: UInt64, high: UInt64) = (0, 0)
        var bit = 0
        for posting in 0..<count {
            let word = UInt64(littleEndian: (packed + bit >> 3).loadUnaligned(as: UInt64.self))
            let code = word >> UInt64(bit & 7) & mask
            previous &+= Int(code >> 1)
            documents[posting] = previous
            if posting < 64 { flags.low |= (code & 1) << UInt64(posting) } else { flags.high |= (code & 1) << UInt64(posting &- 64) }
            bit &+= width
        }
        return (count, flags)
    }
}
