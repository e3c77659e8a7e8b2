/// Turns raw phrase instances into highlight spans.
///
/// Overlapping spans, and spans separated only by whitespace (two query words that
/// stand side by side), merge into one; each merged span remembers every phrase it
/// covers so that passage scoring can count distinct query terms.
public struct MergedSpan: Sendable, Equatable {
    public var range: Range<Int>
    public var phrases: PhraseSet
}

public enum MatchSpans {
    public static func merge(_ spans: [MatchSpan], in bytes: [UInt8]) -> [MergedSpan] {
        bytes.withUnsafeBufferPointer { merge(spans, in: $0) }
    }

    static func merge(_ spans: [MatchSpan], in bytes: UnsafeBufferPointer<UInt8>) -> [MergedSpan] {
        var sorted = spans.filter { $0.range.lowerBound >= 0 && $0.range.upperBound <= bytes.count && !$0.range.isEmpty }
        let before = { (left: MatchSpan, right: MatchSpan) in
            (left.range.lowerBound, left.range.upperBound) < (right.range.lowerBound, right.range.upperBound)
        }
        // FTS5 reports instances in text order, so this is usually sorted already.
        if zip(sorted, sorted.dropFirst()).contains(where: { before($1, $0) }) { sorted.sort(by: before) }
        var merged: [MergedSpan] = []
        merged.reserveCapacity(sorted.count)
        for span in sorted {
            if let last = merged.last, touches(last.range, span.range, bytes) {
                merged[merged.count - 1].range = last.range.lowerBound..<max(last.range.upperBound, span.range.upperBound)
                merged[merged.count - 1].phrases.insert(span.phrase)
            } else {
                merged.append(MergedSpan(range: span.range, phrases: PhraseSet(span.phrase)))
            }
        }
        return merged
    }

    private static func touches(_ left: Range<Int>, _ right: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = left.upperBound
        while index < right.lowerBound {
            if !SentenceSplitter.isSpace(bytes[index]) { return false }
            index += 1
        }
        return true
    }
}

extension MatchSpans {
    /// Byte spans of the instances in `column`: a phrase instance covers its first token
    /// to its last (`offset` to `offset + size - 1`), so a phrase is one span. `token`
    /// gives a token's bytes by number (nil past the text).
    static func spans(of instances: some Collection<PhraseInstance>, column: Int32, phraseSizes: [Int32],
                      token: (Int) -> Range<Int>?) -> [MatchSpan] {
        instances.compactMap { instance in
            guard instance.column == column, Int(instance.phrase) < phraseSizes.count else { return nil }
            let first = Int(instance.offset)
            let last = first + Int(phraseSizes[Int(instance.phrase)]) - 1
            guard first >= 0, last >= first, let start = token(first), let end = token(last) else { return nil }
            return MatchSpan(range: start.lowerBound..<end.upperBound, phrase: Int(instance.phrase))
        }
    }
}

/// A set of query phrase indexes as a 64-bit mask: no allocation, O(1) union and
/// subset tests in the snippet scorer's inner loop. Phrase *i* is bit *i* mod 64, so
/// queries of more than 64 phrases share bits (coverage is then only approximate).
public struct PhraseSet: Sendable, Equatable, Hashable {
    public private(set) var bits: UInt64 = 0

    public init() {}
    public init(_ phrase: Int) { insert(phrase) }

    public mutating func insert(_ phrase: Int) { bits |= 1 << UInt64(phrase & 63) }
    public mutating func formUnion(_ other: PhraseSet) { bits |= other.bits }
    public func isSubset(of other: PhraseSet) -> Bool { bits & ~other.bits == 0 }
    public var isEmpty: Bool { bits == 0 }
    public var count: Int { bits.nonzeroBitCount }

    /// Sum of `weights[i]` over the members (1 where no weight is known, at least 0.01).
    public func weight(_ weights: [Double]) -> Double {
        var total = 0.0
        var rest = bits
        while rest != 0 {
            let index = rest.trailingZeroBitCount
            total += index < weights.count ? max(weights[index], 0.01) : 1
            rest &= rest - 1
        }
        return total
    }
}
