import Testing
@testable import NewsSearch

@Suite struct HugePageBufferTests {
    /// A directory column reads as zero where nothing was written, also when the memory
    /// it is given was another column's, filled and let go (a search process loads a
    /// new directory after every index run).
    @Test(arguments: [100, 3 << 20])
    func aNewBufferReadsZeroEvenWhereAnOldOneWasFilled(count: Int) {
        for _ in 0..<3 {
            let buffer = HugePageBuffer<UInt32>(count: count)
            for index in stride(from: 0, to: count, by: 997) { #expect(buffer[index] == 0) }
            #expect(buffer[count - 1] == 0)
            let all = buffer.mutableBuffer(0..<count)
            all.update(repeating: .max)
            #expect(buffer[count / 2] == .max)
        }
    }

    /// Written values are read back, at both ends and in place through a range.
    @Test func writesAreReadBack() {
        let buffer = HugePageBuffer<UInt16>(count: 2 << 20)
        buffer[0] = 7
        buffer[buffer.count - 1] = 9
        let middle = buffer.mutableBuffer(1000..<1004)
        for index in middle.indices { middle[index] = UInt16(index) }
        #expect(buffer[0] == 7 && buffer[buffer.count - 1] == 9)
        #expect((1000..<1004).map { buffer[$0] } == [0, 1, 2, 3])
    }
}
