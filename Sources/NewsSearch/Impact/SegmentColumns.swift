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

    /// Decodes ids into `ids` from its start; returns how many were written (at most
    /// `ids.count`: a damaged column cannot write past the buffer). A gap below 128 (the
    /// next section of an article is 1 on, the next article's first at most 64) is its one
    /// byte: read as such, every search process's start decodes a million ids at 1M
    /// sections in under half the instructions (24.0M → 11.0M).
    @discardableResult
    static func decodeIDs<ID: FixedWidthInteger>(_ bytes: UnsafeRawBufferPointer, into ids: UnsafeMutableBufferPointer<ID>) -> Int {
        guard let start = bytes.baseAddress, let out = ids.baseAddress else { return 0 }
        var offset = 0, previous: Int64 = 0, count = 0
        let end = bytes.count, capacity = ids.count
        while offset < end, count < capacity {
            let byte = start.load(fromByteOffset: offset, as: UInt8.self)
            if byte < 0x80 {
                previous &+= Int64(byte)
                offset &+= 1
            } else {
                previous &+= Int64(bitPattern: Varint.read(bytes, &offset))
            }
            out[count] = ID(truncatingIfNeeded: previous)
            count &+= 1
        }
        return count
    }

    /// The ids of a column, as an array.
    static func decodeIDs(_ bytes: UnsafeRawBufferPointer) -> [Int64] {
        // A gap takes at least one byte: never more ids than bytes.
        [Int64](unsafeUninitializedCapacity: bytes.count) { buffer, initialized in
            initialized = decodeIDs(bytes, into: buffer)
        }
    }

    static func encode(lengths: [UInt32]) -> [UInt8] {
        if lengths.allSatisfy({ $0 <= UInt32(UInt16.max) }) {
            let narrow = lengths.map { UInt16($0) }
            return [2] + narrow.withUnsafeBytes { [UInt8]($0) }
        }
        return [4] + lengths.withUnsafeBytes { [UInt8]($0) }
    }

    /// How many lengths a column holds.
    static func lengthCount(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard let width = bytes.first, width == 2 || width == 4 else { return 0 }
        return (bytes.count - 1) / Int(width)
    }

    /// Decodes lengths into `lengths` from its start (at most `lengths.count`); a tight
    /// loop over the raw bytes, which the compiler vectorizes: every search process
    /// decodes millions of them.
    /// Into `UInt16`s only a narrow column (width 2) is decoded (a wide one would not fit).
    static func decodeLengths<Length: FixedWidthInteger>(_ bytes: UnsafeRawBufferPointer, into lengths: UnsafeMutableBufferPointer<Length>) {
        guard let width = bytes.first else { return }
        let count = min(lengthCount(bytes), lengths.count)
        let body = UnsafeRawBufferPointer(rebasing: bytes[1...])
        if width == 2 {
            for index in 0..<count { lengths[index] = Length(body.loadUnaligned(fromByteOffset: index &* 2, as: UInt16.self)) }
        } else if width == 4, Length.bitWidth >= 32 {
            for index in 0..<count { lengths[index] = Length(truncatingIfNeeded: body.loadUnaligned(fromByteOffset: index &* 4, as: UInt32.self)) }
        }
    }
}
