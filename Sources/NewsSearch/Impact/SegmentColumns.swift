/// The stored form of a segment's section ids and field lengths (`impact_segments.ids`
/// and `.lengths`), compact because every search process reads all of them once:
///
/// - ids: increasing, stored as gaps, varints (a section's ordinal usually follows the
///   one before it: one byte each);
/// - lengths: four per section; a leading byte 2 when every length fits 16 bits and
///   they are stored as `UInt16`, else 4 and `UInt32` (little-endian, as in memory).
///
/// On the 1M-section index this took the directory from 24 MB to about 9 MB.
enum SegmentColumns {
    static func encode(ids: [Int64]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ids.count + 8)
        var previous: Int64 = 0
        for id in ids {
            Varint.append(UInt64(bitPattern: id &- previous), to: &bytes)
            previous = id
        }
        return bytes
    }

    static func decodeIDs(_ bytes: UnsafeRawBufferPointer, into ids: inout [Int64]) {
        var offset = 0, previous: Int64 = 0
        while offset < bytes.count {
            previous &+= Int64(bitPattern: Varint.read(bytes, &offset))
            ids.append(previous)
        }
    }

    static func encode(lengths: [UInt32]) -> [UInt8] {
        if lengths.allSatisfy({ $0 <= UInt32(UInt16.max) }) {
            let narrow = lengths.map { UInt16($0) }
            return [2] + narrow.withUnsafeBytes { [UInt8]($0) }
        }
        return [4] + lengths.withUnsafeBytes { [UInt8]($0) }
    }

    static func decodeLengths(_ bytes: UnsafeRawBufferPointer, into lengths: inout [UInt32]) {
        guard let width = bytes.first else { return }
        let body = UnsafeRawBufferPointer(rebasing: bytes[1...])
        if width == 2 {
            let count = body.count / 2
            lengths.reserveCapacity(lengths.count + count)
            for index in 0..<count { lengths.append(UInt32(body.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self))) }
        } else {
            let count = body.count / 4
            lengths.reserveCapacity(lengths.count + count)
            for index in 0..<count { lengths.append(body.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)) }
        }
    }
}
