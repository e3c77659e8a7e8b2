/// Where every ``interval``-th token of a section's body starts, as found by the index's
/// own tokenizer when the section was indexed (`sections.token_marks`).
///
/// FTS5 tells where a query matched only as token numbers (`xInst`); a snippet needs the
/// bytes. Without marks, token *k*'s bytes are found by tokenizing the body from its
/// start up to *k*: that was half the cost of a snippet. With marks, tokenizing starts at
/// mark ⌊k / interval⌋, so it covers at most `interval` tokens before each match.
///
/// Invariant this relies on: the index's tokenizer (`unicode61`) keeps no state from
/// one token to the next, so tokenizing from the first byte of token *m* yields tokens
/// *m*, *m*+1, … exactly as tokenizing from the start does (a test checks this on
/// accented, CJK and emoji text).
///
/// Stored as the byte offsets' differences, each a LEB128 varint (one or two bytes for
/// 16 tokens of prose): about 1 % of the text's size.
struct TokenMarks: Sendable, Equatable {
    static let interval = 16

    /// Byte offsets of tokens 0, interval, 2·interval, … in the body.
    var offsets: [Int]

    init(offsets: [Int]) {
        self.offsets = offsets
    }

    /// The marks of `text`, from the index's tokenizer.
    init(of text: String, tokenizer: IndexTokenizer) {
        var text = text
        offsets = text.withUTF8 { bytes in
            tokenizer.tokenStarts(in: bytes, every: Self.interval)
        }
    }

    /// Decodes the stored form; nil if it is malformed (the caller then tokenizes from
    /// the start, as for an index made before marks were kept).
    init?(encoded bytes: UnsafeBufferPointer<UInt8>) {
        var offsets: [Int] = []
        offsets.reserveCapacity(bytes.count)
        var value = 0, shift = 0, previous = 0
        for byte in bytes {
            guard shift < 56 else { return nil }
            value |= Int(byte & 0x7F) << shift
            if byte & 0x80 != 0 {
                shift += 7
                continue
            }
            previous += value
            offsets.append(previous)
            value = 0
            shift = 0
        }
        guard shift == 0 else { return nil }
        self.offsets = offsets
    }

    /// The stored form.
    var encoded: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(offsets.count * 2)
        var previous = 0
        for offset in offsets {
            var delta = offset - previous
            previous = offset
            while delta >= 0x80 {
                bytes.append(UInt8(delta & 0x7F) | 0x80)
                delta >>= 7
            }
            bytes.append(UInt8(delta))
        }
        return bytes
    }
}
