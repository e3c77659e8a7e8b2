import Testing
import NewsSearch
@testable import NewsSearchTools

/// The latency benchmark compares arms run one after another on the same query; the
/// comparison is fair only if no arm runs first, or before another, more often.
@Suite struct LatencyBenchmarkTests {
    @Test func armOrdersAreEveryPermutationOnce() {
        let orders = LatencyBenchmark.orders
        #expect(Set(orders).count == 6)
        #expect(orders.allSatisfy { $0.sorted() == [0, 1, 2] })
        for arm in 0..<3 {
            for position in 0..<3 {
                #expect(orders.filter { $0[position] == arm }.count == 2)
            }
            for other in 0..<3 where other != arm {
                let before = orders.filter { $0.firstIndex(of: arm)! < $0.firstIndex(of: other)! }.count
                #expect(before == 3)
            }
        }
    }
}
