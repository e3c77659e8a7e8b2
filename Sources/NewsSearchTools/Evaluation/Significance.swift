import Foundation

/// Paired significance tests on per-query scores of two rankers over the same queries.
///
/// The randomisation (permutation) test of Fisher, as Smucker, Allan & Carterette (2007)
/// recommend for IR: under the null hypothesis the two rankers are exchangeable on each
/// query, so the sign of each per-query difference is a coin toss. The p-value is the
/// share of sign assignments whose mean difference is at least as far from 0 as the
/// observed one (two-sided). With up to ``exactLimit`` queries every assignment is
/// enumerated; beyond that ``trials`` random assignments are drawn from a fixed-seed
/// generator, so the same input always prints the same p-value.
public enum Significance {
    /// Up to this many non-zero differences, every sign assignment is enumerated.
    public static let exactLimit = 16
    /// Random sign assignments drawn for larger samples.
    public static let trials = 20_000

    /// Two-sided p-value of the paired randomisation test on `a[i] − b[i]`; 1 when
    /// the two agree on every query or there are no queries.
    public static func randomisationTest(_ a: [Double], _ b: [Double], seed: UInt64 = 17) -> Double {
        precondition(a.count == b.count, "paired scores need the same queries")
        // Queries where both agree add 0 under every sign assignment: leave them out.
        let differences = zip(a, b).map { $0 - $1 }.filter { abs($0) > 1e-12 }
        guard !differences.isEmpty else { return 1 }
        let observed = abs(differences.reduce(0, +)) - 1e-9
        var extreme = 0, total = 0
        if differences.count <= exactLimit {
            for signs in 0..<(1 << differences.count) {
                if abs(signedSum(differences) { signs & (1 << $0) != 0 }) >= observed { extreme += 1 }
                total += 1
            }
        } else {
            var generator = SplitMix64(seed: seed)
            for _ in 0..<trials {
                var bits: UInt64 = 0, left = 0
                let sum = signedSum(differences) { _ in
                    if left == 0 { bits = generator.next(); left = 64 }
                    left -= 1
                    defer { bits >>= 1 }
                    return bits & 1 == 1
                }
                if abs(sum) >= observed { extreme += 1 }
                total += 1
            }
            // Count the observed assignment itself, so p is never 0 (Phipson & Smyth 2010).
            extreme += 1
            total += 1
        }
        return Double(extreme) / Double(total)
    }

    private static func signedSum(_ values: [Double], flipped: (Int) -> Bool) -> Double {
        var sum = 0.0
        for (index, value) in values.enumerated() { sum += flipped(index) ? -value : value }
        return sum
    }
}
