/// The section id of every global document, as ``SegmentDirectory`` keeps them: `UInt32`
/// while every id fits (ids are `article << 6 | ordinal`, so up to 67 million articles),
/// else `Int64`. Every search process decodes the whole column, so half the bytes is half
/// the memory it must fault in before its first search (4 MB on the 1M-section index).
/// Kept in huge pages (``HugePageBuffer``): candidates read it at random.
struct SectionIDColumn: RandomAccessCollection {
    private var narrow = HugePageBuffer<UInt32>(count: 0)
    private var wide = HugePageBuffer<Int64>(count: 0)
    private let isWide: Bool
    let count: Int

    /// A column of `documents` zeros, wide when `maxID` does not fit 32 bits.
    init(documents: Int, maxID: Int64) {
        isWide = maxID > Int64(UInt32.max)
        count = documents
        if isWide { wide = HugePageBuffer(count: documents) } else { narrow = HugePageBuffer(count: documents) }
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    @inline(__always)
    subscript(document: Int) -> Int64 {
        isWide ? wide[document] : Int64(narrow[document])
    }

    /// Decodes a segment's stored ids (``SegmentColumns``) into documents `base...`, at
    /// most `documents` of them.
    mutating func decode(_ bytes: UnsafeRawBufferPointer, base: Int, documents: Int) {
        let range = base..<Swift.min(base + documents, count)
        if isWide {
            _ = SegmentColumns.decodeIDs(bytes, into: wide.mutableBuffer(range))
        } else {
            _ = SegmentColumns.decodeIDs(bytes, into: narrow.mutableBuffer(range))
        }
    }
}

/// Four field lengths per global document, as ``SegmentDirectory`` keeps them: `UInt16`
/// while every segment stores them so (any section under 65,536 tokens a field), else
/// `UInt32`. Half the memory of the widest form, and in huge pages, as for ``SectionIDColumn``.
struct FieldLengthColumn {
    private var narrow: HugePageBuffer<UInt16>
    private var wide = HugePageBuffer<UInt32>(count: 0)
    private var isWide = false
    private let documents: Int

    init(documents: Int) {
        self.documents = documents
        narrow = HugePageBuffer(count: documents * 4)
    }

    @inline(__always)
    subscript(document: Int) -> SIMD4<UInt32> {
        let start = document &* 4
        if isWide { return SIMD4(wide[start], wide[start + 1], wide[start + 2], wide[start + 3]) }
        return SIMD4(UInt32(narrow[start]), UInt32(narrow[start + 1]), UInt32(narrow[start + 2]), UInt32(narrow[start + 3]))
    }

    /// Decodes a segment's stored lengths (``SegmentColumns``) into documents `base...`,
    /// at most `count` of them; the first segment stored wide makes the column wide.
    mutating func decode(_ bytes: UnsafeRawBufferPointer, base: Int, count: Int) {
        guard let width = bytes.first else { return }
        if width == 4, !isWide {
            wide = HugePageBuffer(count: documents * 4)
            for index in 0..<(documents * 4) { wide[index] = UInt32(narrow[index]) }
            narrow = HugePageBuffer(count: 0)
            isWide = true
        }
        let range = (base * 4)..<(min(base + count, documents) * 4)
        if isWide {
            SegmentColumns.decodeLengths(bytes, into: wide.mutableBuffer(range))
        } else {
            SegmentColumns.decodeLengths(bytes, into: narrow.mutableBuffer(range))
        }
    }
}
