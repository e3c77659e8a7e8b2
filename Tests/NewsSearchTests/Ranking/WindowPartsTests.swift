import Testing
@testable import NewsSearch

@Suite struct WindowPartsTests {
    /// Merges one run given as (document, part) pairs.
    func merge(_ window: WindowParts, _ run: [(Int, Double)], charge: Double = 0, slot: Int) {
        let documents = run.map(\.0), parts = run.map(\.1)
        documents.withUnsafeBufferPointer { documents in
            parts.withUnsafeBufferPointer { parts in
                window.merge(documents.baseAddress!, parts.baseAddress!, count: run.count, charge: charge, slot: slot)
            }
        }
    }

    func contents(_ window: WindowParts) -> [(document: Int, part: Double, slots: UInt64)] {
        (0..<window.count).map { (window.documents[$0], window.parts[$0], window.slots[$0]) }
    }

    /// Each document once, in order, with the parts of the words that hold it summed
    /// (each with its charge) and those words' slots marked: what the one-at-a-time walk
    /// computes for a candidate.
    @Test func partsAreSummedPerDocumentInDocumentOrder() {
        let window = WindowParts()
        merge(window, [(3, 1.0), (7, 2.0), (9, 4.0)], slot: 0)
        merge(window, [(1, 0.5), (7, 0.25), (12, 8.0)], charge: 0.125, slot: 1)
        merge(window, [(7, 16.0), (9, 32.0)], slot: 2)
        let merged = contents(window)
        #expect(merged.map(\.document) == [1, 3, 7, 9, 12])
        #expect(merged.map(\.part) == [0.625, 1.0, 2.0 + 0.375 + 16.0, 36.0, 8.125])
        #expect(merged.map(\.slots) == [0b010, 0b001, 0b111, 0b101, 0b010])
    }

    /// The sum is built in slot order, as the walk adds a candidate's parts, so the two
    /// round alike.
    @Test func aDocumentsSumIsBuiltInSlotOrder() {
        let window = WindowParts()
        let parts = [0.1, 0.7, 1e-17, 0.3]
        for (slot, part) in parts.enumerated() { merge(window, [(5, part)], slot: slot) }
        var walked = 0.0
        for part in parts { walked += part }
        #expect(window.parts[0] == walked)
    }

    /// Runs summed at once give what merging them one by one gives, to the bit, whether
    /// their documents lie close (summed by a table over their span) or far apart
    /// (merged), and the table is clean for the next window.
    @Test(arguments: [(span: 300, postings: 40), (span: 200_000, postings: 40), (span: 5_000, postings: 120)])
    func summingRunsAtOnceEqualsMergingThem(span: Int, postings: Int) {
        var generator = SystemRandomNumberGenerator()
        let summed = WindowParts()
        for _ in 0..<3 {
            summed.removeAll()
            let runs: [(documents: [Int], parts: [Double], charge: Double)] = (0..<4).map { _ in
                let documents = Array(Set((0..<postings).map { _ in 1_000 + Int.random(in: 0..<span, using: &generator) })).sorted()
                return (documents, documents.map { _ in Double.random(in: 0..<3, using: &generator) }, Double.random(in: 0..<0.5, using: &generator))
            }
            let merged = WindowParts()
            // The summed window keeps the runs' pointers until it sums them, as it keeps a
            // cursor's buffers in a search: buffers of their own, not an array's storage,
            // which is only lent for the length of a closure (an array released before the
            // sum made this test fail in a release build).
            let buffers = runs.map { run in
                (documents: UnsafeMutableBufferPointer(start: UnsafeMutablePointer<Int>.allocate(capacity: run.documents.count),
                                                        count: run.documents.count),
                 parts: UnsafeMutableBufferPointer(start: UnsafeMutablePointer<Double>.allocate(capacity: run.parts.count),
                                                   count: run.parts.count))
            }
            defer { for buffer in buffers { buffer.documents.deallocate(); buffer.parts.deallocate() } }
            for (slot, run) in runs.enumerated() {
                _ = buffers[slot].documents.initialize(from: run.documents)
                _ = buffers[slot].parts.initialize(from: run.parts)
                let documents = UnsafePointer(buffers[slot].documents.baseAddress!)
                let parts = UnsafePointer(buffers[slot].parts.baseAddress!)
                merged.merge(documents, parts, count: run.documents.count, charge: run.charge, slot: slot)
                summed.add(documents, parts, count: run.documents.count, charge: run.charge, slot: slot)
            }
            summed.sumRuns()
            #expect(contents(summed).map(\.document) == contents(merged).map(\.document))
            #expect(contents(summed).map(\.part) == contents(merged).map(\.part))
            #expect(contents(summed).map(\.slots) == contents(merged).map(\.slots))
        }
    }

    /// A window bigger than the first buffers keeps what it held when they grow, and
    /// emptying it keeps nothing.
    @Test func growingKeepsTheMergedDocumentsAndEmptyingDropsThem() {
        let window = WindowParts(capacity: 4)
        merge(window, (0..<10).map { ($0 * 2, 1.0) }, slot: 0)
        merge(window, (0..<10).map { ($0 * 2 + 1, 2.0) }, slot: 3)
        #expect(contents(window).map(\.document) == Array(0..<20))
        #expect(contents(window).map(\.slots) == (0..<20).map { $0 % 2 == 0 ? 0b0001 : 0b1000 })
        window.removeAll()
        #expect(window.count == 0)
        merge(window, [(4, 1.0)], slot: 5)
        #expect(contents(window).map(\.document) == [4])
        #expect(window.slots[0] == 1 << 5)
    }
}
