import Testing
@testable import NewsSearch

@Suite struct DirectoryColumnsTests {
    private func decodedIDs(_ segments: [[Int64]]) -> [Int64] {
        let total = segments.reduce(0) { $0 + $1.count }
        var column = SectionIDColumn(documents: total, maxID: segments.last?.last ?? 0)
        var base = 0
        for ids in segments {
            SegmentColumns.encode(ids: ids).withUnsafeBytes { column.decode($0, base: base, documents: ids.count) }
            base += ids.count
        }
        return Array(column)
    }

    private func decodedLengths(_ segments: [[UInt32]]) -> [UInt32] {
        let total = segments.reduce(0) { $0 + $1.count / 4 }
        var column = FieldLengthColumn(documents: total)
        var base = 0
        for lengths in segments {
            SegmentColumns.encode(lengths: lengths).withUnsafeBytes { column.decode($0, base: base, count: lengths.count / 4) }
            base += lengths.count / 4
        }
        return (0..<total).flatMap { document in (0..<4).map { column[document][$0] } }
    }

    @Test func sectionIDsRoundTripNarrowAndWide() {
        let narrow: [[Int64]] = [[64, 65, 128], [4_000_000_000, 4_294_967_295]]
        #expect(decodedIDs(narrow) == narrow.flatMap { $0 })
        // Past 32 bits the column keeps 64-bit ids.
        let wide: [[Int64]] = [[64, 65], [4_294_967_296, 1 << 40]]
        #expect(decodedIDs(wide) == wide.flatMap { $0 })
    }

    @Test func fieldLengthsRoundTripWhenALaterSegmentIsWide() {
        let segments: [[UInt32]] = [[3, 0, 120, 2, 5, 1, 65_535, 0], [4, 2, 70_000, 1], [1, 1, 1, 1]]
        #expect(decodedLengths(segments) == segments.flatMap { $0 })
        #expect(decodedLengths([[1, 2, 3, 4]]) == [1, 2, 3, 4])
    }
}
