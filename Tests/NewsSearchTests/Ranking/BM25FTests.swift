import Foundation
import Testing
@testable import NewsSearch
import NewsSearchTools

@Suite struct BM25FTests {
    func score(_ scorer: BM25F, frequencies: [Int32], lengths: [Int32], averages: [Double], idf: Double) -> Double {
        frequencies.withUnsafeBufferPointer { f in
            lengths.withUnsafeBufferPointer { l in
                scorer.phraseScore(frequencies: f, lengths: l, averageLengths: averages, idf: idf)
            }
        }
    }

    /// The doc comment's formula on numbers worked by hand:
    /// title tf 1, length 10, average 5, weight 2, b 0.5 → 2·1 / (0.5 + 0.5·2) = 1.3333;
    /// body tf 2, length 50, average 100, weight 1, b 0.75 → 2 / (0.25 + 0.375) = 3.2;
    /// tf̃ = 4.5333; score = 1.5 · 4.5333 · 2.2 / (1.2 + 4.5333) = 2.60930.
    @Test func fieldNormalisationMatchesTheHandComputedExample() {
        let scorer = BM25F(parameters: RankingParameters(k1: 1.2, b: [0.5, 0, 0.75, 0], weights: [2, 1, 1, 0]))
        let value = score(scorer, frequencies: [1, 0, 2, 0], lengths: [10, 0, 50, 0], averages: [5, 0, 100, 0], idf: 1.5)
        #expect(abs(value - 2.609302) < 1e-5)
    }

    @Test func eachFieldIsNormalisedByItsOwnAverage() {
        let scorer = BM25F(parameters: .default)
        // Same body hit; a long body weakens it, but a long title does not touch the body part.
        let short = score(scorer, frequencies: [0, 0, 1, 0], lengths: [5, 0, 50, 0], averages: [10, 0, 100, 0], idf: 1)
        let longBody = score(scorer, frequencies: [0, 0, 1, 0], lengths: [5, 0, 400, 0], averages: [10, 0, 100, 0], idf: 1)
        let longTitle = score(scorer, frequencies: [0, 0, 1, 0], lengths: [40, 0, 50, 0], averages: [10, 0, 100, 0], idf: 1)
        #expect(longBody < short)
        #expect(longTitle == short)
    }

    @Test func saturationIsAppliedOnceAcrossFields() {
        let scorer = BM25F(parameters: RankingParameters(k1: 1.2, b: [0, 0, 0, 0], weights: [1, 1, 1, 0]))
        let both = score(scorer, frequencies: [1, 0, 1, 0], lengths: [5, 0, 5, 0], averages: [5, 0, 5, 0], idf: 1)
        let one = score(scorer, frequencies: [1, 0, 0, 0], lengths: [5, 0, 5, 0], averages: [5, 0, 5, 0], idf: 1)
        #expect(both < 2 * one)
        #expect(abs(both - 2 * 2.2 / 3.2) < 1e-12)
    }

    @Test func luceneIDFStaysPositiveWhereFTS5sCollapses() {
        let lucene = BM25F(parameters: .default)
        let fts5 = BM25F(parameters: .fts5Compatible)
        #expect(lucene.idf(rows: 9, containing: 9) > 0.05)
        #expect(fts5.idf(rows: 9, containing: 9) == 1e-6)
        #expect(abs(lucene.idf(rows: 100, containing: 10) - log(1 + 90.5 / 10.5)) < 1e-12)
    }

    @Test func proximityRewardsAdjacentTerms() {
        let parameters = RankingParameters(proximity: 0.5, proximityWindow: 8)
        let adjacent: [Int32] = [1]
        let far: [Int32] = [20]
        let near = adjacent.withUnsafeBufferPointer { ProximityBonus.bonus(minimumGaps: $0, idf: [2, 3], parameters: parameters) }
        let distant = far.withUnsafeBufferPointer { ProximityBonus.bonus(minimumGaps: $0, idf: [2, 3], parameters: parameters) }
        #expect(near == 0.5 * 2)
        #expect(distant == 0)
    }
}

@Suite struct CoordinationTests {
    @Test func factorIsTheShareOfQueryIDFMatchedRaisedToTheExponent() {
        #expect(Coordination.factor(matchedIDF: 1, totalIDF: 4, exponent: 0) == 1)
        #expect(Coordination.factor(matchedIDF: 1, totalIDF: 4, exponent: 1) == 0.25)
        #expect(Coordination.factor(matchedIDF: 1, totalIDF: 4, exponent: 0.5) == 0.5)
        #expect(Coordination.factor(matchedIDF: 4, totalIDF: 4, exponent: 2) == 1)
    }

    /// The folded formula a conjunction's lead judges postings with equals the formula
    /// within rounding (far inside pruning's 1e-9 slack), weight included: any fields,
    /// empty ones, a field whose mean length is 0, a field of weight 0.
    @Test func thePostingKernelIsTheFormulaWithinRounding() throws {
        var random = SplitMix64(seed: 11)
        for parameters in [RankingParameters.default, RankingParameters(k1: 0.9, b: [1, 0, 0.4, 0.75], weights: [3, 0, 1, 2])] {
            let scorer = BM25F(parameters: parameters)
            for averages in [[8.2, 3.1, 137.6, 2.0], [8.2, 0, 137.6, 0]] {
                let kernel = try #require(BM25F.PostingKernel(scorer, averageLengths: averages, idf: 2.3, weight: 0.7))
                for _ in 0..<2000 {
                    let frequencies = SIMD4<UInt32>((0..<4).map { _ in Bool.random(using: &random) ? 0 : UInt32.random(in: 1...9, using: &random) })
                    let lengths = SIMD4<UInt32>((0..<4).map { field in frequencies[field] > 0 ? UInt32.random(in: frequencies[field]...400, using: &random) : UInt32.random(in: 0...3, using: &random) })
                    let exact = 0.7 * scorer.phraseScore(frequencies: frequencies, lengths: lengths, averageLengths: averages, idf: 2.3)
                    let folded = kernel.score(frequencies: frequencies, lengths: lengths)
                    #expect(abs(folded - exact) <= 1e-13 * max(1, exact), "\(frequencies) in \(lengths)")
                }
            }
        }
        // FTS5's whole-row form has no per-field kernel: its lead is scored by the formula.
        #expect(BM25F.PostingKernel(BM25F(parameters: .fts5Compatible), averageLengths: [1, 1, 1, 1], idf: 1, weight: 1) == nil)
    }
}
