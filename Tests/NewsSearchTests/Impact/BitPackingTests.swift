import Testing
@testable import NewsSearch

@Suite struct BitPackingTests {
    /// Packs the codes of `documents` (each flagged simple where `simple` says) as the
    /// postings builder does, and unpacks them as a cursor does.
    private func roundTrip(_ documents: [Int], simple: (Int) -> Bool, after first: Int = -1)
        -> (documents: [Int], simple: [Bool]) {
        var previous = first
        let codes = documents.enumerated().map { index, document -> UInt64 in
            defer { previous = document }
            return UInt64(document - previous) << 1 | (simple(index) ? 1 : 0)
        }
        var bytes: [UInt8] = [0xFF, 0xFF]   // whatever comes before the block in its row
        BitPacking.append(codes, to: &bytes)
        bytes += [UInt8](repeating: 0xAB, count: BitPacking.readPadding)
        let out = UnsafeMutablePointer<Int>.allocate(capacity: PostingsCodec.blockSize)
        defer { out.deallocate() }
        let unpacked = bytes.withUnsafeBytes { BitPacking.unpackDocuments($0, from: 2, count: codes.count, after: first, into: out) }
        let flags = (0..<unpacked).map { index in bytes.withUnsafeBytes { BitPacking.isSimple($0, packedAt: 2, index: index) } }
        return (Array(UnsafeBufferPointer(start: out, count: unpacked)), flags)
    }

    @Test(arguments: [1, 2, 63, 64, 65, 127, 128])
    func everyBlockSizeComesBackWithItsFlags(count: Int) {
        var state = UInt64(count) &* 0x9E37_79B9_7F4A_7C15
        var document = -1
        let documents = (0..<count).map { _ in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            document += 1 + Int(state % 1_000)
            return document
        }
        let simple = { (index: Int) in index % 3 == 1 }
        let result = roundTrip(documents, simple: simple)
        #expect(result.documents == documents)
        #expect(result.simple == (0..<count).map(simple))
    }

    @Test func widthsFromOneBitToThePackLimitComeBack() {
        // Gaps of one (code 2 or 3) up to the largest a segment's 32-bit local numbers allow
        // (2³²: from -1 before the first to local number 2³² − 1).
        for gap in [1, 2, 3, 127, 128, 65_535, 1 << 20, Int(UInt32.max), 1 << 32] {
            let documents = [gap - 1, 2 * gap - 1]
            let result = roundTrip(documents, simple: { $0 == 0 })
            #expect(result.documents == documents, "gap \(gap)")
            #expect(result.simple == [true, false], "gap \(gap)")
        }
    }

    /// Every width has its own unrolled group code: each must come back, in whole groups
    /// of eight and in the postings after the last whole group.
    @Test(arguments: [128, 61, 8, 7])
    func everyWidthComesBackInGroupsAndAfterThem(count: Int) {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for width in 1...BitPacking.maxWidth {
            let largestGap: UInt64 = (1 << UInt64(width - 1)) - 1   // its code, gap << 1 | 1, has `width` bits
            var document = -1
            var documents: [Int] = []
            for index in 0..<count {
                state ^= state << 13; state ^= state >> 7; state ^= state << 17
                // Width 1 leaves only gaps of 0; the others keep documents increasing.
                let gap = index == count / 2 || largestGap < 2 ? largestGap : 1 + state % largestGap
                document += Int(gap)
                documents.append(document)
            }
            let simple = { (index: Int) in (UInt64(index) &* 0x9E37_79B9) >> 7 & 1 == 1 || index == count / 2 }
            let result = roundTrip(documents, simple: simple)
            #expect(result.documents == documents, "width \(width), \(count) postings")
            #expect(result.simple == (0..<count).map(simple), "width \(width), \(count) postings")
        }
    }

    @Test func documentsContinueFromTheBlockBefore() {
        let result = roundTrip([1_000_001, 1_000_005], simple: { _ in false }, after: 1_000_000)
        #expect(result.documents == [1_000_001, 1_000_005])
    }

    @Test func aTruncatedOrCorruptBlockReadsAsNoPostings() {
        let out = UnsafeMutablePointer<Int>.allocate(capacity: PostingsCodec.blockSize)
        defer { out.deallocate() }
        var bytes: [UInt8] = []
        BitPacking.append([UInt64](repeating: 0xFFFF, count: 128), to: &bytes)
        // Cut short: the codes and the padding a reader needs are not all there.
        let cut = Array(bytes.prefix(bytes.count / 2))
        #expect(cut.withUnsafeBytes { BitPacking.unpackDocuments($0, from: 0, count: 128, after: -1, into: out) } == 0)
        // A width no block is written with.
        let corrupt: [UInt8] = [60] + [UInt8](repeating: 0, count: 64)
        #expect(corrupt.withUnsafeBytes { BitPacking.unpackDocuments($0, from: 0, count: 4, after: -1, into: out) } == 0)
    }
}
