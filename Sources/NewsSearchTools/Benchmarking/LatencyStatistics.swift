import Histogram
import NewsSearch

/// Latencies of one arm of a benchmark, kept in an HDR histogram (nanoseconds, three
/// significant digits), so percentiles are exact to 0.1 % whatever the spread.
public struct LatencyRecorder: Sendable {
    private var histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
    private var totalSeconds = 0.0

    public init() {}

    public mutating func record(seconds: Double) {
        _ = histogram.record(UInt64(max(1, (seconds * 1e9).rounded())))
        totalSeconds += seconds
    }

    public var count: Int { Int(histogram.totalCount) }

    /// Adds another recorder's latencies to this one.
    public mutating func merge(_ other: LatencyRecorder) {
        histogram.add(other.histogram)
        totalSeconds += other.totalSeconds
    }

    public var summary: LatencySummary {
        guard count > 0 else { return LatencySummary(count: 0, p50_ms: 0, p90_ms: 0, p99_ms: 0, max_ms: 0, qps: 0) }
        func ms(_ percentile: Double) -> Double { (Double(histogram.valueAtPercentile(percentile)) / 1e6 * 1000).rounded() / 1000 }
        return LatencySummary(count: count, p50_ms: ms(50), p90_ms: ms(90), p99_ms: ms(99),
                              max_ms: (Double(histogram.max) / 1e6 * 1000).rounded() / 1000,
                              qps: (Double(count) / totalSeconds * 10).rounded() / 10)
    }
}

/// Percentiles in milliseconds and throughput in queries per second.
public struct LatencySummary: Sendable, Codable, Equatable {
    public var count: Int
    public var p50_ms: Double
    public var p90_ms: Double
    public var p99_ms: Double
    public var max_ms: Double
    public var qps: Double

    public init(count: Int, p50_ms: Double, p90_ms: Double, p99_ms: Double, max_ms: Double, qps: Double) {
        (self.count, self.p50_ms, self.p90_ms, self.p99_ms) = (count, p50_ms, p90_ms, p99_ms)
        (self.max_ms, self.qps) = (max_ms, qps)
    }
}

/// `numerator / denominator` at p50 and p99.
public struct LatencyRatio: Sendable, Codable, Equatable {
    public var p50: Double
    public var p99: Double

    public init(_ numerator: LatencySummary, over denominator: LatencySummary) {
        func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? (a / b * 1000).rounded() / 1000 : 0 }
        p50 = ratio(numerator.p50_ms, denominator.p50_ms)
        p99 = ratio(numerator.p99_ms, denominator.p99_ms)
    }
}
