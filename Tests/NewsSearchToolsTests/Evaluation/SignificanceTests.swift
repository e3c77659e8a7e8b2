import Testing
import NewsSearch
@testable import NewsSearchTools

@Suite struct SignificanceTests {
    @Test func rankersThatAgreeOnEveryQueryAreNotDifferent() {
        #expect(Significance.randomisationTest([0.5, 0.2, 0.9], [0.5, 0.2, 0.9]) == 1)
        #expect(Significance.randomisationTest([], []) == 1)
    }

    @Test func smallSamplesAreEnumeratedExactly() {
        // Three equal gains: of the 8 sign assignments only all-plus and all-minus reach |3|.
        #expect(Significance.randomisationTest([1, 1, 1], [0, 0, 0]) == 0.25)
        // Gains 3, 1: assignments ±3 ±1 give |4|, |2|, |2|, |4|: half reach the observed 4.
        #expect(Significance.randomisationTest([3, 1], [0, 0]) == 0.5)
    }

    @Test func aConsistentGainOnManyQueriesIsSignificant() {
        let base = (0..<60).map { Double($0 % 7) / 10 }
        let better = base.map { $0 + 0.05 }
        let p = Significance.randomisationTest(better, base)
        #expect(p < 0.001)
        #expect(p > 0, "the observed assignment counts, so p is never 0")
    }

    @Test func gainsAndLossesThatCancelAreNotSignificant() {
        let base = Array(repeating: 0.5, count: 40)
        let mixed = base.enumerated().map { $0.offset % 2 == 0 ? $0.element + 0.1 : $0.element - 0.1 }
        #expect(Significance.randomisationTest(mixed, base) > 0.5)
    }

    @Test func theSameInputGivesTheSamePValue() {
        let a = (0..<50).map { Double(($0 * 37) % 11) / 11 }, b = (0..<50).map { Double(($0 * 13) % 7) / 7 }
        #expect(Significance.randomisationTest(a, b) == Significance.randomisationTest(a, b))
    }
}
