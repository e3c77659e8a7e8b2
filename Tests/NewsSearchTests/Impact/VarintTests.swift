import Testing
@testable import NewsSearch
import NewsSearchTools

/// Varints read back as written, and skipping a number of them (by their last bytes, a
/// word or two at a time) ends exactly where reading them one by one does.
@Suite struct VarintTests {
    /// Values of one to five bytes, mixed, as offsets of common and rare words are.
    private static func values(_ count: Int, seed: UInt64) -> [UInt32] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let bits = [3, 7, 7, 7, 10, 14, 21, 28, 32].randomElement(using: &random)!
            return UInt32(truncatingIfNeeded: random.next() & ((1 << UInt64(bits)) - 1))
        }
    }

    @Test func valuesComeBackAsWritten() {
        let values = Self.values(2_000, seed: 1) + [0, 127, 128, 16_383, 16_384, .max]
        var bytes: [UInt8] = []
        for value in values { Varint.append(value, to: &bytes) }
        let read = bytes.withUnsafeBytes { raw in
            var offset = 0
            return values.indices.map { _ in Varint.read32(raw, &offset) }
        }
        #expect(read == values)
    }

    @Test(arguments: [1, 2, 3])
    func skippingEndsWhereReadingDoes(seed: UInt64) {
        let values = Self.values(600, seed: seed)
        var bytes: [UInt8] = [0xFF, 0x80]   // whatever comes before in a block's positions
        var ends: [Int] = []
        for value in values {
            Varint.append(value, to: &bytes)
            ends.append(bytes.count)
        }
        bytes.withUnsafeBytes { raw in
            for start in [0, 1, 5, 17, 100] {
                let from = start == 0 ? 2 : ends[start - 1]
                for count in [0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 64, 200, 600 - start] where start + count <= values.count {
                    let expected = count == 0 ? from : ends[start + count - 1]
                    #expect(Varint.skip(count, in: raw, from: from, limit: raw.count) == expected, "\(count) from value \(start)")
                }
            }
            // Never past the limit, however many are asked for.
            #expect(Varint.skip(10_000, in: raw, from: 2, limit: 50) == 50)
        }
    }
}
