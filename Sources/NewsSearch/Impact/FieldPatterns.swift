/// How many live sections of one segment hold a term, by the set of fields that hold
/// it (a 4-bit pattern: bit *f* for field *f*, in FTS5 column order).
///
/// FTS5 counts a phrase's document frequency within its column filter (the default
/// filter leaves out the author); the count for any filter is the sum over the patterns
/// that meet it. Stored as `(pattern, count)` varint pairs for the non-zero patterns.
struct FieldPatterns: Equatable, Sendable {
    static let patternCount = 16
    var counts = [Int64](repeating: 0, count: FieldPatterns.patternCount)

    init() {}

    init(encoded bytes: UnsafeRawBufferPointer) {
        add(encoded: bytes)
    }

    /// Adds the counts of `bytes` (``encoded``), another segment's, to these.
    mutating func add(encoded bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < bytes.count {
            let pattern = Int(Varint.read(bytes, &offset)) & 15
            counts[pattern] += Int64(Varint.read(bytes, &offset))
        }
    }

    var encoded: [UInt8] {
        var bytes: [UInt8] = []
        for (pattern, count) in counts.enumerated() where count > 0 {
            Varint.append(UInt32(pattern), to: &bytes)
            Varint.append(UInt64(count), to: &bytes)
        }
        return bytes
    }

    /// Live sections whose pattern meets `columns` (a column mask).
    func documents(in columns: UInt8) -> Int64 {
        var total: Int64 = 0
        for pattern in 1..<Self.patternCount where UInt8(pattern) & columns != 0 { total += counts[pattern] }
        return total
    }

    var isEmpty: Bool { counts.allSatisfy { $0 == 0 } }
}
