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
    /// Returns how many it unpacked: `count`, or 0 when the width is out of range or the
    /// codes run past `bytes`, which must be readable ``readPadding`` bytes past them.
    /// The simple flags stay packed: ``isSimple(_:packedAt:index:)`` reads one when a
    /// posting's frequencies are wanted (most postings a search passes need none, and
    /// gathering every flag was a third of unpacking, measured).
    ///
    /// Whole groups of eight postings go through ``groupUnpackers`` at the block's width;
    /// the rest, one at a time.
    @inline(__always)
    static func unpackDocuments(_ bytes: UnsafeRawBufferPointer, from start: Int, count: Int, after first: Int,
                                into documents: UnsafeMutablePointer<Int>) -> Int {
        guard let base = bytes.baseAddress, start < bytes.count else { return 0 }
        let width = Int(bytes[start])
        guard (1...maxWidth).contains(width), start + 1 + (count * width + 7) / 8 + readPadding <= bytes.count
        else { return 0 }
        let packed = base + start + 1
        var previous = first
        let grouped = count / 8
        groupUnpackers[width](packed, grouped, &previous, documents)
        let mask: UInt64 = (1 << UInt64(width)) - 1
        var bit = grouped * 8 * width
        for posting in (grouped * 8)..<count {
            let word = UInt64(littleEndian: (packed + bit >> 3).loadUnaligned(as: UInt64.self))
            let code = word >> UInt64(bit & 7) & mask
            previous &+= Int(code >> 1)
            documents[posting] = previous
            bit &+= width
        }
        return count
    }

    /// Whether code `index` of the block packed at `start` (its width byte) is flagged
    /// simple: the code's low bit, found at bit `index · width` of the codes. The block
    /// must have unpacked (``unpackDocuments(_:from:count:after:into:)``).
    @inline(__always)
    static func isSimple(_ bytes: UnsafeRawBufferPointer, packedAt start: Int, index: Int) -> Bool {
        let bit = index &* Int(bytes[start])
        return bytes[start &+ 1 &+ bit >> 3] >> UInt8(bit & 7) & 1 != 0
    }

    typealias GroupUnpacker = @Sendable (UnsafeRawPointer, Int, inout Int, UnsafeMutablePointer<Int>) -> Void

    /// ``unpackGroups(width:_:groups:previous:into:)`` for each width, at its index, each
    /// with its width a constant.
    private static let groupUnpackers: [GroupUnpacker] = [
        { _, _, _, _ in },
        { unpackGroups(width: 1, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 2, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 3, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 4, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 5, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 6, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 7, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 8, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 9, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 10, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 11, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 12, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 13, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 14, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 15, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 16, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 17, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 18, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 19, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 20, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 21, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 22, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 23, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 24, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 25, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 26, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 27, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 28, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 29, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 30, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 31, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 32, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 33, $0, groups: $1, previous: &$2, into: $3) },
        { unpackGroups(width: 34, $0, groups: $1, previous: &$2, into: $3) },
    ]

    /// Unpacks whole groups of eight codes of `width` bits. Eight codes fill exactly
    /// `width` bytes, so with the width a constant (each entry of ``groupUnpackers``
    /// inlines this with its own) every code's byte and shift within its group are
    /// constants too, and a group unrolls into independent loads and constant shifts: half
    /// the time a posting of the loop whose width is a variable (0.6 against 1.2 ns,
    /// measured on 128-posting blocks of width 7).
    @inline(__always)
    private static func unpackGroups(width: Int, _ packed: UnsafeRawPointer, groups: Int, previous: inout Int,
                                     into documents: UnsafeMutablePointer<Int>) {
        let mask: UInt64 = (1 << UInt64(width)) - 1
        var document = previous
        for group in 0..<groups {
            let base = packed + group &* width
            for member in 0..<8 {
                let bit = member &* width
                let code = UInt64(littleEndian: (base + bit >> 3).loadUnaligned(as: UInt64.self)) >> UInt64(bit & 7) & mask
                document &+= Int(code >> 1)
                documents[group &* 8 &+ member] = document
            }
        }
        previous = document
    }
}
