/// Byte-level scans over a section's UTF-8 text for the passage selector, eight bytes
/// at a time in one 64-bit word ("SIMD within a register"): they run over every byte up
/// to the last match of every hit, so they are the bulk of a snippet's cost. (Swift's
/// `SIMD16` comparisons compile to a loop over the lanes here, slower than bytes one by one.)
///
/// Characters are counted as Unicode scalars, that is bytes that do not continue a
/// UTF-8 sequence (`10xxxxxx`).
enum UTF8Scanning {
    /// A text's bytes, read without bounds checks (every index is checked against
    /// `count` by the loop using it), and whether they are all ASCII: then a character
    /// is a byte, and counting characters is arithmetic (most news text here).
    struct Bytes {
        let buffer: UnsafeBufferPointer<UInt8>
        let isASCII: Bool

        init(_ buffer: UnsafeBufferPointer<UInt8>) {
            self.buffer = buffer
            isASCII = UTF8Scanning.isASCII(buffer)
        }

        var count: Int { buffer.count }
        subscript(index: Int) -> UInt8 { buffer[index] }
        subscript(range: Range<Int>) -> Slice<UnsafeBufferPointer<UInt8>> { buffer[range] }
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    @inline(__always)
    private static func word(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt64 {
        UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
    }

    /// Whether every byte is below 0x80.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        var high: UInt64 = 0
        while index + 8 <= bytes.count {
            high |= word(bytes, at: index)
            index += 8
        }
        while index < bytes.count {
            high |= UInt64(bytes[index])
            index += 1
        }
        return high & highBits == 0
    }

    /// Nonzero when some byte of `word` equals `byte`: a zero byte of `word ^ pattern`
    /// is the only one whose high bit survives `(x - ones) & ~x`.
    @inline(__always)
    private static func has(_ byte: UInt8, in word: UInt64) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highBits
    }

    /// The first index at or after `index` holding a byte that may end a sentence
    /// (newline, `.`, `!`, `?`, or `0xE2`, the lead byte of `…` and of closing quotes),
    /// or `bytes.count`.
    static func nextSentenceMark(in bytes: Bytes, from index: Int) -> Int {
        var index = index
        while index + 8 <= bytes.count {
            let w = word(bytes.buffer, at: index)
            if has(0x0A, in: w) | has(0x2E, in: w) | has(0x21, in: w) | has(0x3F, in: w) | has(0xE2, in: w) != 0 { break }
            index += 8
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x2E || byte == 0x21 || byte == 0x3F || byte == 0xE2 { return index }
            index += 1
        }
        return bytes.count
    }

    /// The position of the last newline before `position`, or 0 if there is none.
    static func lastNewline(in bytes: Bytes, before position: Int) -> Int {
        var index = position
        while index >= 8 {
            if has(0x0A, in: word(bytes.buffer, at: index - 8)) != 0 { break }
            index -= 8
        }
        while index > 0 {
            index -= 1
            if bytes[index] == 0x0A { return index }
        }
        return 0
    }

    /// Characters in `range`.
    static func characterCount(_ bytes: Bytes, _ range: Range<Int>) -> Int {
        if bytes.isASCII { return range.count }
        var index = range.lowerBound
        var continuations = 0
        while index + 8 <= range.upperBound {
            let w = word(bytes.buffer, at: index)
            // A continuation byte has its high bit set and the next bit clear.
            continuations &+= (w & ~(w << 1) & highBits).nonzeroBitCount
            index += 8
        }
        while index < range.upperBound {
            if bytes[index] & 0xC0 == 0x80 { continuations += 1 }
            index += 1
        }
        return range.count - continuations
    }

    /// The position `characters` characters after `start`, not past `limit`: the end of
    /// the last whole character counted.
    static func advance(_ bytes: Bytes, from start: Int, characters: Int, limit: Int) -> Int {
        if bytes.isASCII { return max(start, min(limit, start + characters)) }
        var end = start
        var remaining = characters
        // `remaining` bytes hold at most `remaining` characters: take them in one step,
        // count what they held, repeat (once, for text that is mostly ASCII).
        while remaining > 0, end < limit {
            let next = min(limit, end + remaining)
            remaining -= characterCount(bytes, end..<next)
            end = next
        }
        while end < limit, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return end
    }

    /// The position `characters` characters before `position`, not before `floor`: the
    /// start of the last character counted.
    static func retreat(_ bytes: Bytes, from position: Int, characters: Int, floor: Int) -> Int {
        if bytes.isASCII { return min(position, max(floor, position - characters)) }
        var start = position
        var remaining = characters
        // As in `advance`: `remaining` bytes back hold at most `remaining` characters.
        while remaining > 0, start > floor {
            let previous = max(floor, start - remaining)
            remaining -= characterCount(bytes, previous..<start)
            start = previous
        }
        while start > floor, start < bytes.count, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return start
    }
}
