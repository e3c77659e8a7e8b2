/// LEB128 varints: 7 bits per byte, low bits first, the high bit set on every byte but
/// the last. The postings' integer encoding (``PostingsCodec``).
enum Varint {
    @inline(__always)
    static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        append(UInt64(value), to: &bytes)
    }

    @inline(__always)
    static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Reads one varint at `offset` of `bytes` and moves `offset` past it. Malformed
    /// input (a varint running off the end) reads as the bytes that are there.
    @inline(__always)
    static func read(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int) -> UInt64 {
        var value: UInt64 = 0, shift: UInt64 = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 || shift >= 57 { return value }
            shift += 7
        }
        return value
    }

    @inline(__always)
    static func read32(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int) -> UInt32 {
        UInt32(truncatingIfNeeded: read(bytes, &offset))
    }

    /// The offset just past the first `count` varints of `bytes` from `start` (a varint
    /// ends with a byte below 0x80), 8 bytes at a time while whole words can be passed:
    /// a word holds 8 minus its set high bits of ends.
    static func skip(_ count: Int, in bytes: UnsafeRawBufferPointer, from start: Int, limit: Int) -> Int {
        var left = count, offset = start
        // Two words a step while both can be passed: a common word's offsets before a
        // posting run to kilobytes, and the loop's own steps were half the work.
        while left >= 16, offset + 16 <= limit {
            let first = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let second = bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)
            let found = 16 - (first & 0x8080_8080_8080_8080).nonzeroBitCount - (second & 0x8080_8080_8080_8080).nonzeroBitCount
            if found > left { break }
            left -= found
            offset += 16
        }
        while left >= 8, offset + 8 <= limit {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let found = 8 - (word & 0x8080_8080_8080_8080).nonzeroBitCount
            if found > left { break }
            left -= found
            offset += 8
        }
        while left > 0, offset < limit {
            if bytes[offset] < 0x80 { left -= 1 }
            offset += 1
        }
        return offset
    }
}
