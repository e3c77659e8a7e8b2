/// Splits text into sentences, as snippets cut it: a sentence ends at a newline, or
/// after `.`, `!`, `?` or `…` (and any closing quotes or brackets) when whitespace
/// follows, except after an abbreviation (`U.S.`, `Mr.`, `No. 10`).
///
/// Works on UTF-8 bytes and skips bytes that cannot end a sentence eight at a time
/// (``UTF8Scanning/nextSentenceMark(in:from:)``); all positions are byte offsets.
package enum SentenceSplitter {
    typealias Bytes = UTF8Scanning.Bytes

    /// Space, tab, newline or carriage return: the whitespace a snippet shows as one space.
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    /// Byte ranges of every sentence of `text`, trimmed of whitespace.
    static func sentences(in text: String) -> [Range<Int>] {
        let bytes = Array(text.utf8)
        return sentences(in: bytes, upTo: bytes.count)
    }

    /// Byte ranges of the sentences of `bytes` that start before `limit`, trimmed of whitespace.
    package static func sentences(in bytes: [UInt8], upTo limit: Int) -> [Range<Int>] {
        bytes.withUnsafeBufferPointer { sentences(in: Bytes($0), upTo: limit) }
    }

    /// The sentences that start before `limit` (the last one may run past it), from
    /// `origin`, which must be 0 or a newline's position.
    static func sentences(in bytes: Bytes, from origin: Int = 0, upTo limit: Int) -> [Range<Int>] {
        // Room for the sentences at once (few are under 40 bytes): grown as it filled, the
        // array was reallocated three or four times a snippet.
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(max(0, min(limit, bytes.count) - origin) / 40 + 2)
        var start = origin
        var index = origin
        func close(at end: Int) {
            var lower = start, upper = end
            while lower < upper, isSpace(bytes[lower]) { lower += 1 }
            while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
            if upper > lower { ranges.append(lower..<upper) }
            start = end
        }
        // Stop once a sentence has closed at or past `limit`.
        while index < bytes.count, start < limit {
            // Most bytes cannot end a sentence: skip them eight at a time.
            index = UTF8Scanning.nextSentenceMark(in: bytes, from: index)
            guard index < bytes.count else { break }
            if bytes[index] == 0x0A {
                close(at: index)
                index += 1
                continue
            }
            if let end = sentenceEnd(in: bytes, at: index) {
                close(at: end)
                index = end
                continue
            }
            index += 1
        }
        if start < limit { close(at: bytes.count) }
        return ranges
    }

    /// Where a sentence ends if the mark at `index` (`.`, `!`, `?`, `…`) ends one: after
    /// the mark and any closing `"` `)` `'` `”` `’`, when whitespace follows and the mark
    /// is not an abbreviation's full stop.
    private static func sentenceEnd(in bytes: Bytes, at index: Int) -> Int? {
        let byte = bytes[index]
        var end: Int
        if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") {
            end = index + 1
        } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA6 {
            end = index + 3
        } else {
            return nil
        }
        while end < bytes.count {
            if bytes[end] == 0x22 || bytes[end] == 0x29 || bytes[end] == 0x27 { end += 1; continue }
            if end + 2 < bytes.count, bytes[end] == 0xE2, bytes[end + 1] == 0x80,
               bytes[end + 2] == 0x9D || bytes[end + 2] == 0x99 { end += 3; continue }
            break
        }
        guard end < bytes.count, isSpace(bytes[end]), !isAbbreviation(bytes, before: index) else { return nil }
        return end
    }

    /// Titles and short forms after which a full stop does not end a sentence, each packed
    /// into an integer (``packed(_:)``) so that a word is looked up without allocating.
    static let abbreviations: [UInt64] = [
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "gov", "sen", "rep", "prof", "inc", "ltd", "co", "corp",
        "vs", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "etc", "approx",
    ].map { packed($0.utf8) }

    private static let number = packed("no".utf8)

    /// Up to eight letters, lowercased, one per byte of an integer.
    private static func packed<Letters: Collection<UInt8>>(_ letters: Letters) -> UInt64 {
        letters.reduce(0) { $0 << 8 | UInt64($1 | 0x20) }
    }

    /// `U.S.`, `Mr.`, `e.g.`: a full stop after a single letter (that follows a space or
    /// another full stop) or after a known short form does not end a sentence.
    private static func isAbbreviation(_ bytes: Bytes, before index: Int) -> Bool {
        guard bytes[index] == UInt8(ascii: ".") else { return false }
        var cursor = index - 1
        while cursor >= 0, (bytes[cursor] | 0x20) >= UInt8(ascii: "a"), (bytes[cursor] | 0x20) <= UInt8(ascii: "z") {
            cursor -= 1
        }
        let letters = index - 1 - cursor
        guard letters >= 1, cursor < 0 || isSpace(bytes[cursor]) || bytes[cursor] == UInt8(ascii: ".") else { return false }
        if letters == 1 { return true }
        guard letters <= 6 else { return false }
        let word = packed(bytes[(cursor + 1)..<index])
        // "No." is only an abbreviation before a number ("No. 10"); elsewhere it ends a sentence.
        if word == number { return index + 2 < bytes.count && bytes[index + 2] >= 0x30 && bytes[index + 2] <= 0x39 }
        return abbreviations.contains(word)
    }
}
