import Foundation

/// BM25F, the field-aware BM25 of Robertson, Zaragoza & Taylor (2004), as newssearch
/// scores a section.
///
/// For each query phrase *i* the per-field term frequencies are first normalised by
/// that field's length and merged into one pseudo-frequency, which is then saturated
/// once (so a term repeated in title and body cannot score twice the saturation):
///
///     tf̃ᵢ = Σ_f  w_f · tf_{i,f} / (1 − b_f + b_f · len_f / avglen_f)
///     score = Σᵢ idfᵢ · tf̃ᵢ · (k1 + 1) / (k1 + tf̃ᵢ)
///     idfᵢ  = ln(1 + (N − nᵢ + 0.5) / (nᵢ + 0.5))            (Lucene)
///
/// `N` is the number of sections, `nᵢ` the number containing phrase *i*, `len_f` the
/// field's length in tokens and `avglen_f` its mean over the index (a field whose mean
/// is 0 is not normalised). With ``RankingParameters/Normalisation/wholeRow`` the
/// formula collapses to FTS5's `bm25()`: `tf̃ᵢ = Σ_f w_f · tf_{i,f}` and one length
/// factor `(1 − b + b · len / avglen)` over the whole row, inside the saturation:
/// `idfᵢ · tf̃ᵢ (k1 + 1) / (tf̃ᵢ + k1 (1 − b + b · len / avglen))`.
public struct BM25F: Sendable {
    public let parameters: RankingParameters

    public init(parameters: RankingParameters) {
        self.parameters = parameters
    }

    /// IDF of a phrase found in `containing` of `rows` sections.
    public func idf(rows: Int64, containing: Int64) -> Double {
        let n = Double(rows), hits = Double(containing)
        switch parameters.idf {
        case .lucene: return log(1 + (n - hits + 0.5) / (hits + 0.5))
        case .fts5: return max(1e-6, log((n - hits + 0.5) / (hits + 0.5)))
        }
    }

    /// The length-normalisation divisor of one field: `1 − b + b · len / avglen`.
    public func lengthFactor(field: Int, length: Int, averageLength: Double) -> Double {
        guard averageLength > 0 else { return 1 }
        let b = parameters.b[field]
        return 1 - b + b * Double(length) / averageLength
    }

    /// The score of one phrase given its frequency per field.
    ///
    /// - Parameters:
    ///   - frequencies: occurrences of the phrase in each field.
    ///   - lengths: each field's length in tokens in this section.
    ///   - averageLengths: each field's mean length over the index.
    ///   - idf: the phrase's inverse document frequency.
    public func phraseScore(frequencies: UnsafeBufferPointer<Int32>, lengths: UnsafeBufferPointer<Int32>,
                            averageLengths: [Double], idf: Double) -> Double {
        phraseScore(fields: frequencies.count, frequency: { Int(frequencies[$0]) }, length: { Int(lengths[$0]) },
                    averageLengths: averageLengths, idf: idf)
    }

    /// The same for the four fields of an impact posting, without buffers to bind (the
    /// pruned search scores a lead posting this way before it moves another cursor).
    func phraseScore(frequencies: SIMD4<UInt32>, lengths: SIMD4<UInt32>, averageLengths: [Double], idf: Double) -> Double {
        phraseScore(fields: 4, frequency: { Int(frequencies[$0]) }, length: { Int(lengths[$0]) },
                    averageLengths: averageLengths, idf: idf)
    }

    /// The formula, field by field in column order: both callers get the same result to
    /// the last bit (the pruned search must equal exhaustive scoring, ties included).
    @inline(__always)
    private func phraseScore(fields: Int, frequency: (Int) -> Int, length: (Int) -> Int,
                             averageLengths: [Double], idf: Double) -> Double {
        let k1 = parameters.k1
        switch parameters.normalisation {
        case .perField:
            var pseudo = 0.0
            for field in 0..<fields where frequency(field) > 0 {
                let weight = parameters.weights[field]
                guard weight != 0 else { continue }
                pseudo += weight * Double(frequency(field))
                    / lengthFactor(field: field, length: length(field), averageLength: averageLengths[field])
            }
            return pseudo > 0 ? idf * pseudo * (k1 + 1) / (k1 + pseudo) : 0
        case .wholeRow:
            var weighted = 0.0
            var rowLength = 0
            for field in 0..<fields {
                weighted += parameters.weights[field] * Double(frequency(field))
                rowLength += length(field)
            }
            guard weighted != 0 else { return 0 }
            let average = averageLengths.reduce(0, +)
            let factor = lengthFactor(field: 0, length: rowLength, averageLength: average)
            return idf * weighted * (k1 + 1) / (weighted + k1 * factor)
        }
    }
}

extension BM25F {
    /// The most a phrase can score in any posting of a block (``BlockBound``): the
    /// formula at the block's largest frequency and smallest length in each field. Valid
    /// because the score rises with every field's frequency and falls with its length
    /// (weights ≥ 0, 0 ≤ b ≤ 1, k1 ≥ 0: ``canBound``), whatever `N`, the averages and
    /// the IDF are now. Per field the normalised frequency is also at most the block's
    /// ``BlockBound/normalisedLimit`` (``BoundBasis``), and the smaller of the two is
    /// taken; the saturation rises with the sum. Where `columns` lie within the combined
    /// maximum's, the sum is also at most ``BlockBound/combinedLimit``. Fields outside
    /// `columns` (a column mask) count as absent.
    func phraseBound(_ bound: BlockBound, columns: UInt8, averageLengths: [Double], idf: Double) -> Double {
        let k1 = parameters.k1
        switch parameters.normalisation {
        case .perField:
            var pseudo = 0.0
            for field in 0..<4 where bound.maxFrequency[field] > 0 && columns & (1 << UInt8(field)) != 0 {
                let weight = parameters.weights[field]
                guard weight != 0 else { continue }
                let extremes = Double(bound.maxFrequency[field])
                    / lengthFactor(field: field, length: Int(bound.minLength[field]), averageLength: averageLengths[field])
                pseudo += weight * min(extremes, bound.normalisedLimit[field])
            }
            // Within the combined maximum's fields, one posting's sum bounds them all.
            if columns & ~BoundBasis.combinedColumns == 0 { pseudo = min(pseudo, bound.combinedLimit) }
            return pseudo > 0 ? idf * pseudo * (k1 + 1) / (k1 + pseudo) : 0
        case .wholeRow:
            var weighted = 0.0
            for field in 0..<4 where columns & (1 << UInt8(field)) != 0 {
                weighted += parameters.weights[field] * Double(bound.maxFrequency[field])
            }
            guard weighted != 0 else { return 0 }
            let average = averageLengths.reduce(0, +)
            let factor = lengthFactor(field: 0, length: Int(bound.minRowLength), averageLength: average)
            return idf * weighted * (k1 + 1) / (weighted + k1 * factor)
        }
    }

    /// Whether ``phraseBound(_:columns:averageLengths:idf:)`` bounds these parameters.
    var canBound: Bool {
        parameters.k1 >= 0 && parameters.weights.allSatisfy { $0 >= 0 } && parameters.b.allSatisfy { (0...1).contains($0) }
            && parameters.coordination >= 0 && parameters.proximity >= 0
    }
}

/// A bonus for query terms that stand close together, after BM25TP (Rasolofo & Savoy 2003).
///
/// For each pair of consecutive query phrases (*i*, *i*+1) that occur in the same
/// weighted field, `d` is the smallest gap in tokens between the end of one and the
/// start of the other (1 when adjacent). Pairs with `d ≤ window` add
///
///     proximity · min(idfᵢ, idfᵢ₊₁) / d
///
/// so adjacent rare terms (a name, a phrase typed without quotes) lift a section while
/// far-apart terms add nothing. Bound: a pair adds at most `proximity · min(idfᵢ, idfᵢ₊₁)`.
public enum ProximityBonus {
    public static func bonus(minimumGaps: UnsafeBufferPointer<Int32>, idf: [Double], parameters: RankingParameters) -> Double {
        guard parameters.proximity > 0 else { return 0 }
        var bonus = 0.0
        for pair in 0..<minimumGaps.count {
            let gap = minimumGaps[pair]
            guard gap > 0, gap <= parameters.proximityWindow else { continue }
            bonus += parameters.proximity * min(idf[pair], idf[pair + 1]) / Double(gap)
        }
        return bonus
    }
}

/// Term dependence after the sequential dependence model (Metzler & Croft 2005), in
/// the BM25 form of Metzler's and Lu's BM25 variants: each pair of consecutive query
/// phrases (*i*, *i*+1) is scored like a term whose frequency is how often the pair
/// occurs in weighted fields, ordered (*i* directly followed by *i*+1, `#1`) and
/// unordered (the two within `window` tokens in either order, `#uwN`):
///
///     proximity · min(idfᵢ, idfᵢ₊₁) · [ sat(ordered) + ½ · sat(unordered) ]
///     sat(x) = x (k1 + 1) / (k1 + x)
///
/// Bound (for pruned top-k search): `sat` < k1 + 1, so a pair adds less than
/// `1.5 · proximity · min(idfᵢ, idfᵢ₊₁) · (k1 + 1)`.
public enum SequentialDependence {
    public static func bonus(ordered: UnsafeBufferPointer<Int32>, unordered: UnsafeBufferPointer<Int32>,
                             idf: [Double], parameters: RankingParameters) -> Double {
        guard parameters.proximity > 0 else { return 0 }
        let k1 = parameters.k1
        func saturated(_ count: Int32) -> Double { count > 0 ? Double(count) * (k1 + 1) / (k1 + Double(count)) : 0 }
        var bonus = 0.0
        for pair in 0..<ordered.count where ordered[pair] > 0 || unordered[pair] > 0 {
            bonus += parameters.proximity * min(idf[pair], idf[pair + 1])
                * (saturated(ordered[pair]) + 0.5 * saturated(unordered[pair]))
        }
        return bonus
    }

    /// The most one pair can add, see the type's bound.
    public static func bound(idf: Double, parameters: RankingParameters) -> Double {
        1.5 * parameters.proximity * idf * (parameters.k1 + 1)
    }
}

/// Coordination: with `--any`, a section that matches more of the query, weighted by
/// how rare each matched term is, ranks higher than one that repeats a single term.
///
///     factor = (Σ idf of matched phrases / Σ idf of all phrases) ^ coordination
///
/// It multiplies the BM25F score plus proximity bonus. With every phrase required (the
/// default query mode) all hits match every positive phrase, so it changes no order.
public enum Coordination {
    public static func factor(matchedIDF: Double, totalIDF: Double, exponent: Double) -> Double {
        guard exponent != 0, totalIDF > 0 else { return 1 }
        return pow(matchedIDF / totalIDF, exponent)
    }
}

extension BM25F {
    /// ``phraseScore(frequencies:lengths:averageLengths:idf:)`` with its per-search
    /// constants folded, for judging many postings of one phrase (``LeadScores``): the
    /// four fields' normalisations in one vector division, `b / avglen` taken once. Equal
    /// to the formula within a few units of the last place, which pruning's slack covers;
    /// nil under ``RankingParameters/Normalisation/wholeRow``, which has no such form here.
    struct PostingKernel {
        private let weights: SIMD4<Double>
        private let constant: SIMD4<Double>
        private let slope: SIMD4<Double>
        private let k1: Double
        private let scale: Double

        /// For a phrase of `idf`, its score multiplied by `weight`.
        init?(_ bm25f: BM25F, averageLengths: [Double], idf: Double, weight: Double) {
            let parameters = bm25f.parameters
            guard parameters.normalisation == .perField, parameters.weights.count >= 4, parameters.b.count >= 4,
                  averageLengths.count >= 4 else { return nil }
            var weights = SIMD4<Double>(), constant = SIMD4<Double>(repeating: 1), slope = SIMD4<Double>()
            for field in 0..<4 {
                weights[field] = parameters.weights[field]
                // A field whose mean length is 0 is not normalised (``lengthFactor``).
                guard averageLengths[field] > 0 else { continue }
                constant[field] = 1 - parameters.b[field]
                slope[field] = parameters.b[field] / averageLengths[field]
            }
            (self.weights, self.constant, self.slope) = (weights, constant, slope)
            k1 = parameters.k1
            scale = weight * idf * (parameters.k1 + 1)
        }

        /// The weighted score of a posting with `frequencies` (within the phrase's columns)
        /// in a section of field `lengths`.
        @inline(__always)
        func score(frequencies: SIMD4<UInt32>, lengths: SIMD4<UInt32>) -> Double {
            let tf = SIMD4<Double>(frequencies)
            let factor = (constant + slope * SIMD4<Double>(lengths)).replacing(with: 1, where: tf .== 0)
            let pseudo = (weights * tf / factor).sum()
            return pseudo > 0 ? scale * pseudo / (k1 + pseudo) : 0
        }
    }
}
