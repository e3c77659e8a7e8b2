/// The length normalisation under which a segment's tight block bounds were computed
/// (`impact_segments.bound_basis`): per field the `b` of BM25F and an average length.
///
/// Each block stores, per field, the largest normalised frequency of its postings,
///
///     N_f = max over postings of  tf_f / (1 − b_f + b_f · len_f / A_f)
///
/// with this basis's `b_f` and `A_f` (``PostingsBuilder``). Scored later, the same
/// posting's normalised frequency uses the index's average now, `A'_f`, and for every
/// length `len ≥ 0`
///
///     (1 − b + b · len / A) / (1 − b + b · len / A')  ≤  max(1, A' / A)
///
/// (the ratio moves monotonically in `len` from 1 at `len = 0` towards `A' / A`), so
/// `N_f · max(1, A'_f / A_f)` bounds it whatever sections were added or deleted since:
/// ``scale(b:averageLengths:)``. Unlike ``BlockBound``'s extremes, whose largest
/// frequency and smallest length may come from different postings, `N_f` is one
/// posting's, and MaxScore's bounds come near the scores they bound.
///
/// A basis with field weights `w_f` (written from version 6 on) also has each block
/// store the largest combined pseudo-frequency of one posting over the fields an
/// unfielded word searches (title, heading, body),
///
///     C = max over postings of  Σ_f w_f · tf_f / (1 − b_f + b_f · len_f / A_f)
///
/// which is what BM25F saturates: the per-field maxima summed may each come from a
/// different posting (a title match in one, many body matches in another), `C` never.
/// Each term of the sum grows by at most its field's factor, so `C` times the largest
/// of the three factors bounds it later (``combinedScale(weights:b:averageLengths:)``).
struct BoundBasis: Equatable, Sendable {
    var b: SIMD4<Double>
    /// Each field's average length, never 0 (an empty field's is taken as 1).
    var averages: SIMD4<Double>
    /// The field weights of the combined maxima; nil in segments written without them.
    var weights: SIMD4<Double>?

    /// The fields of the combined maxima: those an unfielded word searches.
    static let combinedColumns = PreparedQuery.defaultColumns

    init(b: SIMD4<Double>, averageLengths: SIMD4<Double>, weights: SIMD4<Double>? = nil) {
        self.b = b
        averages = averageLengths.replacing(with: 1, where: .!(averageLengths .> 0))
        self.weights = weights
    }

    /// The basis of a segment with these section count and field-length sums (its
    /// averages, ``ImpactTotals/averageLengths``), under the default ranking's `b` and weights.
    init(totals: ImpactTotals) {
        let averages = totals.averageLengths, b = RankingParameters.default.b, weights = RankingParameters.default.weights
        self.init(b: SIMD4(b[0], b[1], b[2], b[3]), averageLengths: SIMD4(averages[0], averages[1], averages[2], averages[3]),
                  weights: SIMD4(weights[0], weights[1], weights[2], weights[3]))
    }

    /// One posting's combined pseudo-frequency over ``combinedColumns``, from its
    /// normalised frequencies (``normalised(frequencies:lengths:)``); 0 without weights.
    @inline(__always)
    func combined(_ normalised: SIMD4<Double>) -> Double {
        guard let weights else { return 0 }
        let mask = Self.combinedColumns
        var sum = 0.0
        for field in 0..<4 where mask & (1 << UInt8(field)) != 0 { sum += weights[field] * normalised[field] }
        return sum
    }

    /// One posting's normalised frequency per field under this basis.
    @inline(__always)
    func normalised(frequencies: SIMD4<UInt32>, lengths: SIMD4<UInt32>) -> SIMD4<Double> {
        let tf = SIMD4<Double>(frequencies), length = SIMD4<Double>(lengths)
        let divisor = 1 - b + b * length / averages
        // A field that is empty here holds no occurrence (0 / 0 when b is 1).
        return (tf / divisor).replacing(with: 0, where: tf .== 0)
    }

    /// Per field, the factor that turns a normalised frequency under this basis into a
    /// bound of it under `b` and the index's `averageLengths` now; nil when `b` differs
    /// from the basis's (the tight bounds do not apply, ``BlockBound``'s still do). A
    /// field whose average is 0 now holds no live posting, and gets 1.
    func scale(b query: [Double], averageLengths: [Double]) -> SIMD4<Double>? {
        guard query.count == 4, (0..<4).allSatisfy({ query[$0] == b[$0] }) else { return nil }
        var scale = SIMD4<Double>(repeating: 1)
        for field in 0..<4 where averageLengths[field] > averages[field] {
            scale[field] = averageLengths[field] / averages[field]
        }
        return scale
    }

    /// The factor that turns a combined maximum under this basis into a bound of the
    /// combined pseudo-frequency under `weights`, `b` and the averages now: the largest
    /// field factor of ``scale(b:averageLengths:)`` over ``combinedColumns``; nil when the
    /// basis has no weights or the search's weights or `b` differ.
    func combinedScale(weights query: [Double], b: [Double], averageLengths: [Double]) -> Double? {
        guard let weights, query.count == 4, (0..<4).allSatisfy({ query[$0] == weights[$0] }),
              let scale = scale(b: b, averageLengths: averageLengths) else { return nil }
        // Without arrays: computed for every segment by every search.
        var largest: Double?
        for field in 0..<4 where Self.combinedColumns & (1 << UInt8(field)) != 0 { largest = max(largest ?? scale[field], scale[field]) }
        return largest ?? 1
    }

    /// Little-endian doubles: `b`, the averages, then the weights if there are any.
    var encoded: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(96)
        var values = [b[0], b[1], b[2], b[3], averages[0], averages[1], averages[2], averages[3]]
        if let weights { values += [weights[0], weights[1], weights[2], weights[3]] }
        for value in values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 }
        }
        return bytes
    }

    init?(encoded bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 64 || bytes.count == 96 else { return nil }
        var values = [Double](repeating: 0, count: bytes.count / 8)
        for index in values.indices {
            values[index] = Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)))
        }
        guard values.allSatisfy({ $0.isFinite }), (4..<8).allSatisfy({ values[$0] > 0 }) else { return nil }
        let weights = values.count == 12 ? SIMD4(values[8], values[9], values[10], values[11]) : nil
        guard weights.map({ $0.min() >= 0 }) ?? true else { return nil }
        self.init(b: SIMD4(values[0], values[1], values[2], values[3]),
                  averageLengths: SIMD4(values[4], values[5], values[6], values[7]), weights: weights)
    }
}

/// Per segment of a directory, the factors that turn the tight bounds it stored into
/// bounds under one search's ranking (``BoundBasis/scale(b:averageLengths:)`` and
/// ``BoundBasis/combinedScale(weights:b:averageLengths:)``; nil where they do not
/// apply): computed once a search, not once per word and segment.
struct BoundScales {
    let fields: [SIMD4<Double>?]
    let combined: [Double?]

    init(directory: SegmentDirectory, parameters: RankingParameters) {
        let averages = directory.totals.averageLengths
        fields = directory.segments.map { $0.basis?.scale(b: parameters.b, averageLengths: averages) }
        combined = directory.segments.map {
            $0.basis?.combinedScale(weights: parameters.weights, b: parameters.b, averageLengths: averages)
        }
    }
}
